import type { Kysely, Transaction } from 'kysely';
import { PreparedQuery } from '../store/preparedQuery.js';
import type { Database, TaskRow } from '../store/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A task row with its character's region, which Jumbo Cactpot tasks inherit. */
export type TaskWithRegion = TaskRow & { character_region: string | null };

function selectTasks(db: Db, userId: string) {
  return db
    .selectFrom('tasks')
    .leftJoin('characters', 'characters.id', 'tasks.character_id')
    .selectAll('tasks')
    .select('characters.region as character_region')
    .where('tasks.user_id', '=', userId);
}

/** One indexed read: a user's tasks with everything their status needs. */
export function listTaskRows(
  db: Db,
  userId: string,
  filter: { cadence?: string | undefined; characterId?: string | undefined } = {},
): Promise<TaskWithRegion[]> {
  let q = selectTasks(db, userId);
  if (filter.cadence) q = q.where('tasks.cadence', '=', filter.cadence);
  if (filter.characterId) q = q.where('tasks.character_id', '=', filter.characterId);
  return q.orderBy('tasks.position').orderBy('tasks.created_at').orderBy('tasks.id').execute();
}

/** Some of the user's tasks by id, in list order. */
export function findTaskRows(db: Db, userId: string, ids: readonly string[]): Promise<TaskWithRegion[]> {
  return selectTasks(db, userId).where('tasks.id', 'in', ids).orderBy('tasks.position').orderBy('tasks.created_at').orderBy('tasks.id').execute();
}

/** The queries of a completion, compiled once per store (see PreparedQuery): it is the most frequent write. */
export class TaskQueries {
  /** One of the user's tasks, by id. */
  readonly findRow;
  /** A completion for (task, period) unless there is one already; returns the stored row if inserted. */
  readonly insertCompletion;
  /** The copy of the last completion kept on the task row, from which status is computed. */
  readonly setLastCompletion;

  constructor(db: Kysely<Database>) {
    this.findRow = new PreparedQuery(['userId', 'taskId'], (p) => selectTasks(db, p.userId).where('tasks.id', '=', p.taskId));
    this.insertCompletion = new PreparedQuery(['taskId', 'userId', 'periodStart', 'completedAt'], (p) =>
      db
        .insertInto('completions')
        .values({ task_id: p.taskId, user_id: p.userId, period_start: p.periodStart, completed_at: p.completedAt })
        // The (task, period) key keeps one completion when two processes race; the loser reads the winner's.
        .onConflict((oc) => oc.columns(['task_id', 'period_start']).doNothing())
        .returning(['period_start', 'completed_at']),
    );
    this.setLastCompletion = new PreparedQuery(['taskId', 'periodStart', 'completedAt'], (p) =>
      db.updateTable('tasks').set({ last_period_start: p.periodStart, last_completed_at: p.completedAt }).where('id', '=', p.taskId),
    );
  }
}

export async function countTasks(db: Db, userId: string): Promise<{ count: number; maxPosition: number }> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max<number | null>('position').as('maxPos')])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), maxPosition: row.maxPos == null ? -1 : Number(row.maxPos) };
}

/** The newest completion left for a task, after an undo. */
export function latestCompletion(db: Db, taskId: string) {
  return db
    .selectFrom('completions')
    .select(['period_start', 'completed_at'])
    .where('task_id', '=', taskId)
    .orderBy('completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
