import type { Api } from './api.js';
import { h } from './dom.js';
import { ApiError, NetworkError } from './http.js';
import { t } from './i18n.js';
import { preferredRegion } from './region.js';
import type { Character, User } from './types.js';
import { createAccountDialog, type DialogView } from './views/accountDialog.js';
import { ACCOUNT_VIEWS, createAccountMenu, type AccountView } from './views/accountMenu.js';
import { createApiKeysView } from './views/apiKeys.js';
import { createCalendarFeed, mainRegion } from './views/calendarFeed.js';
import { userAvatar } from './views/userAvatar.js';

/** What the header needs from the page. */
export interface AccountHost {
  readonly api: Api;
  /** An ended session (the login screen) or a bug; what the views can say themselves, they say. */
  report(err: unknown): void;
  logOut(): void;
}

const viewOf = (hash: string): AccountView | null => ACCOUNT_VIEWS.find((v) => `#${v}` === hash) ?? null;

/**
 * The header of a logged-in page: Discord avatar and name, the account menu, Log out, and the dialog the menu's views
 * open in. A view is also the address's hash (`/app/#api-keys`), so it can be bookmarked or linked; closing the view
 * takes the hash away again. Built once per login: logging out empties the header, which closes an open view and
 * lets this one go (its hashchange listener removes itself).
 */
export function createAccountHeader(host: AccountHost) {
  const avatar = h('span', { class: 'avatar-slot' });
  const name = h('span', { class: 'user' });
  const logout = h('button', { type: 'button', id: 'logout', class: 'quiet', onclick: () => host.logOut() });
  const menu = createAccountMenu((view) => void open(view));
  let shown: AccountView | null = null;
  /** Bumped by every view asked for: a slower earlier one must not replace it. */
  let asked = 0;
  const dialog = createAccountDialog(() => {
    shown = null;
    if (viewOf(location.hash)) history.replaceState(history.state, '', location.pathname + location.search);
    menu.button.focus();
  });
  const el = h('div', { class: 'signed-in' }, avatar, name, menu.el, logout, dialog.el);
  let drawnAvatar = '';

  /** The player's characters say which region's feed to offer first; without any, the page's guess for this device. */
  async function calendarView(): Promise<DialogView> {
    let characters: Character[] = [];
    try {
      characters = await host.api.characters();
    } catch (err) {
      if (!(err instanceof ApiError || err instanceof NetworkError)) host.report(err);
    }
    return createCalendarFeed(mainRegion(characters) ?? preferredRegion());
  }

  async function open(view: AccountView): Promise<void> {
    if (view === shown) return;
    const ask = ++asked;
    let content: DialogView;
    if (view === 'calendar') content = await calendarView();
    else {
      const keys = createApiKeysView(host);
      void keys.load();
      content = keys;
    }
    if (ask !== asked || !el.isConnected) return;
    shown = view;
    if (location.hash !== `#${view}`) history.replaceState(history.state, '', `#${view}`);
    dialog.show(content);
  }

  const onHashChange = () => {
    if (!el.isConnected) return window.removeEventListener('hashchange', onHashChange);
    const view = viewOf(location.hash);
    if (view) void open(view);
    else dialog.close();
  };
  window.addEventListener('hashchange', onHashChange);

  return {
    el,
    /** Draws who is logged in, in the page's language (again after a language change: the open view too). */
    show(user: User): void {
      const display = user.globalName ?? user.username;
      name.textContent = display;
      if (drawnAvatar !== `${display}\n${user.avatarUrl}`) {
        drawnAvatar = `${display}\n${user.avatarUrl}`;
        avatar.replaceChildren(userAvatar(display, user.avatarUrl));
      }
      logout.textContent = t('page.logOut');
      menu.relabel();
      dialog.relabel();
    },
    /** Opens the view the address names, for a bookmark or a link (`/app/#calendar`). */
    followHash: () => onHashChange(),
  };
}
