import { h } from './dom.js';

const ID = 'checklist-announcer';

/**
 * A polite live region for what a screen reader cannot see happen (a row moved). It is put in the page when the
 * checklist is first drawn, empty, and outlives every redraw: a region that appears with its text is often not read.
 */
export function ensureAnnouncer(): void {
  if (!document.getElementById(ID)) document.body.append(h('div', { id: ID, class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }));
}

export function announce(text: string): void {
  ensureAnnouncer();
  const region = document.getElementById(ID)!;
  // The same sentence twice in a row (moved to 2 of 5, and back) must be read twice.
  region.textContent = region.textContent === text ? `${text}\u00a0` : text;
}
