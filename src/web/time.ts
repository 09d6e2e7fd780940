/** Milliseconds to add to this device's clock to get the server's (from `GET /resets` → `now`). */
let serverOffsetMs = 0;

export function syncClock(serverNowIso: string, sentAt: number, receivedAt: number): void {
  serverOffsetMs = Date.parse(serverNowIso) - (sentAt + receivedAt) / 2;
}

export const serverNow = () => Date.now() + serverOffsetMs;

/** "3d 4h", "4h 05m", "12m 09s", "0s": the time until a reset, to the second when it is close. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const hh = Math.floor((s % 86_400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${hh}h`;
  if (hh > 0) return `${hh}h ${pad(mm)}m`;
  if (mm > 0) return `${mm}m ${pad(ss)}s`;
  return `${ss}s`;
}

/** "in 4h 05m", or "now" once the instant has passed. */
export function countdownText(iso: string, now = serverNow()): string {
  const left = Date.parse(iso) - now;
  return left <= 0 ? 'now' : `in ${formatCountdown(left)}`;
}

const local = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** A reset instant in the player's own time zone, e.g. "Tue 09:00". */
export const formatLocal = (iso: string) => local.format(new Date(iso));

const clockTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** A time within the hour or so, naming the zone so nobody mistakes it for server time, e.g. "16:45 CET". */
export const formatClockTime = (iso: string) => clockTime.format(new Date(iso));

/** A past instant in the player's time zone, e.g. "3 Mar, 14:02". */
export const formatDayAndTime = (iso: string) => dayAndTime.format(new Date(iso));

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
