import {
  DAILY_RESET_HOUR,
  FASHION_REPORT_OPENS,
  GC_RESET_HOUR,
  JUMBO_CACTPOT_DRAWING,
  OCEAN_FISHING_EVERY_HOURS,
  WEEKLY_RESET,
  type CadenceRule,
  type Period,
  type ResetEvent,
  type WeeklyTime,
} from './cadences.js';

// Pure UTC arithmetic: FFXIV resets ignore daylight saving, and epoch ms have no leap seconds,
// so every boundary is a fixed offset within its day or week.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday (day 4); weeks are counted from the Sunday before it. */
const SUNDAY_OFFSET = 4 * DAY;

function checkNow(now: number): void {
  if (!Number.isFinite(now)) throw new RangeError(`now must be a finite epoch-ms number, got ${now}`);
}

/** Latest instant ≤ now on a grid of `step` shifted by `offset`. */
function floorTo(now: number, step: number, offset: number): number {
  return Math.floor((now - offset) / step) * step + offset;
}

const weeklyOffset = (t: WeeklyTime) => t.day * DAY + t.hour * HOUR + (t.minute ?? 0) * 60_000 - SUNDAY_OFFSET;

const lastDaily = (now: number, hour: number) => floorTo(now, DAY, hour * HOUR);
const lastWeekly = (now: number, t: WeeklyTime) => floorTo(now, WEEK, weeklyOffset(t));

function checkRule(rule: CadenceRule): void {
  if (rule.cadence === 'cooldown' && !(Number.isFinite(rule.hours) && rule.hours > 0)) {
    throw new RangeError(`cooldown hours must be a positive number, got ${rule.hours}`);
  }
  if (rule.cadence === 'jumbo-cactpot' && !(rule.region in JUMBO_CACTPOT_DRAWING)) {
    throw new RangeError(`unknown region ${String(rule.region)}`);
  }
}

/** The period `now` falls in; a boundary instant belongs to the new period. */
export function currentPeriod(rule: CadenceRule, now: number, lastCompletedAt?: number | null): Period {
  checkNow(now);
  checkRule(rule);
  switch (rule.cadence) {
    case 'daily': {
      const start = lastDaily(now, DAILY_RESET_HOUR);
      return { start, end: start + DAY };
    }
    case 'gc-daily': {
      const start = lastDaily(now, GC_RESET_HOUR);
      return { start, end: start + DAY };
    }
    case 'weekly': {
      const start = lastWeekly(now, WEEKLY_RESET);
      return { start, end: start + WEEK };
    }
    case 'fashion-report': {
      const start = lastWeekly(now, WEEKLY_RESET);
      // Friday 08:00 comes three days after Tuesday 08:00.
      return { start, end: start + WEEK, opensAt: start + (weeklyOffset(FASHION_REPORT_OPENS) - weeklyOffset(WEEKLY_RESET)) };
    }
    case 'jumbo-cactpot': {
      const start = lastWeekly(now, JUMBO_CACTPOT_DRAWING[rule.region]);
      return { start, end: start + WEEK };
    }
    case 'cooldown': {
      const length = rule.hours * HOUR;
      if (lastCompletedAt != null && now < lastCompletedAt + length) return { start: lastCompletedAt, end: lastCompletedAt + length };
      return { start: lastCompletedAt == null ? 0 : lastCompletedAt + length, end: null };
    }
    case 'once':
      return { start: 0, end: null };
  }
}

/**
 * The period a completion made at `now` counts in; its start is the completion's stored key.
 * A cooldown completion starts its own period, unless one is still running (then it is a repeat).
 */
export function completionPeriod(rule: CadenceRule, now: number, lastCompletedAt?: number | null): Period {
  if (rule.cadence !== 'cooldown') return currentPeriod(rule, now, lastCompletedAt);
  const current = currentPeriod(rule, now, lastCompletedAt);
  if (current.end != null) return current;
  return { start: now, end: now + rule.hours * HOUR };
}

/** Whether the newest completion counts for the period `now` is in. */
export function isDone(rule: CadenceRule, now: number, last: { periodStart: number; completedAt: number } | null): boolean {
  checkNow(now);
  checkRule(rule);
  if (last == null) return false;
  if (rule.cadence === 'once') return true;
  if (rule.cadence === 'cooldown') return now < last.completedAt + rule.hours * HOUR;
  return last.periodStart === currentPeriod(rule, now).start;
}

/** When the task next opens again; null when nothing will reset it. */
export function nextReset(rule: CadenceRule, now: number, lastCompletedAt?: number | null): number | null {
  return currentPeriod(rule, now, lastCompletedAt).end;
}

/** The latest occurrence of an event at or before `now`. */
export function previousOccurrence(event: ResetEvent, now: number): number {
  checkNow(now);
  switch (event) {
    case 'daily-reset':
      return lastDaily(now, DAILY_RESET_HOUR);
    case 'gc-reset':
      return lastDaily(now, GC_RESET_HOUR);
    case 'weekly-reset':
      return lastWeekly(now, WEEKLY_RESET);
    case 'fashion-report-open':
      return lastWeekly(now, FASHION_REPORT_OPENS);
    case 'ocean-fishing':
      return floorTo(now, OCEAN_FISHING_EVERY_HOURS * HOUR, 0);
    case 'jumbo-cactpot-eu':
    case 'jumbo-cactpot-na':
    case 'jumbo-cactpot-jp':
    case 'jumbo-cactpot-oc':
      return lastWeekly(now, JUMBO_CACTPOT_DRAWING[event.slice('jumbo-cactpot-'.length) as keyof typeof JUMBO_CACTPOT_DRAWING]);
  }
}

const EVENT_PERIOD: Record<ResetEvent, number> = {
  'daily-reset': DAY,
  'gc-reset': DAY,
  'weekly-reset': WEEK,
  'fashion-report-open': WEEK,
  'jumbo-cactpot-eu': WEEK,
  'jumbo-cactpot-na': WEEK,
  'jumbo-cactpot-jp': WEEK,
  'jumbo-cactpot-oc': WEEK,
  'ocean-fishing': OCEAN_FISHING_EVERY_HOURS * HOUR,
};

/** The earliest occurrence of an event strictly after `now`. */
export function nextOccurrence(event: ResetEvent, now: number): number {
  return previousOccurrence(event, now) + EVENT_PERIOD[event];
}

/** The event that closes a cadence's period, for announcements; none for cooldowns and to-dos. */
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
    default:
      return null;
  }
}
