import { recall, remember } from './remembered.js';

/**
 * The page's colours. `system` sets nothing, so styles.css follows `prefers-color-scheme`; `light` and `dark` set
 * `data-theme` on <html>, which styles.css lets win over the system's choice.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const STORAGE_KEY = 'ffxiv-tracker:theme';

const isExplicit = (v: string | null | undefined): v is Exclude<Theme, 'system'> => v === 'light' || v === 'dark';

/** The choice made on this browser, `system` when none was (or storage is switched off). */
export function storedTheme(): Theme {
  const value = recall(STORAGE_KEY);
  return isExplicit(value) ? value : 'system';
}

/** What <html> says now: the theme this tab shows. */
export const shownTheme = (): Theme => {
  const value = document.documentElement.dataset.theme;
  return isExplicit(value) ? value : 'system';
};

export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Shows a theme and remembers it for the next visit (and for this browser's other tabs, see followOtherTabs). */
export function chooseTheme(theme: Theme): void {
  applyTheme(theme);
  remember(STORAGE_KEY, theme === 'system' ? null : theme);
}

/** A choice made in another tab shows here too (`storage` events come only from other tabs; the menu reads shownTheme). */
export function followOtherTabs(): void {
  window.addEventListener('storage', (e) => {
    if (e.key === STORAGE_KEY || e.key === null) applyTheme(storedTheme()); // null: storage was cleared
  });
}
