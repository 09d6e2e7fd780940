import type { Kysely } from 'kysely';

// Frozen once landed. A counter every write to a user's tasks or characters increments, so any
// process can tell whether an answer it computed earlier is still current.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('tasks_version', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('tasks_version').execute();
}
