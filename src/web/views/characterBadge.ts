import { h } from '../dom.js';
import { t } from '../i18n.js';
import { characterLabel } from '../labels.js';
import type { Character } from '../types.js';

/**
 * A character's small face from the Lodestone. alt="" because the name always stands next to it; an empty
 * square keeps rows aligned for a character linked by hand, which has none.
 */
export function avatar(url: string | null): HTMLElement {
  if (!url) return h('span', { class: 'avatar', 'aria-hidden': 'true' });
  return h('img', { class: 'avatar', src: url, alt: '', width: 64, height: 64, loading: 'lazy', referrerpolicy: 'no-referrer' });
}

/** ☑️ for the eye; screen readers hear "verified" instead of the emoji's name. */
export function verifiedMark(): HTMLElement {
  return h(
    'span',
    { class: 'verified', title: t('characters.verifiedTitle') },
    h('span', { 'aria-hidden': 'true' }, '☑️'),
    h('span', { class: 'visually-hidden' }, t('characters.verified')),
  );
}

/** "[face] Y’shtola Rhul (Moogle) ☑️": how the checklist names a character. */
export const characterBadge = (c: Character): Node[] => [avatar(c.avatarUrl), h('span', {}, characterLabel(c)), c.verified ? verifiedMark() : null].filter((n) => n !== null);
