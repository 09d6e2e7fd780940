import { h } from '../dom.js';
import { moveInMenu } from '../menuKeys.js';

/** One entry of a row's menu. A disabled one stays in the menu and focusable (WAI-ARIA), and does nothing. */
export interface MenuItem {
  id: string;
  label: string;
  run(): void;
  disabled?: boolean;
  danger?: boolean;
}

/** The id of the menu button whose menu is open: a redraw (another row ticked) draws it open again. */
let openButton: string | null = null;

function close(buttonId: string, focusButton: boolean): void {
  if (openButton === buttonId) openButton = null;
  const button = document.getElementById(buttonId);
  const menu = document.getElementById(`${buttonId}-menu`);
  if (menu) menu.hidden = true;
  button?.setAttribute('aria-expanded', 'false');
  if (focusButton) button?.focus();
}

/** Closes whichever menu is open (a click elsewhere, another menu opening). */
export function closeRowMenu(): void {
  if (openButton) close(openButton, false);
}

let outsideWatched = false;
function watchOutsideClicks(): void {
  if (outsideWatched) return;
  outsideWatched = true;
  document.addEventListener('pointerdown', (e) => {
    if (openButton && !(e.target instanceof Element && e.target.closest('.row-menu'))) closeRowMenu();
  });
}

/**
 * A menu button (the WAI-ARIA pattern): Enter, Space, a click or ArrowDown open the menu on its first item, ArrowUp
 * on its last; arrows, Home, End and a letter move through it (menuKeys.ts); Escape closes it and gives focus back to the button, as does
 * choosing an item (before the item runs, which may move focus on). Tab closes it and moves on.
 */
export function rowMenu(buttonId: string, label: string, items: MenuItem[]): HTMLElement {
  watchOutsideClicks();
  const menuId = `${buttonId}-menu`;
  const isOpen = openButton === buttonId;
  const button = h(
    'button',
    { type: 'button', class: 'quiet row-menu-button', id: buttonId, 'aria-haspopup': 'menu', 'aria-expanded': String(isOpen), 'aria-controls': menuId, 'aria-label': label },
    h('span', { 'aria-hidden': 'true' }, '⋯'),
  );
  const entries = items.map((item) => {
    const entry = h(
      'button',
      { type: 'button', role: 'menuitem', id: item.id, tabindex: -1, class: item.danger ? 'danger' : null, 'aria-disabled': item.disabled ? 'true' : null },
      item.label,
    );
    entry.addEventListener('click', () => {
      if (item.disabled) return;
      close(buttonId, true);
      item.run();
    });
    return entry;
  });
  const menu = h('div', { role: 'menu', id: menuId, class: 'row-menu-list', 'aria-labelledby': buttonId, hidden: !isOpen }, ...entries);

  const open = (at: 'first' | 'last') => {
    if (openButton && openButton !== buttonId) close(openButton, false);
    openButton = buttonId;
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    (at === 'first' ? entries[0] : entries.at(-1))?.focus();
  };
  button.addEventListener('click', () => (openButton === buttonId ? close(buttonId, true) : open('first')));
  button.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      open(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  });
  menu.addEventListener('keydown', (e) => {
    if (moveInMenu(menu, e)) {
      e.stopPropagation();
      return;
    }
    if (e.key === 'Escape') close(buttonId, true);
    else if (e.key === 'Tab') {
      // Focus goes back to the button first, so the browser's Tab moves on from there and not from a hidden item.
      close(buttonId, true);
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation(); // an Escape here is not also the row editor's or the page's
  });
  return h('div', { class: 'row-menu' }, button, menu);
}
