import { h } from '../dom.js';

/** The first letter as people see it (a whole emoji or accented letter, not half of one), for the fallback. */
function initialOf(name: string): string {
  const trimmed = name.trim();
  // Firefox has had Intl.Segmenter only since 2024; a first code point is nearly always the same thing.
  const first = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter().segment(trimmed)[Symbol.iterator]().next().value?.segment : [...trimmed][0];
  return first?.toLocaleUpperCase() ?? '?';
}

/**
 * The Discord avatar beside the name in the header. Decorative (`alt=""`): the name next to it says who it is. Without
 * an avatar, or when it cannot be loaded (offline, blocked, gone from the CDN), the name's initial stands in its place.
 */
export function userAvatar(name: string, avatarUrl: string | null): HTMLElement {
  const initial = h('span', { class: 'user-avatar user-initial', 'aria-hidden': 'true' }, initialOf(name));
  if (!avatarUrl) return initial;
  const img = h('img', { class: 'user-avatar', src: avatarUrl, alt: '', width: 32, height: 32, decoding: 'async' });
  img.addEventListener('error', () => img.replaceWith(initial), { once: true });
  return img;
}
