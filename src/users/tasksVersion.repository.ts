import type { Kysely, Transaction } from 'kysely';
import { PreparedQuery } from '../store/preparedQuery.js';
import type { Database } from '../store/schema.js';

/**
 * Marks a user's task list as changed: their cached GET /tasks, and every group board they are
 * on. Called inside the transaction of every write that can change what the user's tasks show
 * (tasks, completions, characters), on any process, so a board edit survives any crash after the
 * commit. Compiled once: it is part of every completion.
 */
export class TasksVersion {
  private readonly increment;
  private readonly markBoards;

  constructor(db: Kysely<Database>) {
    this.increment = new PreparedQuery(['userId'], (p) =>
      db
        .updateTable('users')
        .set((eb) => ({ tasks_version: eb('tasks_version', '+', 1) }))
        .where('id', '=', p.userId),
    );
    // Touches no row for the many users in no group: one probe of group_members_user_idx.
    this.markBoards = new PreparedQuery(['userId'], (p) =>
      db
        .updateTable('group_boards')
        .set({ dirty: 1 })
        .where('dirty', '=', 0)
        .where('group_id', 'in', (eb) => eb.selectFrom('group_members').select('group_id').where('user_id', '=', p.userId)),
    );
  }

  async bump(db: Kysely<Database> | Transaction<Database>, userId: string): Promise<void> {
    await this.increment.execute(db, { userId });
    await this.markBoards.execute(db, { userId });
  }
}
