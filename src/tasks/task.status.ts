import type { CadenceRule, Cadence, Region } from '../resets/cadences.js';
import { currentPeriod, isDone } from '../resets/resetEngine.js';
import type { TaskWithRegion } from './task.repository.js';
import type { TaskView } from './task.types.js';

/** The reset rule a stored task follows; null when a Jumbo Cactpot task has lost its region. */
export function ruleFor(row: Pick<TaskWithRegion, 'cadence' | 'interval_hours' | 'region' | 'character_region'>): CadenceRule {
  const cadence = row.cadence as Cadence;
  switch (cadence) {
    case 'jumbo-cactpot':
      // NA is the drawing most players know; only reachable if a region was removed by hand.
      return { cadence, region: (row.region ?? row.character_region ?? 'na') as Region };
    case 'cooldown':
      return { cadence, hours: row.interval_hours ?? 24 };
    default:
      return { cadence };
  }
}

/** Pure: a stored row plus `now` gives the live status; nothing is written at reset time. */
export function toTaskView(row: TaskWithRegion, now: number): TaskView {
  const rule = ruleFor(row);
  const last = lastCompletionOf(row);
  const period = currentPeriod(rule, now, row.last_completed_at);
  const done = isDone(rule, now, last);
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    cadence: row.cadence as Cadence,
    characterId: row.character_id,
    region: (row.region ?? row.character_region ?? null) as Region | null,
    intervalHours: row.interval_hours,
    notes: row.notes,
    position: row.position,
    hidden: row.hidden === 1,
    presetKey: row.preset_key,
    done,
    completedAt: done ? row.last_completed_at : null,
    periodStart: period.start === 0 ? null : period.start,
    periodEnd: period.end,
    opensAt: period.opensAt ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The newest completion as the reset engine wants it, from the copies kept on the task row. */
export function lastCompletionOf(row: Pick<TaskWithRegion, 'last_period_start' | 'last_completed_at'>) {
  return row.last_period_start != null && row.last_completed_at != null
    ? { periodStart: row.last_period_start, completedAt: row.last_completed_at }
    : null;
}
