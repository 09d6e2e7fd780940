import type { Kysely } from 'kysely';

// Frozen once landed. Group boards: a group of one Discord server tracks a few presets, members
// opt in with a character (or all of theirs), and an optional live board message shows who still
// has what open. A board is marked dirty in the same transaction as any member's task write.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Lower-cased name: unique per server, whatever the case.
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // Comma-separated preset keys, in column order.
    .addColumn('presets', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('groups_guild_name_unique', ['guild_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('group_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // Null: all of the member's characters. Unlinking the character takes the member off the board.
    .addColumn('character_id', 'text', (c) => c.references('characters.id').onDelete('cascade'))
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('group_members_group_user_unique').on('group_members').columns(['group_id', 'user_id']).unique().execute();
  await db.schema.createIndex('group_members_user_idx').on('group_members').column('user_id').execute();

  await db.schema
    .createTable('group_boards')
    .addColumn('group_id', 'text', (c) => c.primaryKey().references('groups.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    // Null until the first post.
    .addColumn('message_id', 'text')
    // 1 when something on the board may have changed since the last edit.
    .addColumn('dirty', 'integer', (c) => c.notNull())
    // The earliest reset among the tracked presets at the last render: the board rolls over then.
    .addColumn('next_reset_at', 'bigint')
    .addColumn('last_edited_at', 'bigint')
    // What the last edit showed, so an unchanged board is not edited again.
    .addColumn('rendered_hash', 'text')
    // A process holds the board while it renders and edits it; the lease lets another take over.
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'bigint')
    .addColumn('disabled_at', 'bigint')
    .addColumn('disabled_reason', 'text')
    .addColumn('owner_notified_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('group_boards_due_idx').on('group_boards').columns(['dirty', 'next_reset_at']).execute();

  await db.schema
    .createTable('guild_group_settings')
    .addColumn('guild_id', 'text', (c) => c.primaryKey())
    // Members with this role may create groups, as well as those with Manage Server.
    .addColumn('creator_role_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guild_group_settings').execute();
  await db.schema.dropTable('group_boards').execute();
  await db.schema.dropTable('group_members').execute();
  await db.schema.dropTable('groups').execute();
}
