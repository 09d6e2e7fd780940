import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import { PreparedQuery } from '../store/preparedQuery.js';
import type { Database } from '../store/schema.js';
import { AuthError } from './auth.errors.js';
import type { JwtCodec } from './jwt.js';
import { randomToken, sha256 } from './tokens.js';

/** A session lives this long without use (a refresh counts as use). */
export const SESSION_IDLE_MS = 30 * 24 * 3_600_000;

/** What a client gets from a login or a refresh. */
export interface TokenPair {
  jwt: string;
  refreshToken: string;
  /** Seconds until `jwt` expires. */
  expiresIn: number;
  sessionId: string;
}

/** The caller of an authenticated request. */
export interface Principal {
  userId: string;
  sessionId: string;
  /** The user's task-list version, read in the same lookup (lets callers reuse cached answers). */
  tasksVersion: number;
}

/** Login sessions: short-lived JWTs plus rotating, single-use refresh tokens. */
export class SessionService {
  /** Runs on every authenticated request, so it is compiled once. */
  private readonly sessionLookup;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly jwt: JwtCodec,
  ) {
    this.sessionLookup = new PreparedQuery(['sid'], (p) =>
      db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.user_id', 'sessions.revoked_at', 'sessions.expires_at', 'users.tasks_version'])
        .where('sessions.id', '=', p.sid),
    );
  }

  /** Opens a session for a user; `db` may be a transaction so a login writes all or nothing. */
  async open(userId: string, userAgent: string | null, db: Kysely<Database> = this.db): Promise<TokenPair> {
    const now = this.clock();
    const sessionId = newId();
    const refreshToken = randomToken();
    await db
      .insertInto('sessions')
      .values({
        id: sessionId,
        user_id: userId,
        created_at: now,
        last_used_at: now,
        expires_at: now + SESSION_IDLE_MS,
        revoked_at: null,
        user_agent: userAgent?.slice(0, 200) ?? null,
      })
      .execute();
    await db.insertInto('refresh_tokens').values({ token_hash: sha256(refreshToken), session_id: sessionId, created_at: now, used_at: null }).execute();
    return { ...this.issue(userId, sessionId), refreshToken, sessionId };
  }

  /**
   * Verifies an access token and that its session is still open: one primary-key lookup.
   */
  async authenticate(token: string): Promise<Principal> {
    const claims = this.jwt.verify(token);
    const session = await this.sessionLookup.first(this.db, { sid: claims.sid });
    if (!session || session.user_id !== claims.sub || session.revoked_at != null || session.expires_at <= this.clock()) {
      throw new AuthError('SESSION_REVOKED', 'This session has ended; log in again.');
    }
    return { userId: claims.sub, sessionId: claims.sid, tasksVersion: Number(session.tasks_version) };
  }

  /**
   * Trades a refresh token for a new pair. A token that was already rotated means it was
   * copied: the whole session is revoked so neither copy keeps working.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const now = this.clock();
    const hash = sha256(refreshToken);
    const outcome = await this.db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('refresh_tokens')
        .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
        .select(['refresh_tokens.used_at', 'sessions.id as session_id', 'sessions.user_id', 'sessions.revoked_at', 'sessions.expires_at'])
        .where('refresh_tokens.token_hash', '=', hash)
        .executeTakeFirst();
      if (!row) return { error: new AuthError('TOKEN_INVALID', 'Unknown refresh token.') };
      if (row.revoked_at != null || row.expires_at <= now) {
        return { error: new AuthError('SESSION_REVOKED', 'This session has ended; log in again.') };
      }
      // Marking the token used is conditional, so two concurrent refreshes cannot both win.
      const claimed = await tx
        .updateTable('refresh_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (row.used_at != null || Number(claimed.numUpdatedRows) === 0) {
        await tx.updateTable('sessions').set({ revoked_at: now }).where('id', '=', row.session_id).execute();
        return { error: new AuthError('TOKEN_REUSED', 'This refresh token was already used; the session has been ended for safety.') };
      }
      const next = randomToken();
      await tx.insertInto('refresh_tokens').values({ token_hash: sha256(next), session_id: row.session_id, created_at: now, used_at: null }).execute();
      await tx.updateTable('sessions').set({ last_used_at: now, expires_at: now + SESSION_IDLE_MS }).where('id', '=', row.session_id).execute();
      return { pair: { ...this.issue(row.user_id, row.session_id), refreshToken: next, sessionId: row.session_id } };
    });
    // Thrown after commit: a reuse must revoke the session even though the call fails.
    if ('error' in outcome) throw outcome.error;
    return outcome.pair;
  }

  async logout(sessionId: string): Promise<void> {
    await this.db.updateTable('sessions').set({ revoked_at: this.clock() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
  }

  async logoutAll(userId: string): Promise<number> {
    const r = await this.db
      .updateTable('sessions')
      .set({ revoked_at: this.clock() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Drops sessions ended or idle for over a day beyond their expiry; called by the scheduler. */
  async prune(): Promise<number> {
    const cutoff = this.clock() - 24 * 3_600_000;
    const r = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  private issue(userId: string, sessionId: string) {
    const { token, expiresIn } = this.jwt.sign({ sub: userId, sid: sessionId });
    return { jwt: token, expiresIn };
  }
}
