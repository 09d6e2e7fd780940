import type { Kysely } from 'kysely';

// Frozen once landed. Every bot command asks whether the caller owns a board Discord refused:
// the owner's groups by index, not a scan of every board.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('groups_owner_idx').on('groups').column('owner_user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('groups_owner_idx').execute();
}
