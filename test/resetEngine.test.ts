import { describe, expect, it } from 'vitest';
import { RESET_EVENTS, type CadenceRule, type ResetEvent } from '../src/resets/cadences.js';
import { completionPeriod, currentPeriod, eventForCadence, isDone, nextOccurrence, nextReset, previousOccurrence } from '../src/resets/resetEngine.js';

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number | null | undefined) => (ms == null ? ms : new Date(ms).toISOString());
const HOUR = 3_600_000;

/** [rule, a boundary of it, the boundary before, the boundary after] */
const BOUNDARIES: [string, CadenceRule, string, string, string][] = [
  ['daily', { cadence: 'daily' }, '2026-11-23T15:00:00.000Z', '2026-11-22T15:00:00.000Z', '2026-11-24T15:00:00.000Z'],
  ['weekly (Tuesday 08:00)', { cadence: 'weekly' }, '2026-11-24T08:00:00.000Z', '2026-11-17T08:00:00.000Z', '2026-12-01T08:00:00.000Z'],
  ['Grand Company (20:00)', { cadence: 'gc-daily' }, '2026-11-23T20:00:00.000Z', '2026-11-22T20:00:00.000Z', '2026-11-24T20:00:00.000Z'],
  ['Fashion Report (closes at the weekly reset)', { cadence: 'fashion-report' }, '2026-11-24T08:00:00.000Z', '2026-11-17T08:00:00.000Z', '2026-12-01T08:00:00.000Z'],
  ['Jumbo Cactpot JP (Saturday 12:00)', { cadence: 'jumbo-cactpot', region: 'jp' }, '2026-11-28T12:00:00.000Z', '2026-11-21T12:00:00.000Z', '2026-12-05T12:00:00.000Z'],
  ['Jumbo Cactpot OC (Saturday 09:00)', { cadence: 'jumbo-cactpot', region: 'oc' }, '2026-11-28T09:00:00.000Z', '2026-11-21T09:00:00.000Z', '2026-12-05T09:00:00.000Z'],
  ['Jumbo Cactpot EU (Saturday 19:00)', { cadence: 'jumbo-cactpot', region: 'eu' }, '2026-11-28T19:00:00.000Z', '2026-11-21T19:00:00.000Z', '2026-12-05T19:00:00.000Z'],
  ['Jumbo Cactpot NA (Sunday 02:00)', { cadence: 'jumbo-cactpot', region: 'na' }, '2026-11-29T02:00:00.000Z', '2026-11-22T02:00:00.000Z', '2026-12-06T02:00:00.000Z'],
  // Year end: the weekly period of 29 Dec 2026 spans into 2027.
  ['daily across the new year', { cadence: 'daily' }, '2027-01-01T15:00:00.000Z', '2026-12-31T15:00:00.000Z', '2027-01-02T15:00:00.000Z'],
  ['weekly across the new year', { cadence: 'weekly' }, '2027-01-05T08:00:00.000Z', '2026-12-29T08:00:00.000Z', '2027-01-12T08:00:00.000Z'],
  // Leap days: 2024 and 2028 have 29 February; 2100 does not.
  ['daily on a leap day', { cadence: 'daily' }, '2024-02-29T15:00:00.000Z', '2024-02-28T15:00:00.000Z', '2024-03-01T15:00:00.000Z'],
  ['weekly over 29 February 2028', { cadence: 'weekly' }, '2028-02-29T08:00:00.000Z', '2028-02-22T08:00:00.000Z', '2028-03-07T08:00:00.000Z'],
  ['daily at the end of February 2100 (no leap day)', { cadence: 'daily' }, '2100-03-01T15:00:00.000Z', '2100-02-28T15:00:00.000Z', '2100-03-02T15:00:00.000Z'],
  // Daylight saving changes nothing: EU clocks change 29 Mar / 25 Oct 2026 at 01:00 UTC, US 8 Mar / 1 Nov 2026.
  ['daily on the EU spring change', { cadence: 'daily' }, '2026-03-29T15:00:00.000Z', '2026-03-28T15:00:00.000Z', '2026-03-30T15:00:00.000Z'],
  ['weekly after the EU autumn change', { cadence: 'weekly' }, '2026-10-27T08:00:00.000Z', '2026-10-20T08:00:00.000Z', '2026-11-03T08:00:00.000Z'],
  ['daily on the US spring change', { cadence: 'daily' }, '2026-03-08T15:00:00.000Z', '2026-03-07T15:00:00.000Z', '2026-03-09T15:00:00.000Z'],
  ['Jumbo Cactpot NA on the US autumn change', { cadence: 'jumbo-cactpot', region: 'na' }, '2026-11-01T02:00:00.000Z', '2026-10-25T02:00:00.000Z', '2026-11-08T02:00:00.000Z'],
];

describe.each(BOUNDARIES)('%s', (_name, rule, boundary, before, after) => {
  const b = t(boundary);
  it('one millisecond before the boundary is still the old period', () => {
    expect(iso(currentPeriod(rule, b - 1).start)).toBe(before);
    expect(iso(currentPeriod(rule, b - 1).end)).toBe(boundary);
    expect(iso(nextReset(rule, b - 1))).toBe(boundary);
  });
  it('the boundary instant starts the new period', () => {
    expect(currentPeriod(rule, b)).toMatchObject({ start: b, end: t(after) });
  });
  it('one millisecond after the boundary is in the new period', () => {
    expect(iso(currentPeriod(rule, b + 1).start)).toBe(boundary);
    expect(iso(nextReset(rule, b + 1))).toBe(after);
  });
  it('a completion just before the boundary is open again at it', () => {
    const p = completionPeriod(rule, b - 1);
    const last = { periodStart: p.start, completedAt: b - 1 };
    expect(isDone(rule, b - 1, last)).toBe(true);
    expect(isDone(rule, b, last)).toBe(false);
  });
});

describe('trackers often get these wrong', () => {
  it('Mini Cactpot-style daily tasks reset every day, not weekly', () => {
    const last = { periodStart: currentPeriod({ cadence: 'daily' }, t('2026-11-23T16:00:00Z')).start, completedAt: t('2026-11-23T16:00:00Z') };
    expect(isDone({ cadence: 'daily' }, t('2026-11-24T15:00:00Z'), last)).toBe(false);
  });
  it('Grand Company turn-ins reset at 20:00, not at the 15:00 daily reset', () => {
    const rule: CadenceRule = { cadence: 'gc-daily' };
    const last = { periodStart: currentPeriod(rule, t('2026-11-23T14:00:00Z')).start, completedAt: t('2026-11-23T14:00:00Z') };
    expect(isDone(rule, t('2026-11-23T15:00:00Z'), last)).toBe(true);
    expect(isDone(rule, t('2026-11-23T20:00:00Z'), last)).toBe(false);
  });
  it('Jumbo Cactpot does not reset at the weekly reset', () => {
    const rule: CadenceRule = { cadence: 'jumbo-cactpot', region: 'na' };
    const at = t('2026-11-23T12:00:00Z');
    const last = { periodStart: currentPeriod(rule, at).start, completedAt: at };
    expect(isDone(rule, t('2026-11-24T08:00:00Z'), last)).toBe(true);
    expect(isDone(rule, t('2026-11-29T01:59:59.999Z'), last)).toBe(true);
    expect(isDone(rule, t('2026-11-29T02:00:00Z'), last)).toBe(false);
  });
  it('Fashion Report judging opens Friday 08:00 and closes Tuesday 08:00', () => {
    const p = currentPeriod({ cadence: 'fashion-report' }, t('2026-11-25T12:00:00Z'));
    expect([iso(p.start), iso(p.opensAt), iso(p.end)]).toEqual(['2026-11-24T08:00:00.000Z', '2026-11-27T08:00:00.000Z', '2026-12-01T08:00:00.000Z']);
    expect(currentPeriod({ cadence: 'weekly' }, t('2026-11-25T12:00:00Z')).opensAt).toBeUndefined();
  });
});

describe('cooldowns and to-dos', () => {
  const map: CadenceRule = { cadence: 'cooldown', hours: 18 };
  it('a cooldown is available until done, then for N hours after the completion', () => {
    const now = t('2026-11-23T10:00:00Z');
    expect(currentPeriod(map, now)).toEqual({ start: 0, end: null });
    expect(nextReset(map, now)).toBeNull();
    const p = completionPeriod(map, now, null);
    expect(p).toEqual({ start: now, end: now + 18 * HOUR });
    const last = { periodStart: p.start, completedAt: now };
    expect(isDone(map, now + 18 * HOUR - 1, last)).toBe(true);
    expect(isDone(map, now + 18 * HOUR, last)).toBe(false);
    expect(currentPeriod(map, now + 20 * HOUR, now)).toEqual({ start: now + 18 * HOUR, end: null });
  });
  it('completing again during a cooldown is a repeat of the same period', () => {
    const now = t('2026-11-23T10:00:00Z');
    expect(completionPeriod(map, now + HOUR, now)).toEqual({ start: now, end: now + 18 * HOUR });
    expect(completionPeriod(map, now + 19 * HOUR, now)).toEqual({ start: now + 19 * HOUR, end: now + 37 * HOUR });
  });
  it('a to-do never resets', () => {
    const once: CadenceRule = { cadence: 'once' };
    expect(currentPeriod(once, t('2030-01-01T00:00:00Z'))).toEqual({ start: 0, end: null });
    expect(isDone(once, t('2090-01-01T00:00:00Z'), { periodStart: 0, completedAt: t('2026-01-01T00:00:00Z') })).toBe(true);
    expect(isDone(once, t('2090-01-01T00:00:00Z'), null)).toBe(false);
  });
  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a cooldown of %s hours', (hours) => {
    expect(() => currentPeriod({ cadence: 'cooldown', hours }, 0)).toThrow(RangeError);
  });
  it('refuses a NaN instant', () => {
    expect(() => currentPeriod({ cadence: 'daily' }, Number.NaN)).toThrow(RangeError);
    expect(() => previousOccurrence('daily-reset', Number.NaN)).toThrow(RangeError);
  });
});

describe('announced events', () => {
  const EVENTS: [ResetEvent, string, string][] = [
    ['daily-reset', '2026-11-23T15:00:00.000Z', '2026-11-24T15:00:00.000Z'],
    ['weekly-reset', '2026-11-24T08:00:00.000Z', '2026-12-01T08:00:00.000Z'],
    ['gc-reset', '2026-11-23T20:00:00.000Z', '2026-11-24T20:00:00.000Z'],
    ['fashion-report-open', '2026-11-27T08:00:00.000Z', '2026-12-04T08:00:00.000Z'],
    ['jumbo-cactpot-eu', '2026-11-28T19:00:00.000Z', '2026-12-05T19:00:00.000Z'],
    ['jumbo-cactpot-na', '2026-11-29T02:00:00.000Z', '2026-12-06T02:00:00.000Z'],
    ['jumbo-cactpot-jp', '2026-11-28T12:00:00.000Z', '2026-12-05T12:00:00.000Z'],
    ['jumbo-cactpot-oc', '2026-11-28T09:00:00.000Z', '2026-12-05T09:00:00.000Z'],
    ['ocean-fishing', '2026-11-23T16:00:00.000Z', '2026-11-23T18:00:00.000Z'],
  ];
  it('covers every event', () => {
    expect(EVENTS.map((e) => e[0]).sort()).toEqual([...RESET_EVENTS].sort());
  });
  it.each(EVENTS)('%s: before, at and after an occurrence', (event, at, following) => {
    const o = t(at);
    expect(iso(nextOccurrence(event, o - 1))).toBe(at);
    expect(iso(previousOccurrence(event, o))).toBe(at);
    expect(iso(nextOccurrence(event, o))).toBe(following);
    expect(previousOccurrence(event, o - 1)).toBeLessThan(o);
    expect(iso(previousOccurrence(event, o + 1))).toBe(at);
  });
  it('maps cadences to the event that closes their period', () => {
    expect(eventForCadence({ cadence: 'daily' })).toBe('daily-reset');
    expect(eventForCadence({ cadence: 'fashion-report' })).toBe('weekly-reset');
    expect(eventForCadence({ cadence: 'gc-daily' })).toBe('gc-reset');
    expect(eventForCadence({ cadence: 'jumbo-cactpot', region: 'oc' })).toBe('jumbo-cactpot-oc');
    expect(eventForCadence({ cadence: 'cooldown', hours: 18 })).toBeNull();
    expect(eventForCadence({ cadence: 'once' })).toBeNull();
  });
});
