import type { Kysely, Transaction } from 'kysely';
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

export function findTaskRow(db: Db, userId: string, taskId: string): Promise<TaskWithRegion | undefined> {
  return selectTasks(db, userId).where('tasks.id', '=', taskId).executeTakeFirst();
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
