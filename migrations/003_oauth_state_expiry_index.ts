import type { Kysely } from 'kysely';

// Frozen once landed. Every /login prunes expired states; without this index that is a full scan.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('oauth_states_expires_idx').on('oauth_states').column('expires_at').execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_expires_idx').ifExists().execute();
  await db.schema.dropIndex('oauth_states_expires_idx').ifExists().execute();
}
