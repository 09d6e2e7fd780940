import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isLocale, type Locale } from '../i18n/locales.js';
import type { Clock } from '../clock.js';
import { conflict, DomainError, notFound } from '../errors.js';
import type { Database } from '../store/schema.js';
import { findCharacterRow } from './character.repository.js';
import type { CharacterService } from './character.service.js';
import type { Character } from './character.types.js';

/** How long a code may take to appear in the profile. */
export const CODE_TTL_MS = 30 * 60_000;
/** No 0/O, 1/I/L: a player copies the code by eye as often as by clipboard. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export interface VerificationChallenge {
  character: Character;
  code: string;
  expiresAt: number;
  /** Steps for the player, the same on every front door. */
  instructions: string;
}

export interface VerificationResult {
  character: Character;
  /** The user the verification moved away from, if another had it. */
  previousOwnerId: string | null;
}

/** A player who lost a character's verification to someone else, to be told once. */
export interface LostVerificationNotice {
  characterId: string;
  userId: string;
  discordId: string;
  characterName: string;
  world: string;
  lostAt: number;
  /** The language of the player's last interaction: the DM follows it. */
  locale: Locale;
}

/**
 * Proving a character is yours: a short code bound to the user and the character is pasted into
 * the Lodestone "Character Profile" text, then a fresh read of the profile looks for it there and
 * nowhere else. One verified owner per Lodestone id: a newer proof moves it.
 */
export class CharacterVerificationService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly characters: CharacterService,
  ) {}

  /** Issues (or replaces) the code for one of the user's characters. */
  async start(userId: string, ref: string): Promise<VerificationChallenge> {
    this.requireLodestone();
    const row = await findCharacterRow(this.db, userId, ref);
    if (!row) throw notFound('Character');
    const now = this.clock();
    const code = `XIVT-${Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')}`;
    const expiresAt = now + CODE_TTL_MS;
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('character_verifications').where('user_id', '=', userId).where('lodestone_id', '=', row.lodestone_id).execute();
      await tx
        .insertInto('character_verifications')
        .values({ user_id: userId, lodestone_id: row.lodestone_id, code, created_at: now, expires_at: expiresAt })
        .execute();
    });
    return {
      character: this.characters.toCharacter(row),
      code,
      expiresAt,
      instructions:
        `Open your Lodestone profile (https://na.finalfantasyxiv.com/lodestone/character/${row.lodestone_id}/), choose ` +
        `"Edit Profile", paste ${code} anywhere in the "Character Profile" text and save. Then check. ` +
        'The code works for 30 minutes; once verified you may remove it.',
    };
  }

  /** Reads the profile afresh and looks for the code in its self-introduction only. */
  async check(userId: string, ref: string): Promise<VerificationResult> {
    this.requireLodestone();
    const row = await findCharacterRow(this.db, userId, ref);
    if (!row) throw notFound('Character');
    const pending = await this.db
      .selectFrom('character_verifications')
      .selectAll()
      .where('user_id', '=', userId)
      .where('lodestone_id', '=', row.lodestone_id)
      .executeTakeFirst();
    if (!pending || pending.expires_at <= this.clock()) {
      throw new DomainError('CODE_EXPIRED', 'There is no valid code for this character (codes last 30 minutes): ask for a new one.', undefined, undefined, undefined, {
        key: 'errors.verification.expired',
      });
    }

    this.characters.spendLodestoneCall(userId);
    const profile = await this.characters.lodestoneClient().getCharacter(row.lodestone_id, { fresh: true });
    if (profile.isPrivate) {
      throw new DomainError(
        'CODE_NOT_FOUND',
        `The Lodestone shows ${profile.name}'s profile as private, so the code cannot be seen. Make the profile public, then check again.`,
        undefined,
        { found: 'private' },
        undefined,
        { key: 'errors.verification.private', values: { name: profile.name } },
      );
    }
    const intro = profile.selfIntroduction ?? '';
    if (!intro.toUpperCase().includes(pending.code)) {
      const shown = intro.replace(/\s+/g, ' ').trim();
      const empty = shown === '' || shown === '-';
      const excerpt = `${shown.slice(0, 120)}${shown.length > 120 ? '…' : ''}`;
      throw new DomainError(
        'CODE_NOT_FOUND',
        empty
          ? `The Character Profile of ${profile.name} is empty on the Lodestone: paste ${pending.code} into it, press Save, then check again.`
          : `The Character Profile of ${profile.name} does not contain ${pending.code} yet; it reads "${excerpt}". Paste the code, press Save, then check again.`,
        undefined,
        { found: empty ? 'empty' : 'other-text' },
        undefined,
        empty
          ? { key: 'errors.verification.empty', values: { name: profile.name, code: pending.code } }
          : { key: 'errors.verification.otherText', values: { name: profile.name, code: pending.code, shown: excerpt } },
      );
    }

    const now = this.clock();
    let previousOwnerId: string | null = null;
    try {
      await this.db.transaction().execute(async (tx) => {
        const previous = await tx
          .selectFrom('characters')
          .select(['id', 'user_id'])
          .where('lodestone_id', '=', row.lodestone_id)
          .where('verified_at', 'is not', null)
          .where('user_id', '!=', userId)
          .executeTakeFirst();
        if (previous) {
          previousOwnerId = previous.user_id;
          await tx
            .updateTable('characters')
            .set({ verified_at: null, lost_verification_at: now, lost_verification_notified_at: null, updated_at: now })
            .where('id', '=', previous.id)
            .execute();
        }
        const mine = await tx
          .updateTable('characters')
          .set({ verified_at: now, lost_verification_at: null, lost_verification_notified_at: null, updated_at: now })
          .where('id', '=', row.id)
          .executeTakeFirst();
        if (Number(mine.numUpdatedRows) === 0) throw notFound('Character');
        await tx.deleteFrom('character_verifications').where('user_id', '=', userId).where('lodestone_id', '=', row.lodestone_id).execute();
        await this.characters.applyProfile(tx, profile);
      });
    } catch (err) {
      // Another user's proof of the same character committed between our read and our write.
      if (isUniqueViolation(err)) throw conflict('Someone else verified this character at the same moment. Check again.', { key: 'errors.conflict.verifiedSameMoment' });
      throw err;
    }
    return { character: await this.characters.get(userId, row.id), previousOwnerId };
  }

  /** Lost verifications nobody was told of yet (oldest first). */
  async pendingLossNotices(limit = 50): Promise<LostVerificationNotice[]> {
    const rows = await this.db
      .selectFrom('characters')
      .innerJoin('users', 'users.id', 'characters.user_id')
      .select(['characters.id', 'characters.user_id', 'users.discord_id', 'users.locale', 'characters.name', 'characters.world', 'characters.lost_verification_at'])
      .where('characters.lost_verification_at', 'is not', null)
      .where('characters.lost_verification_notified_at', 'is', null)
      .orderBy('characters.lost_verification_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      characterId: r.id,
      userId: r.user_id,
      discordId: r.discord_id,
      characterName: r.name,
      world: r.world,
      lostAt: r.lost_verification_at!,
      locale: isLocale(r.locale) ? r.locale : 'en',
    }));
  }

  /** Claims a notice for sending; false when another process already did. */
  async claimLossNotice(characterId: string, lostAt: number): Promise<boolean> {
    const res = await this.db
      .updateTable('characters')
      .set({ lost_verification_notified_at: this.clock() })
      .where('id', '=', characterId)
      .where('lost_verification_at', '=', lostAt)
      .where('lost_verification_notified_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  private requireLodestone(): void {
    if (!this.characters.readsLodestone) {
      throw new DomainError('LODESTONE_OFF', 'The Lodestone is off on this service, so ownership cannot be proven.', undefined, undefined, undefined, { key: 'errors.verification.off' });
    }
  }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || (typeof e?.message === 'string' && /UNIQUE constraint failed/.test(e.message));
}
