import type { Kysely, Transaction } from 'kysely';
import { PreparedQuery } from '../store/preparedQuery.js';
import type { Database } from '../store/schema.js';

/**
 * Marks a user's task list as changed. Called inside the transaction of every write that can
 * change what GET /tasks shows (tasks, completions, characters), on any process. Compiled once:
 * it is part of every completion.
 */
export class TasksVersion {
  private readonly increment;

  constructor(db: Kysely<Database>) {
    this.increment = new PreparedQuery(['userId'], (p) =>
      db
        .updateTable('users')
        .set((eb) => ({ tasks_version: eb('tasks_version', '+', 1) }))
        .where('id', '=', p.userId),
    );
  }

  async bump(db: Kysely<Database> | Transaction<Database>, userId: string): Promise<void> {
    await this.increment.execute(db, { userId });
  }
}
