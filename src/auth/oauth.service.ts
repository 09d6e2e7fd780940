import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../store/schema.js';
import type { UserService } from '../users/user.service.js';
import type { User } from '../users/user.types.js';
import { AuthError } from './auth.errors.js';
import type { DiscordOAuthClient } from './discordOAuth.client.js';
import type { SessionService, TokenPair } from './session.service.js';
import { randomToken, sha256 } from './tokens.js';

/** A login attempt must come back within this long. */
export const STATE_TTL_MS = 10 * 60_000;

export interface OAuthSettings {
  clientId: string | undefined;
  authorizeUrl: string;
  redirectUri: string;
  redirectAllowlist: readonly string[];
}

/** Discord login (authorization code + PKCE) ending in one of our sessions. */
export class OAuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly settings: OAuthSettings,
    private readonly discord: DiscordOAuthClient | undefined,
    private readonly users: UserService,
    private readonly sessions: SessionService,
  ) {}

  /** Records a fresh single-use state with its PKCE verifier and returns where to send the browser. */
  async begin(requestedRedirect?: string): Promise<{ url: string; state: string }> {
    const clientId = this.settings.clientId;
    if (!clientId || !this.discord) throw notConfigured();
    const redirectUri = requestedRedirect ?? this.settings.redirectUri;
    if (redirectUri !== this.settings.redirectUri && !this.settings.redirectAllowlist.includes(redirectUri)) {
      throw new AuthError('INVALID_REDIRECT_URI', 'That redirect_uri is not on the allow-list.');
    }
    const now = this.clock();
    const state = randomToken();
    const verifier = randomToken();
    await this.db
      .insertInto('oauth_states')
      .values({ state_hash: sha256(state), code_verifier: verifier, redirect_uri: redirectUri, created_at: now, expires_at: now + STATE_TTL_MS })
      .execute();
    const url = new URL(this.settings.authorizeUrl);
    url.search = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'identify',
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), state };
  }

  /**
   * Trades Discord's code for our tokens. The state is checked before Discord is called but
   * consumed in the same transaction that creates the user and session: a failure writes nothing,
   * and of two racing exchanges only one gets through.
   */
  async exchange(code: string, state: string, userAgent: string | null): Promise<TokenPair & { user: User }> {
    if (!this.discord) throw notConfigured();
    const hash = sha256(state);
    const now = this.clock();
    const row = await this.db.selectFrom('oauth_states').selectAll().where('state_hash', '=', hash).executeTakeFirst();
    if (!row || row.expires_at <= now) throw invalidState();
    const identity = await this.discord.identify(code, row.redirect_uri, row.code_verifier);
    return this.db.transaction().execute(async (tx) => {
      const consumed = await tx.deleteFrom('oauth_states').where('state_hash', '=', hash).executeTakeFirst();
      if (Number(consumed.numDeletedRows) === 0) throw invalidState();
      const user = await this.users.upsertFromDiscord(identity, tx);
      const tokens = await this.sessions.open(user.id, userAgent, tx);
      return { ...tokens, user };
    });
  }

  /** Drops states nobody came back for; called by the scheduler. */
  async prune(): Promise<number> {
    const r = await this.db.deleteFrom('oauth_states').where('expires_at', '<=', this.clock()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

const invalidState = () => new AuthError('INVALID_STATE', 'This login link is unknown, expired or already used; start again from /login.');
const notConfigured = () =>
  new AuthError('LOGIN_NOT_CONFIGURED', 'Discord login is not configured on this server (DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET).');
