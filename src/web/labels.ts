import { CADENCES, REGIONS } from '../resets/cadences.js';
import type { Cadence, Character, Region } from './types.js';

/** Cadences in the order the checklist shows them, with the words players use. */
export const CADENCE_ORDER: readonly Cadence[] = CADENCES;

export const CADENCE_LABEL: Record<Cadence, string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  'gc-daily': 'Grand Company',
  'fashion-report': 'Fashion Report',
  'jumbo-cactpot': 'Jumbo Cactpot',
  cooldown: 'Cooldowns',
  once: 'One-off',
};

export const REGION_ORDER: readonly Region[] = REGIONS;
export const REGION_LABEL: Record<Region, string> = { eu: 'Europe', na: 'North America', jp: 'Japan', oc: 'Oceania' };

export const characterLabel = (c: Character) => `${c.name} (${c.world})`;
