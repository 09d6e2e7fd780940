import type { Kysely } from 'kysely';

// Frozen once landed. A task can be hidden without being deleted: it keeps its history and
// comes back with "Show hidden"; lists leave it out unless asked for it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('hidden').execute();
}
