import { sql, type Kysely } from 'kysely';

// Frozen once landed. One durable outbox for the messages that fan out (announcements, personal
// reminders, notices), drained by whichever processes run the scheduler within one send budget
// they all share: a per-second counter, and a pause every sender honours after a 429.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    // Short enough to be Discord's message nonce (25 characters), which makes a resend after a crash harmless.
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'channel' (target: a channel id) or 'dm' (target: a Discord user id).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // What to switch off if Discord refuses the target for good, e.g. `guild:<id>`, `user:<id>`.
    .addColumn('origin', 'text', (c) => c.notNull())
    // What the message is, e.g. `guild:<id>|daily-reset|<occurs_at>`: queueing it twice is one row, whichever process tries.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('available_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'bigint')
    .addColumn('failed_at', 'bigint')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('outbox_pending_idx')
    .on('outbox')
    .column('available_at')
    .where(sql.ref('sent_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('send_budget')
    // Epoch second: every process counts its sends in the same row, whatever its own clock's fraction.
    .addColumn('second', 'bigint', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('send_pause')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('paused_until', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('send_pause').execute();
  await db.schema.dropTable('send_budget').execute();
  await db.schema.dropTable('outbox').execute();
}
