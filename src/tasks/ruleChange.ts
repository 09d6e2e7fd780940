import type { Transaction } from 'kysely';
import type { CadenceRule } from '../resets/cadences.js';
import { currentPeriod, isDone } from '../resets/resetEngine.js';
import type { Database } from '../store/schema.js';
import { latestCompletion, type TaskQueries, type TaskWithRegion } from './task.repository.js';
import { lastCompletionOf, ruleFor } from './task.status.js';

type Tx = Transaction<Database>;
type Completion = { period_start: number; completed_at: number };

export const sameRule = (a: CadenceRule, b: CadenceRule) => JSON.stringify(a) === JSON.stringify(b);

/**
 * After a task's reset rule changed (its cadence, a cooldown's hours, a Jumbo Cactpot's drawing), keeps every
 * completion and lets its status follow the last one under the new rule: done when that completion falls inside the
 * new current period (a cooldown: when the new interval has not run out since; a to-do: when it was done as the
 * change was made). A completion that now counts is filed under its new period's key, so that reopening deletes it;
 * if one is already filed there, that earlier one stands, as for a repeated completion. Returns the row as it is now.
 */
export async function followNewRule(tx: Tx, queries: TaskQueries, before: TaskWithRegion, after: TaskWithRegion, now: number): Promise<TaskWithRegion> {
  const rule = ruleFor(after);
  const latest = (await latestCompletion(tx, after.id)) ?? null;
  let last: Completion | null = latest;
  if (latest && rule.cadence === 'once') {
    last = isDone(ruleFor(before), now, lastCompletionOf(before)) ? await fileUnder(tx, after.id, latest, 0) : null;
  } else if (latest && rule.cadence !== 'cooldown') {
    const { start } = currentPeriod(rule, now);
    if (latest.completed_at >= start) last = await fileUnder(tx, after.id, latest, start);
  }
  const copy = { last_period_start: last?.period_start ?? null, last_completed_at: last?.completed_at ?? null };
  await queries.setLastCompletion.execute(tx, { taskId: after.id, periodStart: copy.last_period_start, completedAt: copy.last_completed_at });
  return { ...after, ...copy };
}

async function fileUnder(tx: Tx, taskId: string, c: Completion, periodStart: number): Promise<Completion> {
  if (c.period_start === periodStart) return c;
  const filed = await tx
    .selectFrom('completions')
    .select(['period_start', 'completed_at'])
    .where('task_id', '=', taskId)
    .where('period_start', '=', periodStart)
    .executeTakeFirst();
  if (filed) return filed;
  await tx.updateTable('completions').set({ period_start: periodStart }).where('task_id', '=', taskId).where('period_start', '=', c.period_start).execute();
  return { period_start: periodStart, completed_at: c.completed_at };
}
