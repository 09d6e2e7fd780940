import { REGIONS } from '../resets/cadences.js';
import { regionOfTimeZone } from './timeZoneRegion.js';
import type { Region } from './types.js';
import { recall, remember } from './remembered.js';

const STORAGE_KEY = 'ffxiv-tracker:region';

/**
 * The data-center region of a player the page knows no character of: the one picked before on this browser, else a
 * guess from the device's time zone. Only the Jumbo Cactpot depends on it, and the guess is one menu away from right.
 */
export function preferredRegion(): Region {
  const stored = recall(STORAGE_KEY);
  if ((REGIONS as readonly (string | null)[]).includes(stored)) return stored as Region;
  return regionOfTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** Remembers the region picked on the login screen, on this browser (the header's calendar link can use it too). */
export const rememberRegion = (region: Region): void => remember(STORAGE_KEY, region);
