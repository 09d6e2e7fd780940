import { h, replaceChildren } from '../dom.js';
import { regionLabel, t } from '../i18n.js';
import { REGION_ORDER } from '../labels.js';
import type { Character, Region } from '../types.js';
import type { DialogView } from './accountDialog.js';
import { codeRow } from './codeRow.js';

/** The reset feed of one region (of all of them without one), on this page's origin: the service serves both. */
export const calendarUrl = (region: Region | null): string => `${location.origin}/calendar.ics${region ? `?region=${region}` : ''}`;

/** Calendar apps take a `webcal:` link as "subscribe to this"; the scheme stands for http(s), the rest stays. */
const webcalUrl = (url: string): string => url.replace(/^https?:/, 'webcal:');

/** The region most of the player's characters live in (the first listed of those tied); null without characters. */
export function mainRegion(characters: readonly Character[]): Region | null {
  const counts = new Map<Region, number>();
  for (const c of characters) counts.set(c.region, (counts.get(c.region) ?? 0) + 1);
  let best: Region | null = null;
  for (const [region, count] of counts) if (best === null || count > counts.get(best)!) best = region;
  return best;
}

/**
 * The calendar feed to subscribe to: a region (preselected, the others a choice away, or all at once), its address to
 * copy, and a `webcal:` link that hands it to the device's calendar app. Only the Jumbo Cactpot differs by region.
 */
export function createCalendarFeed(preselected: Region | null): DialogView {
  let region = preselected;
  const el = h('div', { class: 'account-view calendar-feed' });
  const address = h('div', { class: 'stack', id: 'calendar-address' });

  const drawAddress = () => {
    const url = calendarUrl(region);
    replaceChildren(
      address,
      codeRow({
        id: 'calendar-url',
        label: t('calendar.url'),
        value: url,
        describedBy: 'calendar-paste-hint',
        copyLabel: t('calendar.copyLabel'),
        refused: t('calendar.copyRefused'),
        buttonId: 'calendar-copy',
      }),
      h('p', {}, h('a', { id: 'calendar-webcal', class: 'button-link', href: webcalUrl(url) }, t('calendar.open'))),
      h('p', { id: 'calendar-paste-hint', class: 'hint' }, t('calendar.pasteHint')),
    );
  };

  const draw = () => {
    const select = h(
      'select',
      { id: 'calendar-region', 'aria-describedby': 'calendar-region-hint' },
      ...REGION_ORDER.map((r) => h('option', { value: r }, regionLabel(r))),
      h('option', { value: '' }, t('calendar.allRegions')),
    );
    select.value = region ?? '';
    select.addEventListener('change', () => {
      region = (REGION_ORDER as readonly string[]).includes(select.value) ? (select.value as Region) : null;
      drawAddress();
    });
    drawAddress();
    replaceChildren(
      el,
      h('p', {}, t('calendar.intro')),
      h('div', { class: 'field' }, h('label', { for: select.id }, t('calendar.region')), select, h('small', { id: 'calendar-region-hint' }, t('calendar.regionHint'))),
      address,
    );
  };

  draw();
  return { el, title: () => t('calendar.heading'), relabel: draw };
}
