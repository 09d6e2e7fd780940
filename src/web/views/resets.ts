import { h } from '../dom.js';
import { CADENCE_LABEL } from '../labels.js';
import type { Character, Cadence, Resets } from '../types.js';
import { resetNote } from './checklist.js';

/** "Next resets": every cadence's next reset, counting down, in the player's local time. */
export function renderResets(resets: Resets | null, characters: Character[]): Node {
  if (!resets) return h('p', { class: 'empty' }, 'Loading the reset times…');
  // Jumbo Cactpot only for the regions of linked characters (all four when none is linked).
  const regions = new Set<string>(characters.map((c) => c.region));
  const rows = resets.periods
    .filter((p) => p.cadence !== 'jumbo-cactpot' || regions.size === 0 || (p.region !== null && regions.has(p.region)))
    .map((p) => {
      const label = CADENCE_LABEL[p.cadence as Cadence] ?? p.cadence;
      const name = p.region ? `${label} ${p.region.toUpperCase()}` : label;
      return h('li', {}, h('span', { class: 'name' }, name), resetNote('', p.periodEnd));
    });
  return h('ul', { class: 'resets' }, ...rows);
}
