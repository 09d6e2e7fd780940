import { intlLocale, language, t, type Locale } from './i18n.js';

/** Milliseconds to add to this device's clock to get the server's (from `GET /resets` → `now`). */
let serverOffsetMs = 0;

export function syncClock(serverNowIso: string, sentAt: number, receivedAt: number): void {
  serverOffsetMs = Date.parse(serverNowIso) - (sentAt + receivedAt) / 2;
}

export const serverNow = () => Date.now() + serverOffsetMs;

type Unit = 'day' | 'hour' | 'minute' | 'second';

/**
 * How each language writes a countdown's units. Narrow reads naturally in English ("4h 05m") and French ("4h 05min");
 * Japanese narrow units are Latin letters ("4h5m") and German narrow ones are mixed ("4h, 05 Min."), so those two
 * take the short units ("4 時間 5 分", "4 Std., 5 Min.").
 */
const UNIT_DISPLAY: Record<Locale, 'narrow' | 'short'> = { en: 'narrow', fr: 'narrow', ja: 'short', de: 'short' };

interface Formats {
  unit(unit: Unit, n: number, pad: boolean): string;
  list: Intl.ListFormat;
  local: Intl.DateTimeFormat;
  clockTime: Intl.DateTimeFormat;
  dayAndTime: Intl.DateTimeFormat;
}

/** Intl formatters for the page's language, made once per language (the countdowns ask every second). */
const cache = new Map<string, Formats>();
function formats(): Formats {
  const locale = intlLocale();
  const key = `${language()} ${locale}`;
  let f = cache.get(key);
  if (!f) {
    const unitDisplay = UNIT_DISPLAY[language()];
    const numbers = new Map<string, Intl.NumberFormat>();
    f = {
      // Narrow units pad the smaller one ("4h 05m"), so that a ticking countdown keeps its width.
      unit: (unit, n, pad) => {
        const digits = pad && unitDisplay === 'narrow' ? 2 : 1;
        const k = `${unit}${digits}`;
        let nf = numbers.get(k);
        if (!nf) numbers.set(k, (nf = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay, minimumIntegerDigits: digits })));
        return nf.format(n);
      },
      list: new Intl.ListFormat(locale, { type: 'unit', style: unitDisplay }),
      local: new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' }),
      clockTime: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }),
      dayAndTime: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
    };
    cache.set(key, f);
  }
  return f;
}

/** "3d 4h", "4h 05m", "12m 09s", "0s" (in English): the time until a reset, to the second when it is close. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const hh = Math.floor((s % 86_400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const f = formats();
  const parts: [Unit, number, boolean][] =
    d > 0 ? [['day', d, false], ['hour', hh, false]]
    : hh > 0 ? [['hour', hh, false], ['minute', mm, true]]
    : mm > 0 ? [['minute', mm, false], ['second', ss, true]]
    : [['second', ss, false]];
  return f.list.format(parts.map(([unit, n, pad]) => f.unit(unit, n, pad)));
}

/** "in 4h 05m", or "now" once the instant has passed (in the page's language). */
export function countdownText(iso: string, now = serverNow()): string {
  const left = Date.parse(iso) - now;
  return left <= 0 ? t('time.now') : t('time.in', { time: formatCountdown(left) });
}

/** A reset instant in the player's own time zone, e.g. "Tue 09:00". */
export const formatLocal = (iso: string) => formats().local.format(new Date(iso));

/** A time within the hour or so, naming the zone so nobody mistakes it for server time, e.g. "16:45 CET". */
export const formatClockTime = (iso: string) => formats().clockTime.format(new Date(iso));

/** A past instant in the player's time zone, e.g. "3 Mar, 14:02". */
export const formatDayAndTime = (iso: string) => formats().dayAndTime.format(new Date(iso));

/**
 * Live countdowns: every element with `data-until` (an ISO instant) shows the time left, once a second.
 * `onElapsed` runs once when a shown instant passes, so the checklist can reload into the new period.
 */
export function startCountdowns(root: ParentNode, onElapsed: () => void): () => void {
  let elapsedFired = false;
  const tick = () => {
    const now = serverNow();
    let passed = false;
    for (const el of root.querySelectorAll<HTMLElement>('[data-until]')) {
      if (Date.parse(el.dataset.until!) <= now) passed = true;
      const text = countdownText(el.dataset.until!, now);
      if (el.textContent !== text) el.textContent = text;
    }
    if (passed && !elapsedFired) {
      elapsedFired = true;
      onElapsed();
    } else if (!passed) elapsedFired = false;
  };
  tick();
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
}
