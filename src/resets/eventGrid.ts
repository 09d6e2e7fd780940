import {
  DAILY_RESET_HOUR,
  FASHION_REPORT_OPENS,
  GC_RESET_HOUR,
  JUMBO_CACTPOT_DRAWING,
  OCEAN_FISHING_EVERY_HOURS,
  WEEKLY_RESET,
  type ResetEvent,
  type WeeklyTime,
} from './cadences.js';

// Pure UTC arithmetic on epoch ms: FFXIV resets ignore daylight saving and epoch ms have no
// leap seconds, so every event sits on a fixed grid (a step plus an offset from the epoch),
// and no calendar (month lengths, leap years, time zones) is ever consulted.
export const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
// The epoch fell on a Thursday; weekly offsets are measured from it.
const EPOCH_WEEKDAY = 4;

/** Occurrences of an event: every `offset + k * step` epoch ms, for any integer k. */
export interface Grid {
  step: number;
  offset: number;
}

const daily = (hour: number): Grid => ({ step: DAY, offset: hour * HOUR });
const weekly = (t: WeeklyTime): Grid => ({
  step: WEEK,
  offset: (t.day - EPOCH_WEEKDAY) * DAY + t.hour * HOUR + (t.minute ?? 0) * 60_000,
});

const EVENT_GRID: Record<ResetEvent, Grid> = {
  'daily-reset': daily(DAILY_RESET_HOUR),
  'gc-reset': daily(GC_RESET_HOUR),
  'weekly-reset': weekly(WEEKLY_RESET),
  'fashion-report-open': weekly(FASHION_REPORT_OPENS),
  'jumbo-cactpot-eu': weekly(JUMBO_CACTPOT_DRAWING.eu),
  'jumbo-cactpot-na': weekly(JUMBO_CACTPOT_DRAWING.na),
  'jumbo-cactpot-jp': weekly(JUMBO_CACTPOT_DRAWING.jp),
  'jumbo-cactpot-oc': weekly(JUMBO_CACTPOT_DRAWING.oc),
  'ocean-fishing': { step: OCEAN_FISHING_EVERY_HOURS * HOUR, offset: 0 },
};

/** @throws RangeError unless `now` is a finite number. */
export function checkNow(now: number): void {
  if (typeof now !== 'number' || !Number.isFinite(now)) throw new RangeError(`now must be finite epoch ms, got ${String(now)}`);
}

/** The grid an event's occurrences lie on. @throws RangeError for an unknown event. */
export function gridOf(event: ResetEvent): Grid {
  // Events also arrive from stored rows and HTTP input, where the type is only a promise.
  const grid = Object.hasOwn(EVENT_GRID, event) ? EVENT_GRID[event] : undefined;
  if (grid === undefined) throw new RangeError(`unknown reset event ${String(event)}`);
  return grid;
}

/**
 * The latest occurrence of `event` at or before `now` (an occurrence at exactly `now` counts).
 * @throws RangeError for a non-finite `now` or an unknown event.
 */
export function previousOccurrence(event: ResetEvent, now: number): number {
  checkNow(now);
  const { step, offset } = gridOf(event);
  // Math.floor, not truncation, so instants before the epoch land on the right side too.
  return Math.floor((now - offset) / step) * step + offset;
}

/**
 * The earliest occurrence of `event` strictly after `now`.
 * @throws RangeError for a non-finite `now` or an unknown event.
 */
export function nextOccurrence(event: ResetEvent, now: number): number {
  return previousOccurrence(event, now) + gridOf(event).step;
}
