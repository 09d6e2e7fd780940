/** The checklist's "Show hidden" choice, remembered on this browser. */
const SHOW_HIDDEN_KEY = 'ffxiv-tracker:show-hidden';

export function showsHidden(): boolean {
  try {
    return localStorage.getItem(SHOW_HIDDEN_KEY) === '1';
  } catch {
    return false; // storage switched off: hidden stays hidden, as at first
  }
}

export function rememberShowHidden(show: boolean): void {
  try {
    if (show) localStorage.setItem(SHOW_HIDDEN_KEY, '1');
    else localStorage.removeItem(SHOW_HIDDEN_KEY);
  } catch {
    // Not remembered; this page still follows it until the next load.
  }
}
