import { CADENCES, REGIONS } from '../resets/cadences.js';
import type { Cadence, Character, LodestoneEntry, Region } from './types.js';

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

/** "Moogle · Chaos · Europe": where a character lives. */
export const homeLabel = (c: Character) => `${c.world} · ${c.datacenter} · ${REGION_LABEL[c.region]}`;

/** "Cerberus [Chaos]", as the Lodestone writes a search result's world. */
export const entryWorldLabel = (e: LodestoneEntry) => `${e.world} [${e.datacenter}]`;
