import { CADENCES, REGIONS } from '../resets/cadences.js';
import { regionLabel } from './i18n.js';
import type { Cadence, Character, LodestoneEntry, Region } from './types.js';

/** Cadences in the order the checklist shows them (their words: `cadenceLabel` in i18n.ts). */
export const CADENCE_ORDER: readonly Cadence[] = CADENCES;

export const REGION_ORDER: readonly Region[] = REGIONS;

export const characterLabel = (c: Character) => `${c.name} (${c.world})`;

/** "Moogle · Chaos · Europe": where a character lives. */
export const homeLabel = (c: Character) => `${c.world} · ${c.datacenter} · ${regionLabel(c.region)}`;

/** "Cerberus [Chaos]", as the Lodestone writes a search result's world. */
export const entryWorldLabel = (e: LodestoneEntry) => `${e.world} [${e.datacenter}]`;
