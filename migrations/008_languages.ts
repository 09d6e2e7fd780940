import type { Kysely } from 'kysely';

// Frozen once landed. The language a server's announcements are written in (chosen with
// /reminders set, else the server's own locale), and the language of a user's last interaction,
// which their reminder DMs follow. Null means English.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('guild_reminders').addColumn('language', 'text').execute();
  await db.schema.alterTable('users').addColumn('locale', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('locale').execute();
  await db.schema.alterTable('guild_reminders').dropColumn('language').execute();
}
