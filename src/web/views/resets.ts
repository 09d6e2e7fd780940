import { h } from '../dom.js';
import { t } from '../i18n.js';
import type { Character, Resets } from '../types.js';
import { resetNote } from './checklist.js';

/** "Next resets": every cadence's next reset, named by the API in the page's language, counting down in local time. */
export function renderResets(resets: Resets | null, characters: Character[]): Node {
  if (!resets) return h('p', { class: 'empty' }, t('resets.loading'));
  // Jumbo Cactpot only for the regions of linked characters (all four when none is linked).
  const regions = new Set<string>(characters.map((c) => c.region));
  const rows = resets.periods
    .filter((p) => p.cadence !== 'jumbo-cactpot' || regions.size === 0 || (p.region !== null && regions.has(p.region)))
    .map((p) => h('li', {}, h('span', { class: 'name' }, p.name), resetNote(null, p.periodEnd)));
  return h('ul', { class: 'resets' }, ...rows);
}
