import { CADENCES, JUMBO_CACTPOT_DRAWING, type CadenceRule, type Period, type ResetEvent } from './cadences.js';
import { HOUR, checkNow, gridOf, nextOccurrence, previousOccurrence } from './eventGrid.js';

// The event arithmetic lives in eventGrid.ts to keep each file small; callers import both from here.
export { nextOccurrence, previousOccurrence };

function cooldownMs(hours: number): number {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
    throw new RangeError(`cooldown hours must be a positive finite number, got ${String(hours)}`);
  }
  // Whole ms, so stored period bounds stay integers even for fractional hours.
  return Math.round(hours * HOUR);
}

// Rules also come from stored rows, so the union type alone does not guarantee a valid one.
function checkRule(rule: CadenceRule): void {
  if (!(CADENCES as readonly string[]).includes(rule.cadence)) throw new RangeError(`unknown cadence ${String(rule.cadence)}`);
  if (rule.cadence === 'cooldown') cooldownMs(rule.hours);
  if (rule.cadence === 'jumbo-cactpot' && !Object.hasOwn(JUMBO_CACTPOT_DRAWING, rule.region)) {
    throw new RangeError(`unknown region ${String(rule.region)}`);
  }
}

/**
 * The period `now` falls in, as a half-open interval; a boundary instant belongs to the new period.
 * `lastCompletedAt` only matters for cooldowns, whose periods start at a completion.
 * @throws RangeError for a non-finite `now`, a non-finite cooldown `lastCompletedAt`, or an invalid rule.
 */
export function currentPeriod(rule: CadenceRule, now: number, lastCompletedAt?: number | null): Period {
  checkNow(now);
  checkRule(rule);
  if (rule.cadence === 'once') return { start: 0, end: null };
  if (rule.cadence === 'cooldown') {
    if (lastCompletedAt == null) return { start: 0, end: null };
    if (typeof lastCompletedAt !== 'number' || !Number.isFinite(lastCompletedAt)) {
      throw new RangeError(`lastCompletedAt must be finite epoch ms or null, got ${String(lastCompletedAt)}`);
    }
    const availableAt = lastCompletedAt + cooldownMs(rule.hours);
    return now < availableAt ? { start: lastCompletedAt, end: availableAt } : { start: availableAt, end: null };
  }
  // Every other cadence has a closing event (checked above), so the cast cannot hide a null.
  const event = eventForCadence(rule) as ResetEvent;
  const start = previousOccurrence(event, now);
  const end = start + gridOf(event).step;
  if (rule.cadence !== 'fashion-report') return { start, end };
  return { start, end, opensAt: nextOccurrence('fashion-report-open', start) };
}

/**
 * The period a completion made at `now` counts in; its `start` is the completion's stored key.
 * Equals {@link currentPeriod}, except for a cooldown that has run out or never started: there the
 * completion opens a period of its own. During a cooldown it is the running one, so repeats are idempotent.
 * @throws RangeError like {@link currentPeriod}.
 */
export function completionPeriod(rule: CadenceRule, now: number, lastCompletedAt?: number | null): Period {
  const current = currentPeriod(rule, now, lastCompletedAt);
  if (rule.cadence !== 'cooldown' || current.end !== null) return current;
  return { start: now, end: now + cooldownMs(rule.hours) };
}

/**
 * Whether the newest completion (`last`, or null if none) still counts at `now`.
 * Fixed cadences compare its period key; a to-do stays done; a cooldown is done until it runs out.
 * @throws RangeError for a non-finite `now` or an invalid rule.
 */
export function isDone(rule: CadenceRule, now: number, last: { periodStart: number; completedAt: number } | null): boolean {
  checkNow(now);
  checkRule(rule);
  if (last == null) return false;
  if (rule.cadence === 'once') return true;
  if (rule.cadence === 'cooldown') return now < last.completedAt + cooldownMs(rule.hours);
  return last.periodStart === currentPeriod(rule, now).start;
}

/**
 * When the task next opens again (the end of its current period); null when nothing will reset it.
 * @throws RangeError like {@link currentPeriod}.
 */
export function nextReset(rule: CadenceRule, now: number, lastCompletedAt?: number | null): number | null {
  return currentPeriod(rule, now, lastCompletedAt).end;
}

/**
 * The event that closes a cadence's period, for announcements. The Fashion Report closes at the
 * weekly reset (its opening is the separate `fashion-report-open` event). Null for cooldowns and to-dos.
 */
export function eventForCadence(rule: CadenceRule): ResetEvent | null {
  switch (rule.cadence) {
    case 'daily':
      return 'daily-reset';
    case 'weekly':
    case 'fashion-report':
      return 'weekly-reset';
    case 'gc-daily':
      return 'gc-reset';
    case 'jumbo-cactpot':
      return `jumbo-cactpot-${rule.region}`;
    case 'cooldown':
    case 'once':
      return null;
  }
}
