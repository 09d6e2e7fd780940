import { h } from '../dom.js';
import { tNodes, type WebKey } from '../i18n.js';
import { countdownText, formatLocal } from '../time.js';

/** A live countdown to `iso`, counted down by the page's clock (time.ts). */
export const countdown = (iso: string) => h('time', { datetime: iso, 'data-until': iso }, countdownText(iso));

/**
 * "resets in 4h 05m · Mon 16:00": a live countdown in its sentence (`verb`, with `{{countdown}}` where it stands; none:
 * the countdown alone), and the instant in the player's own time.
 */
export function resetNote(verb: WebKey | null, iso: string): HTMLElement {
  return h(
    'span',
    { class: 'reset' },
    ...(verb ? tNodes(verb, { countdown: countdown(iso) }) : [countdown(iso)]),
    h('span', { class: 'local' }, ` · ${formatLocal(iso)}`),
  );
}
