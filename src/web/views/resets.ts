import { h } from '../dom.js';
import { t } from '../i18n.js';
import { preferredRegion } from '../region.js';
import type { Character, Region, Resets } from '../types.js';
import { resetNote } from './checklist.js';

/** "Next resets": every cadence's next reset, named by the API in the page's language, counting down in local time. */
export function renderResets(resets: Resets | null, characters: Character[]): Node {
  // Jumbo Cactpot only for the regions of linked characters; with none, the region picked (or guessed) on the login screen.
  return renderResetList(resets, characters.length > 0 ? characters.map((c) => c.region) : [preferredRegion()]);
}

/** The same list with the Jumbo Cactpot drawings of `regions` only. */
export function renderResetList(resets: Resets | null, regions: readonly Region[]): Node {
  if (!resets) return h('p', { class: 'empty' }, t('resets.loading'));
  const wanted = new Set<string>(regions);
  const rows = resets.periods
    .filter((p) => p.cadence !== 'jumbo-cactpot' || (p.region !== null && wanted.has(p.region)))
    .map((p) => h('li', {}, h('span', { class: 'name' }, p.name), resetNote(null, p.periodEnd)));
  return h('ul', { class: 'resets' }, ...rows);
}
