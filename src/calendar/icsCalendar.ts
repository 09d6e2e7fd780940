import type { Region } from '../resets/cadences.js';
import { nextOccurrence } from '../resets/resetEngine.js';
import type { ResetEvent } from '../resets/cadences.js';

interface Series {
  event: ResetEvent;
  summary: string;
  description: string;
  rrule: string;
  /** Minutes the calendar entry lasts (a window, or a moment). */
  minutes: number;
}

const SERIES: Series[] = [
  { event: 'daily-reset', summary: 'FFXIV daily reset', description: 'Duty roulettes, allied society quests, Mini Cactpot and daily hunts reset.', rrule: 'FREQ=DAILY', minutes: 15 },
  { event: 'gc-reset', summary: 'FFXIV Grand Company reset', description: 'Supply and provisioning missions reset.', rrule: 'FREQ=DAILY', minutes: 15 },
  { event: 'weekly-reset', summary: 'FFXIV weekly reset', description: 'Wondrous Tails, Custom Deliveries, raid loot, Challenge Log and tomestone cap reset.', rrule: 'FREQ=WEEKLY;BYDAY=TU', minutes: 15 },
  { event: 'fashion-report-open', summary: 'Fashion Report judging', description: 'Judging is open until the weekly reset.', rrule: 'FREQ=WEEKLY;BYDAY=FR', minutes: 4 * 24 * 60 },
];

const JUMBO: Record<Region, Series> = {
  eu: { event: 'jumbo-cactpot-eu', summary: 'Jumbo Cactpot drawing (EU)', description: 'Weekly Jumbo Cactpot drawing for EU data centers.', rrule: 'FREQ=WEEKLY;BYDAY=SA', minutes: 30 },
  na: { event: 'jumbo-cactpot-na', summary: 'Jumbo Cactpot drawing (NA)', description: 'Weekly Jumbo Cactpot drawing for NA data centers.', rrule: 'FREQ=WEEKLY;BYDAY=SU', minutes: 30 },
  jp: { event: 'jumbo-cactpot-jp', summary: 'Jumbo Cactpot drawing (JP)', description: 'Weekly Jumbo Cactpot drawing for JP data centers.', rrule: 'FREQ=WEEKLY;BYDAY=SA', minutes: 30 },
  oc: { event: 'jumbo-cactpot-oc', summary: 'Jumbo Cactpot drawing (OC)', description: 'Weekly Jumbo Cactpot drawing for the OC data center.', rrule: 'FREQ=WEEKLY;BYDAY=SA', minutes: 30 },
};

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');

/** RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF + space. */
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 74;
    while (Buffer.byteLength(rest.slice(0, cut)) > 74) cut -= 1;
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out.join('\r\n');
}

/** Every series starts from its first occurrence after this fixed instant, so the feed never changes. */
const ANCHOR = Date.UTC(2024, 0, 1);

/**
 * The FFXIV resets as recurring UTC events (RRULE). UIDs, DTSTART and DTSTAMP are fixed, so a
 * subscribed calendar sees the same events on every refresh and never duplicates one.
 */
export function renderResetCalendar(region?: Region): string {
  const series = [...SERIES, ...(region ? [JUMBO[region]] : Object.values(JUMBO))];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//FFXIV Tracker//Reset calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:FFXIV resets${region ? ` (${region.toUpperCase()})` : ''}`,
    'X-PUBLISHED-TTL:PT12H',
  ];
  for (const s of series) {
    const start = nextOccurrence(s.event, ANCHOR - 1);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${s.event}@ffxiv-tracker`,
      `DTSTAMP:${stamp(ANCHOR)}`,
      `DTSTART:${stamp(start)}`,
      `DTEND:${stamp(start + s.minutes * 60_000)}`,
      `RRULE:${s.rrule}`,
      `SUMMARY:${escape(s.summary)}`,
      `DESCRIPTION:${escape(`${s.description} All FFXIV resets are fixed in UTC.`)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
