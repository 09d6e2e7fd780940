/**
 * What this browser remembers for the page (the language, the theme, the region, "Show hidden"…). Storage can be
 * switched off, or full: then nothing is remembered, and the page goes on with its defaults instead of failing.
 */
export function recall(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Remembers `value` under `key`; null forgets it. */
export function remember(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Not remembered: this page still follows the choice until the next load.
  }
}
