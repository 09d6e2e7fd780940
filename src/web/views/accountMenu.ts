import { h } from '../dom.js';
import { moveInMenu } from '../menuKeys.js';
import { t, type WebKey } from '../i18n.js';
import { chooseTheme, shownTheme, THEMES, type Theme } from '../theme.js';

/** What the account menu opens, each also the page's address hash (`#api-keys`), so it can be bookmarked. */
export const ACCOUNT_VIEWS = ['calendar', 'api-keys'] as const;
export type AccountView = (typeof ACCOUNT_VIEWS)[number];

const VIEW_WORDS: Record<AccountView, WebKey> = { calendar: 'account.calendar', 'api-keys': 'account.apiKeys' };
const THEME_WORDS: Record<Theme, WebKey> = { system: 'account.themeSystem', light: 'account.themeLight', dark: 'account.themeDark' };

/**
 * The header's account menu, as the WAI-ARIA menu button pattern has it: the button says that it opens a menu and
 * whether it is open; Enter, Space or ↓ open it on the first item, ↑ on the last; ↑ ↓ Home End and a letter move
 * between items; Escape closes it and gives focus back to the button; Tab or a click elsewhere just closes it.
 * The theme is a group of radio items, so a screen reader says which one is on.
 */
export function createAccountMenu(openView: (view: AccountView) => void) {
  const button = h('button', {
    type: 'button',
    id: 'account-button',
    class: 'account-button',
    'aria-haspopup': 'menu',
    'aria-expanded': 'false',
    'aria-controls': 'account-menu',
  });
  // Focusable itself (not by Tab), so a click on its label or separator keeps focus inside and the menu open.
  const menu = h('div', { id: 'account-menu', class: 'account-menu', role: 'menu', 'aria-labelledby': 'account-button', tabindex: -1, hidden: true });
  const el = h('div', { class: 'account' }, button, menu);

  const items = () => [...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
  const isOpen = () => !menu.hidden;

  const item = (role: 'menuitem' | 'menuitemradio', words: WebKey, activate: () => void, extra: Record<string, string> = {}) =>
    h('button', { type: 'button', role, tabindex: -1, class: 'menu-item', ...extra, onclick: activate }, t(words));

  function draw(): void {
    button.replaceChildren(t('account.menu'), h('span', { class: 'caret', 'aria-hidden': 'true' }, '▾'));
    const theme = shownTheme();
    menu.replaceChildren(
      ...ACCOUNT_VIEWS.map((view) =>
        item('menuitem', VIEW_WORDS[view], () => {
          close(false);
          openView(view);
        }),
      ),
      h('div', { role: 'separator', class: 'menu-separator' }),
      // Seen as the group's heading; screen readers get the same words as the group's name instead.
      h('div', { class: 'menu-label', 'aria-hidden': 'true' }, t('account.theme')),
      h(
        'div',
        { role: 'group', 'aria-label': t('account.theme') },
        ...THEMES.map((choice) =>
          item(
            'menuitemradio',
            THEME_WORDS[choice],
            () => {
              chooseTheme(choice);
              close(true);
            },
            { 'aria-checked': String(choice === theme), 'data-theme-choice': choice },
          ),
        ),
      ),
    );
  }

  /** `at`: the item to focus, -1 for the last. Drawn afresh: another tab may have changed the theme meanwhile. */
  function open(at: number): void {
    draw();
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    document.addEventListener('pointerdown', onPointerDown, true);
    items().at(at)?.focus();
  }

  function close(returnFocus: boolean): void {
    if (!isOpen()) return;
    // Focus first: hiding the focused item would otherwise drop focus to the page's start.
    if (returnFocus) button.focus();
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', onPointerDown, true);
  }

  function onPointerDown(e: PointerEvent): void {
    if (!el.contains(e.target as Node)) close(false);
  }

  button.addEventListener('click', () => (isOpen() ? close(true) : open(0)));
  button.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    open(e.key === 'ArrowDown' ? 0 : -1);
  });

  // Enter and Space press the item (a button); Tab moves on, and focusout below closes the menu.
  menu.addEventListener('keydown', (e) => {
    if (moveInMenu(menu, e) || e.key !== 'Escape') return;
    e.preventDefault();
    close(true);
  });
  menu.addEventListener('focusout', (e) => {
    if (!el.contains(e.relatedTarget as Node | null)) close(false);
  });

  draw();
  return {
    el,
    button,
    /** The words again, in the page's language now. */
    relabel: draw,
  };
}
