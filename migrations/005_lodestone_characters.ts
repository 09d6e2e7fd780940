import { sql, type Kysely } from 'kysely';

// Frozen once landed. Characters read from the Lodestone: what the profile shows, when it was
// read, and who proved ownership. Rows linked by hand before this keep NULL fetched_at ("never
// read") and stay unverified until their first refresh.

const NEW_COLUMNS = [
  ['title', 'text'],
  ['free_company_id', 'text'],
  ['free_company_name', 'text'],
  ['fetched_at', 'bigint'],
  ['refresh_attempted_at', 'bigint'],
  ['verified_at', 'bigint'],
  ['lost_verification_at', 'bigint'],
  ['lost_verification_notified_at', 'bigint'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type] of NEW_COLUMNS) {
    await db.schema.alterTable('characters').addColumn(name, type).execute();
  }
  await db.schema.createIndex('characters_lodestone_idx').on('characters').column('lodestone_id').execute();
  // One verified owner per Lodestone character, whichever process proves it.
  await db.schema
    .createIndex('characters_verified_owner_unique')
    .on('characters')
    .column('lodestone_id')
    .unique()
    .where(sql.ref('verified_at'), 'is not', null)
    .execute();
  await db.schema.createIndex('characters_fetched_idx').on('characters').column('fetched_at').execute();

  await db.schema
    .createTable('character_verifications')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('lodestone_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('character_verifications_pk', ['user_id', 'lodestone_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('character_verifications').execute();
  await db.schema.dropIndex('characters_fetched_idx').execute();
  await db.schema.dropIndex('characters_verified_owner_unique').execute();
  await db.schema.dropIndex('characters_lodestone_idx').execute();
  for (const [name] of [...NEW_COLUMNS].reverse()) {
    await db.schema.alterTable('characters').dropColumn(name).execute();
  }
}
