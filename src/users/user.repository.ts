import type { Kysely } from 'kysely';
import type { Database, UserRow } from '../store/schema.js';

export function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByDiscordId(db: Kysely<Database>, discordId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('discord_id', '=', discordId).executeTakeFirst();
}

/** Inserts or refreshes a user keyed by Discord id; never creates a second row for one Discord user. */
export async function upsertUser(
  db: Kysely<Database>,
  row: { id: string; discord_id: string; username: string; global_name: string | null; avatar: string | null; locale?: string | undefined; now: number },
): Promise<UserRow> {
  const { now, locale, ...fields } = row;
  return db
    .insertInto('users')
    .values({ ...fields, locale: locale ?? null, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.column('discord_id').doUpdateSet({
        username: fields.username,
        global_name: fields.global_name,
        avatar: fields.avatar,
        // A login from the web says nothing about the language: the last one the bot saw stays.
        ...(locale !== undefined && { locale }),
        updated_at: now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
