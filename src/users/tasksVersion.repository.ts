import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';

/**
 * Marks a user's task list as changed. Called inside the transaction of every write that can
 * change what GET /tasks shows (tasks, completions, characters), on any process.
 */
export async function bumpTasksVersion(db: Kysely<Database> | Transaction<Database>, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ tasks_version: eb('tasks_version', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}
