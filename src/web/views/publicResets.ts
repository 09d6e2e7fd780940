import { h, replaceChildren } from '../dom.js';
import { regionLabel, t } from '../i18n.js';
import { REGION_ORDER } from '../labels.js';
import { preferredRegion, rememberRegion } from '../region.js';
import type { Region, Resets } from '../types.js';
import { renderResetList } from './resets.js';

/**
 * The logged-out page's "Next resets": what every player shares, and the one Jumbo Cactpot drawing of the region the
 * player picks (four would be a long list on a phone, and three of them useless). The countdowns tick with the rest
 * of the page's (time.ts).
 */
export function createPublicResets() {
  let resets: Resets | null = null;
  let unavailable = false;
  let region = preferredRegion();
  const list = h('div', {});
  const choice = h('select', { id: 'public-region', name: 'region' }, ...REGION_ORDER.map((r) => h('option', { value: r }, regionLabel(r))));
  choice.value = region;

  const draw = () =>
    replaceChildren(list, unavailable && !resets ? h('p', { class: 'empty' }, t('firstVisit.resetsUnavailable')) : renderResetList(resets, [region]));
  choice.addEventListener('change', () => {
    region = choice.value as Region;
    rememberRegion(region);
    draw();
  });
  draw();

  return {
    el: h(
      'section',
      { class: 'public-resets', 'aria-labelledby': 'public-resets-h' },
      h('h3', { id: 'public-resets-h' }, t('resets.heading')),
      list,
      h('div', { class: 'region-choice' }, h('label', { for: 'public-region' }, t('firstVisit.region')), choice),
    ),
    update(next: Resets) {
      resets = next;
      unavailable = false;
      draw();
    },
    /** The reset clock could not be fetched: said quietly, the login button still works. */
    unavailable() {
      unavailable = true;
      draw();
    },
  };
}
