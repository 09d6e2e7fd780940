import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderResetCalendar } from '../src/calendar/icsCalendar.js';
import { nextOccurrence } from '../src/resets/resetEngine.js';

/** Expands a parsed VEVENT's recurrence to its first occurrence strictly after `after`. */
function nextFrom(event: ICAL.Event, after: number): number {
  const it = event.iterator();
  for (let next = it.next(); next; next = it.next()) {
    const ms = next.toJSDate().getTime();
    if (ms > after) return ms;
  }
  throw new Error('no occurrence');
}

describe('reset calendar', () => {
  it('parses as RFC 5545 and its recurrences land on the reset engine’s instants', () => {
    const text = renderResetCalendar('eu');
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect([...byUid.keys()].sort()).toEqual(
      ['daily-reset@ffxiv-tracker', 'fashion-report-open@ffxiv-tracker', 'gc-reset@ffxiv-tracker', 'jumbo-cactpot-eu@ffxiv-tracker', 'weekly-reset@ffxiv-tracker'].sort(),
    );
    for (const now of [Date.parse('2026-11-23T10:00:00Z'), Date.parse('2027-03-28T00:30:00Z'), Date.parse('2028-02-29T15:00:00Z')]) {
      for (const event of ['daily-reset', 'gc-reset', 'weekly-reset', 'fashion-report-open', 'jumbo-cactpot-eu'] as const) {
        expect(new Date(nextFrom(byUid.get(`${event}@ffxiv-tracker`)!, now)).toISOString()).toBe(new Date(nextOccurrence(event, now)).toISOString());
      }
    }
  });

  it('is identical on every request, so subscribed calendars never duplicate events', () => {
    expect(renderResetCalendar()).toBe(renderResetCalendar());
    const all = new ICAL.Component(ICAL.parse(renderResetCalendar()));
    const uids = all.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));
    expect(uids.filter((u) => String(u).startsWith('jumbo-cactpot-'))).toHaveLength(4);
    expect(new Set(uids).size).toBe(uids.length);
  });
});
