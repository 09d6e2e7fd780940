import { afterEach, describe, expect, it } from 'vitest';
import { CADENCES, REGIONS, RESET_EVENTS, type CadenceRule, type ResetEvent } from '../src/resets/cadences.js';
import {
  completionPeriod,
  currentPeriod,
  eventForCadence,
  isDone,
  nextOccurrence,
  nextReset,
  previousOccurrence,
} from '../src/resets/resetEngine.js';

// Every expected instant below is written out by hand as UTC, so the tests do not share the engine's arithmetic.
const t = (iso: string): number => {
  const ms = Date.parse(iso);
  if (!iso.endsWith('Z') || Number.isNaN(ms)) throw new Error(`test instant must be UTC ISO: ${iso}`);
  return ms;
};
const iso = (ms: number | null | undefined) => (ms == null ? ms : new Date(ms).toISOString());
const span = (p: { start: number; end: number | null }) => [iso(p.start), iso(p.end)];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const DAILY: CadenceRule = { cadence: 'daily' };
const WEEKLY: CadenceRule = { cadence: 'weekly' };
const GC: CadenceRule = { cadence: 'gc-daily' };
const FASHION: CadenceRule = { cadence: 'fashion-report' };
const ONCE: CadenceRule = { cadence: 'once' };
const jumbo = (region: (typeof REGIONS)[number]): CadenceRule => ({ cadence: 'jumbo-cactpot', region });
const FIXED_RULES: CadenceRule[] = [DAILY, WEEKLY, GC, FASHION, ...REGIONS.map(jumbo)];

/** When each event happens, in UTC, independently of the engine's tables. */
const SCHEDULE: Record<ResetEvent, { weekday: number | null; hours: number[]; step: number }> = {
  'daily-reset': { weekday: null, hours: [15], step: DAY },
  'gc-reset': { weekday: null, hours: [20], step: DAY },
  'weekly-reset': { weekday: 2, hours: [8], step: WEEK },
  'fashion-report-open': { weekday: 5, hours: [8], step: WEEK },
  'jumbo-cactpot-eu': { weekday: 6, hours: [19], step: WEEK },
  'jumbo-cactpot-na': { weekday: 0, hours: [2], step: WEEK },
  'jumbo-cactpot-jp': { weekday: 6, hours: [12], step: WEEK },
  'jumbo-cactpot-oc': { weekday: 6, hours: [9], step: WEEK },
  'ocean-fishing': { weekday: null, hours: [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22], step: 2 * HOUR },
};

function expectOnSchedule(event: ResetEvent, ms: number): void {
  const d = new Date(ms);
  const s = SCHEDULE[event];
  if (s.weekday !== null) expect(d.getUTCDay()).toBe(s.weekday);
  expect(s.hours).toContain(d.getUTCHours());
  expect([d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]).toEqual([0, 0, 0]);
}

/** [what, rule, previous boundary, boundary, next boundary] */
const CADENCE_BOUNDARIES: [string, CadenceRule, string, string, string][] = [
  ['daily resets at 15:00', DAILY, '2026-11-22T15:00:00.000Z', '2026-11-23T15:00:00.000Z', '2026-11-24T15:00:00.000Z'],
  ['weekly resets Tuesday 08:00', WEEKLY, '2026-11-17T08:00:00.000Z', '2026-11-24T08:00:00.000Z', '2026-12-01T08:00:00.000Z'],
  ['Grand Company resets at 20:00', GC, '2026-11-22T20:00:00.000Z', '2026-11-23T20:00:00.000Z', '2026-11-24T20:00:00.000Z'],
  ['Fashion Report closes at the weekly reset', FASHION, '2026-11-17T08:00:00.000Z', '2026-11-24T08:00:00.000Z', '2026-12-01T08:00:00.000Z'],
  ['Jumbo Cactpot JP draws Saturday 12:00', jumbo('jp'), '2026-11-21T12:00:00.000Z', '2026-11-28T12:00:00.000Z', '2026-12-05T12:00:00.000Z'],
  ['Jumbo Cactpot OC draws Saturday 09:00', jumbo('oc'), '2026-11-21T09:00:00.000Z', '2026-11-28T09:00:00.000Z', '2026-12-05T09:00:00.000Z'],
  ['Jumbo Cactpot EU draws Saturday 19:00', jumbo('eu'), '2026-11-21T19:00:00.000Z', '2026-11-28T19:00:00.000Z', '2026-12-05T19:00:00.000Z'],
  ['Jumbo Cactpot NA draws Sunday 02:00', jumbo('na'), '2026-11-22T02:00:00.000Z', '2026-11-29T02:00:00.000Z', '2026-12-06T02:00:00.000Z'],
  // Year end.
  ['a daily period spans midnight into the new year', DAILY, '2026-12-30T15:00:00.000Z', '2026-12-31T15:00:00.000Z', '2027-01-01T15:00:00.000Z'],
  ['the first daily reset of the year follows 31 December', DAILY, '2026-12-31T15:00:00.000Z', '2027-01-01T15:00:00.000Z', '2027-01-02T15:00:00.000Z'],
  ['a Grand Company period spans the new year', GC, '2026-12-30T20:00:00.000Z', '2026-12-31T20:00:00.000Z', '2027-01-01T20:00:00.000Z'],
  ['a weekly period spans the new year', WEEKLY, '2026-12-22T08:00:00.000Z', '2026-12-29T08:00:00.000Z', '2027-01-05T08:00:00.000Z'],
  ['a Fashion Report period spans the new year', FASHION, '2026-12-22T08:00:00.000Z', '2026-12-29T08:00:00.000Z', '2027-01-05T08:00:00.000Z'],
  ['Jumbo Cactpot EU draws on 2 January', jumbo('eu'), '2026-12-26T19:00:00.000Z', '2027-01-02T19:00:00.000Z', '2027-01-09T19:00:00.000Z'],
  ['Jumbo Cactpot NA draws on 3 January', jumbo('na'), '2026-12-27T02:00:00.000Z', '2027-01-03T02:00:00.000Z', '2027-01-10T02:00:00.000Z'],
  // Leap days: 2024 and 2028 have 29 February, 2100 (divisible by 100, not 400) does not.
  ['daily resets on 29 February 2024', DAILY, '2024-02-28T15:00:00.000Z', '2024-02-29T15:00:00.000Z', '2024-03-01T15:00:00.000Z'],
  ['daily resets on 1 March 2024 after the leap day', DAILY, '2024-02-29T15:00:00.000Z', '2024-03-01T15:00:00.000Z', '2024-03-02T15:00:00.000Z'],
  ['a weekly period contains 29 February 2024', WEEKLY, '2024-02-20T08:00:00.000Z', '2024-02-27T08:00:00.000Z', '2024-03-05T08:00:00.000Z'],
  ['Jumbo Cactpot NA draws the Sunday after 29 February 2024', jumbo('na'), '2024-02-25T02:00:00.000Z', '2024-03-03T02:00:00.000Z', '2024-03-10T02:00:00.000Z'],
  ['the weekly reset falls on 29 February 2028', WEEKLY, '2028-02-22T08:00:00.000Z', '2028-02-29T08:00:00.000Z', '2028-03-07T08:00:00.000Z'],
  ['Grand Company resets on 29 February 2028', GC, '2028-02-28T20:00:00.000Z', '2028-02-29T20:00:00.000Z', '2028-03-01T20:00:00.000Z'],
  ['daily goes from 28 February to 1 March 2100 (no leap day)', DAILY, '2100-02-27T15:00:00.000Z', '2100-02-28T15:00:00.000Z', '2100-03-01T15:00:00.000Z'],
  ['a weekly period spans February 2100 without a 29th', WEEKLY, '2100-02-16T08:00:00.000Z', '2100-02-23T08:00:00.000Z', '2100-03-02T08:00:00.000Z'],
  ['Jumbo Cactpot JP draws a week after 27 February 2100', jumbo('jp'), '2100-02-20T12:00:00.000Z', '2100-02-27T12:00:00.000Z', '2100-03-06T12:00:00.000Z'],
  // Daylight-saving change days (2026: EU 29 Mar and 25 Oct at 01:00 UTC, US 8 Mar 07:00 and 1 Nov 06:00 UTC).
  ['daily stays at 15:00 UTC on the EU spring change', DAILY, '2026-03-28T15:00:00.000Z', '2026-03-29T15:00:00.000Z', '2026-03-30T15:00:00.000Z'],
  ['daily stays at 15:00 UTC on the EU autumn change', DAILY, '2026-10-24T15:00:00.000Z', '2026-10-25T15:00:00.000Z', '2026-10-26T15:00:00.000Z'],
  ['Grand Company stays at 20:00 UTC on the US spring change', GC, '2026-03-07T20:00:00.000Z', '2026-03-08T20:00:00.000Z', '2026-03-09T20:00:00.000Z'],
  ['Grand Company stays at 20:00 UTC on the US autumn change', GC, '2026-10-31T20:00:00.000Z', '2026-11-01T20:00:00.000Z', '2026-11-02T20:00:00.000Z'],
  ['weekly stays at 08:00 UTC after the EU spring change', WEEKLY, '2026-03-24T08:00:00.000Z', '2026-03-31T08:00:00.000Z', '2026-04-07T08:00:00.000Z'],
  ['weekly stays at 08:00 UTC after the EU autumn change', WEEKLY, '2026-10-20T08:00:00.000Z', '2026-10-27T08:00:00.000Z', '2026-11-03T08:00:00.000Z'],
  ['weekly stays at 08:00 UTC after the US spring change', WEEKLY, '2026-03-03T08:00:00.000Z', '2026-03-10T08:00:00.000Z', '2026-03-17T08:00:00.000Z'],
  ['weekly stays at 08:00 UTC after the US autumn change', WEEKLY, '2026-10-27T08:00:00.000Z', '2026-11-03T08:00:00.000Z', '2026-11-10T08:00:00.000Z'],
  ['Jumbo Cactpot NA stays at 02:00 UTC on the EU spring change', jumbo('na'), '2026-03-22T02:00:00.000Z', '2026-03-29T02:00:00.000Z', '2026-04-05T02:00:00.000Z'],
  ['Jumbo Cactpot NA stays at 02:00 UTC on the US spring change', jumbo('na'), '2026-03-01T02:00:00.000Z', '2026-03-08T02:00:00.000Z', '2026-03-15T02:00:00.000Z'],
  ['Jumbo Cactpot NA stays at 02:00 UTC on the US autumn change', jumbo('na'), '2026-10-25T02:00:00.000Z', '2026-11-01T02:00:00.000Z', '2026-11-08T02:00:00.000Z'],
  ['Jumbo Cactpot EU stays at 19:00 UTC across the EU autumn change', jumbo('eu'), '2026-10-17T19:00:00.000Z', '2026-10-24T19:00:00.000Z', '2026-10-31T19:00:00.000Z'],
];

describe.each(CADENCE_BOUNDARIES)('%s', (_what, rule, previous, boundary, next) => {
  const b = t(boundary);

  it('1 ms before the boundary is still the period that started at the previous boundary', () => {
    expect(span(currentPeriod(rule, b - 1))).toEqual([previous, boundary]);
    expect(iso(nextReset(rule, b - 1))).toBe(boundary);
  });

  it('the boundary instant itself starts the new period', () => {
    expect(span(currentPeriod(rule, b))).toEqual([boundary, next]);
    expect(iso(nextReset(rule, b))).toBe(next);
  });

  it('1 ms after the boundary is in the new period', () => {
    expect(span(currentPeriod(rule, b + 1))).toEqual([boundary, next]);
    expect(iso(nextReset(rule, b + 1))).toBe(next);
  });

  it('a completion 1 ms before the boundary is open again at the boundary', () => {
    const last = { periodStart: completionPeriod(rule, b - 1).start, completedAt: b - 1 };
    expect(isDone(rule, b - 1, last)).toBe(true);
    expect(isDone(rule, b, last)).toBe(false);
    expect(isDone(rule, b + 1, last)).toBe(false);
  });

  it('a completion at the boundary counts until 1 ms before the next boundary', () => {
    const last = { periodStart: completionPeriod(rule, b).start, completedAt: b };
    expect(iso(last.periodStart)).toBe(boundary);
    expect(isDone(rule, b, last)).toBe(true);
    expect(isDone(rule, t(next) - 1, last)).toBe(true);
    expect(isDone(rule, t(next), last)).toBe(false);
  });
});

/** [event, previous occurrence, occurrence, following occurrence] */
const EVENT_BOUNDARIES: [ResetEvent, string, string, string][] = [
  ['daily-reset', '2026-11-22T15:00:00.000Z', '2026-11-23T15:00:00.000Z', '2026-11-24T15:00:00.000Z'],
  ['daily-reset', '2026-12-30T15:00:00.000Z', '2026-12-31T15:00:00.000Z', '2027-01-01T15:00:00.000Z'],
  ['daily-reset', '2024-02-28T15:00:00.000Z', '2024-02-29T15:00:00.000Z', '2024-03-01T15:00:00.000Z'],
  ['weekly-reset', '2026-11-17T08:00:00.000Z', '2026-11-24T08:00:00.000Z', '2026-12-01T08:00:00.000Z'],
  ['weekly-reset', '2026-12-29T08:00:00.000Z', '2027-01-05T08:00:00.000Z', '2027-01-12T08:00:00.000Z'],
  ['weekly-reset', '2028-02-22T08:00:00.000Z', '2028-02-29T08:00:00.000Z', '2028-03-07T08:00:00.000Z'],
  ['gc-reset', '2026-11-22T20:00:00.000Z', '2026-11-23T20:00:00.000Z', '2026-11-24T20:00:00.000Z'],
  ['gc-reset', '2026-12-31T20:00:00.000Z', '2027-01-01T20:00:00.000Z', '2027-01-02T20:00:00.000Z'],
  ['fashion-report-open', '2026-11-20T08:00:00.000Z', '2026-11-27T08:00:00.000Z', '2026-12-04T08:00:00.000Z'],
  ['fashion-report-open', '2026-12-25T08:00:00.000Z', '2027-01-01T08:00:00.000Z', '2027-01-08T08:00:00.000Z'],
  ['fashion-report-open', '2100-02-19T08:00:00.000Z', '2100-02-26T08:00:00.000Z', '2100-03-05T08:00:00.000Z'],
  ['jumbo-cactpot-eu', '2026-11-21T19:00:00.000Z', '2026-11-28T19:00:00.000Z', '2026-12-05T19:00:00.000Z'],
  ['jumbo-cactpot-eu', '2024-02-24T19:00:00.000Z', '2024-03-02T19:00:00.000Z', '2024-03-09T19:00:00.000Z'],
  ['jumbo-cactpot-na', '2026-11-22T02:00:00.000Z', '2026-11-29T02:00:00.000Z', '2026-12-06T02:00:00.000Z'],
  ['jumbo-cactpot-na', '2026-12-27T02:00:00.000Z', '2027-01-03T02:00:00.000Z', '2027-01-10T02:00:00.000Z'],
  ['jumbo-cactpot-jp', '2026-11-21T12:00:00.000Z', '2026-11-28T12:00:00.000Z', '2026-12-05T12:00:00.000Z'],
  ['jumbo-cactpot-jp', '2028-02-26T12:00:00.000Z', '2028-03-04T12:00:00.000Z', '2028-03-11T12:00:00.000Z'],
  ['jumbo-cactpot-oc', '2026-11-21T09:00:00.000Z', '2026-11-28T09:00:00.000Z', '2026-12-05T09:00:00.000Z'],
  ['jumbo-cactpot-oc', '2026-12-26T09:00:00.000Z', '2027-01-02T09:00:00.000Z', '2027-01-09T09:00:00.000Z'],
  ['ocean-fishing', '2026-11-23T14:00:00.000Z', '2026-11-23T16:00:00.000Z', '2026-11-23T18:00:00.000Z'],
  ['ocean-fishing', '2026-11-22T22:00:00.000Z', '2026-11-23T00:00:00.000Z', '2026-11-23T02:00:00.000Z'],
  ['ocean-fishing', '2026-12-31T22:00:00.000Z', '2027-01-01T00:00:00.000Z', '2027-01-01T02:00:00.000Z'],
  ['ocean-fishing', '2024-02-28T22:00:00.000Z', '2024-02-29T00:00:00.000Z', '2024-02-29T02:00:00.000Z'],
  ['ocean-fishing', '2026-03-29T00:00:00.000Z', '2026-03-29T02:00:00.000Z', '2026-03-29T04:00:00.000Z'],
  ['ocean-fishing', '2026-11-01T04:00:00.000Z', '2026-11-01T06:00:00.000Z', '2026-11-01T08:00:00.000Z'],
];

describe('reset events', () => {
  it('the boundary table covers every event', () => {
    expect(new Set(EVENT_BOUNDARIES.map((row) => row[0]))).toEqual(new Set(RESET_EVENTS));
  });

  it.each(EVENT_BOUNDARIES)('%s at %s: 1 ms before, at and 1 ms after the occurrence at %s', (event, previous, at, following) => {
    const o = t(at);
    expect([iso(previousOccurrence(event, o - 1)), iso(nextOccurrence(event, o - 1))]).toEqual([previous, at]);
    expect([iso(previousOccurrence(event, o)), iso(nextOccurrence(event, o))]).toEqual([at, following]);
    expect([iso(previousOccurrence(event, o + 1)), iso(nextOccurrence(event, o + 1))]).toEqual([at, following]);
  });

  it('ocean fishing boats leave on even hours only: an odd hour falls between two departures', () => {
    const now = t('2026-11-23T13:00:00.000Z');
    expect(iso(previousOccurrence('ocean-fishing', now))).toBe('2026-11-23T12:00:00.000Z');
    expect(iso(nextOccurrence('ocean-fishing', now))).toBe('2026-11-23T14:00:00.000Z');
  });

  it('instants before 1970 still land on the same UTC grid', () => {
    const now = t('1969-12-31T12:00:00.000Z');
    expect(iso(previousOccurrence('daily-reset', now))).toBe('1969-12-30T15:00:00.000Z');
    expect(iso(previousOccurrence('weekly-reset', now))).toBe('1969-12-30T08:00:00.000Z');
    expect(iso(nextOccurrence('jumbo-cactpot-na', now))).toBe('1970-01-04T02:00:00.000Z');
  });

  // Sweeps across a leap day, a year end and all four 2026 daylight-saving changes, at an odd stride
  // so the samples hit every hour and minute of the week.
  const SWEEPS: [string, string][] = [
    ['2024-02-20T00:00:00.000Z', '2024-04-05T00:00:00.000Z'],
    ['2026-03-01T00:00:00.000Z', '2026-04-05T00:00:00.000Z'],
    ['2026-10-18T00:00:00.000Z', '2026-11-12T00:00:00.000Z'],
    ['2027-12-20T00:00:00.000Z', '2028-03-10T00:00:00.000Z'],
  ];
  const STRIDE = 97 * 60_000 + 13_001;

  it.each(RESET_EVENTS)('%s: previous <= now < next, one step apart and always at its UTC time', (event) => {
    for (const [from, to] of SWEEPS) {
      for (let now = t(from); now < t(to); now += STRIDE) {
        const prev = previousOccurrence(event, now);
        const next = nextOccurrence(event, now);
        expect(prev).toBeLessThanOrEqual(now);
        expect(next).toBeGreaterThan(now);
        expect(next - prev).toBe(SCHEDULE[event].step);
        expectOnSchedule(event, prev);
        expectOnSchedule(event, next);
      }
    }
  });

  it.each(FIXED_RULES.map((rule) => [JSON.stringify(rule), rule] as const))(
    '%s: the period runs from the previous to the next occurrence of its closing event',
    (_name, rule) => {
      const event = eventForCadence(rule);
      expect(event).not.toBeNull();
      for (const [from, to] of SWEEPS) {
        for (let now = t(from); now < t(to); now += STRIDE) {
          const p = currentPeriod(rule, now);
          expect(p.start).toBe(previousOccurrence(event!, now));
          expect(p.end).toBe(nextOccurrence(event!, now));
          expect(nextReset(rule, now)).toBe(p.end);
          expect(completionPeriod(rule, now, now - HOUR)).toEqual(p);
        }
      }
    },
  );
});

describe('daylight saving never moves a reset', () => {
  const CHANGES: [string, string][] = [
    ['EU spring 2026', '2026-03-29T01:00:00.000Z'],
    ['EU autumn 2026', '2026-10-25T01:00:00.000Z'],
    ['US spring 2026', '2026-03-08T07:00:00.000Z'],
    ['US autumn 2026', '2026-11-01T06:00:00.000Z'],
    ['EU spring 2024', '2024-03-31T01:00:00.000Z'],
    ['EU autumn 2024', '2024-10-27T01:00:00.000Z'],
    ['US spring 2024', '2024-03-10T07:00:00.000Z'],
    ['US autumn 2024', '2024-11-03T06:00:00.000Z'],
  ];
  const AROUND = CHANGES.flatMap(([name, at]) => [-1, 0, 1].map((d) => [name, d, t(at) + d] as const));

  it.each(AROUND)('around the %s change (%i ms), every event keeps its UTC time and spacing', (_name, _d, now) => {
    for (const event of RESET_EVENTS) {
      expectOnSchedule(event, previousOccurrence(event, now));
      expectOnSchedule(event, nextOccurrence(event, now));
      expect(nextOccurrence(event, now) - previousOccurrence(event, now)).toBe(SCHEDULE[event].step);
    }
  });

  it.each([
    ['EU spring 2026', '2026-03-29T01:00:00.000Z', '2026-03-28T15:00:00.000Z', '2026-03-24T08:00:00.000Z', '2026-03-29T02:00:00.000Z'],
    ['EU autumn 2026', '2026-10-25T01:00:00.000Z', '2026-10-24T15:00:00.000Z', '2026-10-20T08:00:00.000Z', '2026-10-25T02:00:00.000Z'],
    ['US spring 2026', '2026-03-08T07:00:00.000Z', '2026-03-07T15:00:00.000Z', '2026-03-03T08:00:00.000Z', '2026-03-15T02:00:00.000Z'],
    ['US autumn 2026', '2026-11-01T06:00:00.000Z', '2026-10-31T15:00:00.000Z', '2026-10-27T08:00:00.000Z', '2026-11-08T02:00:00.000Z'],
  ])('the periods containing the %s change are exactly one day and one week long', (_name, at, dailyStart, weeklyStart, naNext) => {
    const now = t(at);
    expect(currentPeriod(DAILY, now)).toEqual({ start: t(dailyStart), end: t(dailyStart) + DAY });
    expect(currentPeriod(WEEKLY, now)).toEqual({ start: t(weeklyStart), end: t(weeklyStart) + WEEK });
    expect(iso(nextReset(jumbo('na'), now))).toBe(naNext);
  });

  it('the daily reset moves in local wall-clock time, because it is fixed in UTC', () => {
    const local = (ms: number, timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
    expect(local(nextOccurrence('daily-reset', t('2026-03-28T12:00:00.000Z')), 'Europe/London')).toBe('15:00');
    expect(local(nextOccurrence('daily-reset', t('2026-03-29T12:00:00.000Z')), 'Europe/London')).toBe('16:00');
    expect(local(nextOccurrence('daily-reset', t('2026-03-07T12:00:00.000Z')), 'America/New_York')).toBe('10:00');
    expect(local(nextOccurrence('daily-reset', t('2026-03-08T12:00:00.000Z')), 'America/New_York')).toBe('11:00');
  });

  describe('under any process time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });
    const snapshot = () =>
      CHANGES.map(([, at]) => [
        ...RESET_EVENTS.map((event) => [previousOccurrence(event, t(at)), nextOccurrence(event, t(at))]),
        ...FIXED_RULES.map((rule) => currentPeriod(rule, t(at))),
      ]);

    it.each(['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Tokyo'])('%s gives the same answers as UTC', (tz) => {
      process.env.TZ = 'UTC';
      const utc = snapshot();
      process.env.TZ = tz;
      expect(snapshot()).toEqual(utc);
    });
  });
});

describe('resets trackers often get wrong', () => {
  it('a Mini Cactpot-style daily task reopens at the next 15:00, not at the weekly reset', () => {
    const last = { periodStart: completionPeriod(DAILY, t('2026-11-23T16:00:00.000Z')).start, completedAt: t('2026-11-23T16:00:00.000Z') };
    expect(isDone(DAILY, t('2026-11-24T14:59:59.999Z'), last)).toBe(true);
    expect(isDone(DAILY, t('2026-11-24T15:00:00.000Z'), last)).toBe(false);
    expect(iso(nextReset(DAILY, t('2026-11-23T16:00:00.000Z')))).toBe('2026-11-24T15:00:00.000Z');
    expect(iso(nextReset(WEEKLY, t('2026-11-23T16:00:00.000Z')))).toBe('2026-11-24T08:00:00.000Z');
  });

  it('Grand Company turn-ins reset at 20:00, not at the 15:00 daily reset', () => {
    const at = t('2026-11-23T14:00:00.000Z');
    const last = { periodStart: completionPeriod(GC, at).start, completedAt: at };
    expect(isDone(GC, t('2026-11-23T15:00:00.000Z'), last)).toBe(true);
    expect(isDone(GC, t('2026-11-23T19:59:59.999Z'), last)).toBe(true);
    expect(isDone(GC, t('2026-11-23T20:00:00.000Z'), last)).toBe(false);
  });

  it('a daily task done at 16:00 is not reopened by the 20:00 Grand Company reset', () => {
    const at = t('2026-11-23T16:00:00.000Z');
    const last = { periodStart: completionPeriod(DAILY, at).start, completedAt: at };
    expect(isDone(DAILY, t('2026-11-23T20:00:00.000Z'), last)).toBe(true);
  });

  it.each([
    ['jp', '2026-11-28T12:00:00.000Z', 6],
    ['oc', '2026-11-28T09:00:00.000Z', 6],
    ['eu', '2026-11-28T19:00:00.000Z', 6],
    ['na', '2026-11-29T02:00:00.000Z', 0],
  ] as const)('Jumbo Cactpot %s survives the Tuesday weekly reset and reopens only at its own drawing %s', (region, drawing, weekday) => {
    const rule = jumbo(region);
    const at = t('2026-11-23T12:00:00.000Z');
    const last = { periodStart: completionPeriod(rule, at).start, completedAt: at };
    expect(isDone(rule, t('2026-11-24T08:00:00.000Z'), last)).toBe(true);
    expect(isDone(rule, t(drawing) - 1, last)).toBe(true);
    expect(isDone(rule, t(drawing), last)).toBe(false);
    expect(new Date(t(drawing)).getUTCDay()).toBe(weekday);
    expect(eventForCadence(rule)).not.toBe('weekly-reset');
  });

  it('Jumbo Cactpot EU draws at 19:00 UTC, not the 20:00 one tracker uses', () => {
    expect(iso(currentPeriod(jumbo('eu'), t('2026-11-28T19:30:00.000Z')).start)).toBe('2026-11-28T19:00:00.000Z');
  });
});

describe('Fashion Report', () => {
  it.each([
    ['2026-11-24T08:00:00.000Z', '2026-11-27T08:00:00.000Z', '2026-12-01T08:00:00.000Z'],
    ['2026-12-29T08:00:00.000Z', '2027-01-01T08:00:00.000Z', '2027-01-05T08:00:00.000Z'],
    ['2028-02-29T08:00:00.000Z', '2028-03-03T08:00:00.000Z', '2028-03-07T08:00:00.000Z'],
    ['2100-02-23T08:00:00.000Z', '2100-02-26T08:00:00.000Z', '2100-03-02T08:00:00.000Z'],
  ])('the period from %s opens Friday %s and closes Tuesday %s, whole week long', (start, opensAt, end) => {
    const o = t(opensAt);
    for (const now of [t(start), o - 1, o, o + 1, t(end) - 1]) {
      const p = currentPeriod(FASHION, now);
      expect([iso(p.start), iso(p.opensAt), iso(p.end)]).toEqual([start, opensAt, end]);
    }
    expect(new Date(o).getUTCDay()).toBe(5);
    expect(new Date(t(end)).getUTCDay()).toBe(2);
    expect(currentPeriod(FASHION, t(end)).start).toBe(t(end));
    expect(previousOccurrence('fashion-report-open', t(end) - 1)).toBe(o);
  });

  it('closes at the weekly reset event', () => {
    expect(eventForCadence(FASHION)).toBe('weekly-reset');
  });

  it.each([...FIXED_RULES.filter((r) => r !== FASHION), ONCE, { cadence: 'cooldown', hours: 18 } as CadenceRule].map((r) => [r.cadence, r] as const))(
    'a %s period carries no opensAt',
    (_name, rule) => {
      expect(Object.hasOwn(currentPeriod(rule, t('2026-11-28T10:00:00.000Z'), t('2026-11-28T09:00:00.000Z')), 'opensAt')).toBe(false);
    },
  );
});

describe('cooldowns', () => {
  const T = t('2026-12-31T20:00:00.000Z');

  it.each([18, 20, 1, 0.5])('a %s-hour cooldown: available until done, done for exactly that long, then available again', (hours) => {
    const rule: CadenceRule = { cadence: 'cooldown', hours };
    const N = hours * HOUR;
    expect(currentPeriod(rule, T)).toEqual({ start: 0, end: null });
    expect(currentPeriod(rule, T, null)).toEqual({ start: 0, end: null });
    expect(nextReset(rule, T)).toBeNull();
    expect(isDone(rule, T, null)).toBe(false);

    const p = completionPeriod(rule, T, null);
    expect(p).toEqual({ start: T, end: T + N });
    const last = { periodStart: p.start, completedAt: T };

    for (const now of [T, T + 1, T + N - 1]) {
      expect(currentPeriod(rule, now, T)).toEqual({ start: T, end: T + N });
      expect(nextReset(rule, now, T)).toBe(T + N);
      expect(isDone(rule, now, last)).toBe(true);
    }
    for (const now of [T + N, T + N + 1]) {
      expect(currentPeriod(rule, now, T)).toEqual({ start: T + N, end: null });
      expect(nextReset(rule, now, T)).toBeNull();
      expect(isDone(rule, now, last)).toBe(false);
    }
  });

  it('completing again during a cooldown is idempotent: the same period, up to 1 ms before expiry', () => {
    const rule: CadenceRule = { cadence: 'cooldown', hours: 18 };
    for (const now of [T, T + HOUR, T + 18 * HOUR - 1]) {
      expect(completionPeriod(rule, now, T)).toEqual({ start: T, end: T + 18 * HOUR });
    }
  });

  it('completing at or after expiry starts a fresh cooldown from that completion', () => {
    const rule: CadenceRule = { cadence: 'cooldown', hours: 18 };
    expect(completionPeriod(rule, T + 18 * HOUR, T)).toEqual({ start: T + 18 * HOUR, end: T + 36 * HOUR });
    expect(completionPeriod(rule, T + 19 * HOUR, T)).toEqual({ start: T + 19 * HOUR, end: T + 37 * HOUR });
  });

  it('an 18-hour cooldown runs across the new year and ignores the daily reset', () => {
    const rule: CadenceRule = { cadence: 'cooldown', hours: 18 };
    const last = { periodStart: T, completedAt: T };
    expect(iso(nextReset(rule, t('2027-01-01T10:00:00.000Z'), T))).toBe('2027-01-01T14:00:00.000Z');
    expect(isDone(rule, t('2027-01-01T13:59:59.999Z'), last)).toBe(true);
    expect(isDone(rule, t('2027-01-01T14:00:00.000Z'), last)).toBe(false);
    const beforeDaily = t('2026-12-31T14:00:00.000Z');
    expect(isDone(rule, t('2026-12-31T15:00:00.000Z'), { periodStart: beforeDaily, completedAt: beforeDaily })).toBe(true);
    expect(eventForCadence(rule)).toBeNull();
  });

  it('is judged by when it was completed, not by its stored period key', () => {
    const rule: CadenceRule = { cadence: 'cooldown', hours: 18 };
    expect(isDone(rule, T + HOUR, { periodStart: 0, completedAt: T })).toBe(true);
    expect(isDone(rule, T + 18 * HOUR, { periodStart: T + 17 * HOUR, completedAt: T })).toBe(false);
  });
});

describe('one-off to-dos', () => {
  it.each(['1970-01-01T00:00:00.000Z', '2026-11-24T08:00:00.000Z', '2100-03-01T15:00:00.000Z'])('at %s a to-do has one endless period', (at) => {
    expect(currentPeriod(ONCE, t(at))).toEqual({ start: 0, end: null });
    expect(currentPeriod(ONCE, t(at), t('2026-01-01T00:00:00.000Z'))).toEqual({ start: 0, end: null });
    expect(completionPeriod(ONCE, t(at), null)).toEqual({ start: 0, end: null });
    expect(nextReset(ONCE, t(at))).toBeNull();
  });

  it('stays done forever once done, and is not done before', () => {
    const last = { periodStart: 0, completedAt: t('2026-01-01T00:00:00.000Z') };
    expect(isDone(ONCE, t('2090-01-01T00:00:00.000Z'), last)).toBe(true);
    expect(isDone(ONCE, t('2090-01-01T00:00:00.000Z'), null)).toBe(false);
    expect(eventForCadence(ONCE)).toBeNull();
  });
});

describe('fixed cadences compare the stored period key', () => {
  it.each(FIXED_RULES.map((r) => [JSON.stringify(r), r] as const))('%s: done only with the current period key', (_name, rule) => {
    const now = t('2026-11-25T12:00:00.000Z');
    const p = currentPeriod(rule, now);
    expect(isDone(rule, now, { periodStart: p.start, completedAt: p.start })).toBe(true);
    expect(isDone(rule, now, { periodStart: previousOccurrence(eventForCadence(rule)!, p.start - 1), completedAt: p.start - 1 })).toBe(false);
    expect(isDone(rule, now, null)).toBe(false);
  });
});

describe('eventForCadence', () => {
  const table = [
    [DAILY, 'daily-reset'],
    [WEEKLY, 'weekly-reset'],
    [GC, 'gc-reset'],
    [FASHION, 'weekly-reset'],
    [jumbo('eu'), 'jumbo-cactpot-eu'],
    [jumbo('na'), 'jumbo-cactpot-na'],
    [jumbo('jp'), 'jumbo-cactpot-jp'],
    [jumbo('oc'), 'jumbo-cactpot-oc'],
    [{ cadence: 'cooldown', hours: 18 }, null],
    [ONCE, null],
  ] as [CadenceRule, ResetEvent | null][];
  it.each(table)('maps %j to %s', (rule, event) => {
    expect(eventForCadence(rule)).toBe(event);
  });

  it('the table above covers every cadence', () => {
    expect(new Set(table.map(([r]) => r.cadence))).toEqual(new Set(CADENCES));
  });
});

describe('invalid input', () => {
  const bad = (x: unknown) => x as never;
  const NOW = t('2026-11-23T12:00:00.000Z');

  it.each([0, -1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '18', null])(
    'a cooldown of %s hours is refused by every function',
    (hours) => {
      const rule = bad({ cadence: 'cooldown', hours });
      expect(() => currentPeriod(rule, NOW)).toThrow(RangeError);
      expect(() => currentPeriod(rule, NOW, NOW - HOUR)).toThrow(RangeError);
      expect(() => completionPeriod(rule, NOW)).toThrow(RangeError);
      expect(() => nextReset(rule, NOW, NOW - HOUR)).toThrow(RangeError);
      expect(() => isDone(rule, NOW, null)).toThrow(RangeError);
      expect(() => isDone(rule, NOW, { periodStart: NOW, completedAt: NOW })).toThrow(RangeError);
    },
  );

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('a now of %s is refused by every function', (now) => {
    for (const rule of [...FIXED_RULES, ONCE, { cadence: 'cooldown', hours: 18 } as CadenceRule]) {
      expect(() => currentPeriod(rule, now)).toThrow(RangeError);
      expect(() => completionPeriod(rule, now)).toThrow(RangeError);
      expect(() => nextReset(rule, now)).toThrow(RangeError);
      expect(() => isDone(rule, now, null)).toThrow(RangeError);
    }
    for (const event of RESET_EVENTS) {
      expect(() => previousOccurrence(event, now)).toThrow(RangeError);
      expect(() => nextOccurrence(event, now)).toThrow(RangeError);
    }
  });

  it('a cooldown last completed at NaN is refused', () => {
    expect(() => currentPeriod({ cadence: 'cooldown', hours: 18 }, NOW, Number.NaN)).toThrow(RangeError);
  });

  it('unknown events, regions and cadences are refused', () => {
    expect(() => previousOccurrence(bad('jumbo-cactpot-xx'), NOW)).toThrow(RangeError);
    expect(() => nextOccurrence(bad('toString'), NOW)).toThrow(RangeError);
    expect(() => currentPeriod(bad({ cadence: 'jumbo-cactpot', region: 'xx' }), NOW)).toThrow(RangeError);
    expect(() => currentPeriod(bad({ cadence: 'monthly' }), NOW)).toThrow(RangeError);
    expect(() => isDone(bad({ cadence: 'monthly' }), NOW, null)).toThrow(RangeError);
  });
});
