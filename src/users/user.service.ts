import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Database, UserRow } from '../store/schema.js';
import { parseInput } from '../validation.js';
import { isLocale, LOCALES } from '../i18n/locales.js';
import { findUserByDiscordId, findUserById, upsertUser } from './user.repository.js';
import type { DiscordIdentity, User } from './user.types.js';

const identitySchema = z.object({
  discordId: z.string().regex(/^\d{1,25}$/, 'must be a Discord snowflake string'),
  username: z.string().min(1).max(100),
  globalName: z.string().max(100).nullish(),
  avatar: z.string().max(200).nullish(),
  locale: z.enum(LOCALES).optional(),
});

/** Users as both front doors see them: one row per Discord account. */
export class UserService {
  /** `cdnUrl`: Discord's image CDN (`DISCORD_CDN_URL`), which avatar URLs are built on. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly cdnUrl: string,
  ) {}

  /**
   * Creates the user on first sight, refreshes names and avatar afterwards. Every bot interaction
   * calls this, so an unchanged user costs one read, not a write.
   */
  async upsertFromDiscord(identity: DiscordIdentity, db: Kysely<Database> = this.db): Promise<User> {
    const id = parseInput(identitySchema, identity);
    const existing = await findUserByDiscordId(db, id.discordId);
    if (
      existing &&
      existing.username === id.username &&
      existing.global_name === (id.globalName ?? null) &&
      existing.avatar === (id.avatar ?? null) &&
      (id.locale === undefined || existing.locale === id.locale)
    ) {
      return toUser(existing, this.cdnUrl);
    }
    const row = await upsertUser(db, {
      id: newId(),
      discord_id: id.discordId,
      username: id.username,
      global_name: id.globalName ?? null,
      avatar: id.avatar ?? null,
      locale: id.locale,
      now: this.clock(),
    });
    return toUser(row, this.cdnUrl);
  }

  async get(userId: string): Promise<User> {
    const row = await findUserById(this.db, userId);
    if (!row) throw notFound('User');
    return toUser(row, this.cdnUrl);
  }

  async findByDiscordId(discordId: string): Promise<User | undefined> {
    const row = await findUserByDiscordId(this.db, discordId);
    return row && toUser(row, this.cdnUrl);
  }
}

/** A user row as the service hands it out; an avatar hash starting `a_` is animated, so a GIF. */
export function toUser(row: UserRow, cdnUrl: string): User {
  return {
    id: row.id,
    discordId: row.discord_id,
    username: row.username,
    globalName: row.global_name,
    avatar: row.avatar,
    avatarUrl: row.avatar
      ? `${cdnUrl}/avatars/${row.discord_id}/${row.avatar}.${row.avatar.startsWith('a_') ? 'gif' : 'png'}`
      : null,
    locale: isLocale(row.locale) ? row.locale : 'en',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
