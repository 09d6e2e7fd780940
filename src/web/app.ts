import { createActions } from './actions.js';
import { createAccountHeader } from './accountHeader.js';
import { Api } from './api.js';
import { BoardPoller, pollIntervalFrom } from './boardPolling.js';
import { clearAllDrafts } from './drafts.js';
import { h, keepOpenAndChosen } from './dom.js';
import { ApiError, NetworkError, SessionEndedError } from './http.js';
import { isLocale, language, t, useLanguage, type Locale } from './i18n.js';
import { Notices } from './notices.js';
import { followOnboarding, startOnboarding } from './onboarding.js';
import { Session } from './session.js';
import { startCountdowns, syncClock } from './time.js';
import type { User } from './types.js';
import { createScreen, type ScreenState } from './views/layout.js';
import { renderLogin } from './views/login.js';
import { ONBOARDING_HEADING_ID } from './views/onboarding.js';
import { createPublicResets } from './views/publicResets.js';

/** The page: logs in, loads the checklist, and turns every failure into a sentence or the login screen. */
export class App {
  readonly session = new Session({
    ended: (err) => this.report(err),
    loggedOutElsewhere: () => {
      clearAllDrafts();
      this.showLogin(() => t('login.loggedOutElsewhere'));
    },
    // Only from the login screen: a tab still booting finds the session through its own resume().
    loggedInElsewhere: () => void (!this.user && this.main.querySelector('#login') ? this.start() : undefined),
  });
  readonly api = new Api(this.session);
  readonly notices = new Notices();
  readonly state: ScreenState = { tasks: [], characters: [], presets: [], resets: null, editing: null, features: null, groups: [], boards: new Map(), onboarding: null };
  private readonly actions = createActions(this);
  private readonly boardPoller = new BoardPoller(
    {
      fetch: (id, etag) => this.api.board(id, etag),
      changed: (id, board) => {
        this.state.boards.set(id, board);
        this.state.groups = this.state.groups.map((g) => (g.id === id ? board.group : g));
        this.drawGroups();
      },
      gone: (id) => {
        const group = this.state.groups.find((g) => g.id === id);
        this.state.groups = this.state.groups.filter((g) => g.id !== id);
        this.state.boards.delete(id);
        this.drawGroups();
        if (group) this.notices.say(t('groups.gone', { name: group.name }));
      },
      // Offline is the banner alone: a sentence every poll would only repeat it.
      failed: (err) => this.report(err, err instanceof NetworkError ? undefined : t('groups.notRefreshed')),
      reachable: () => this.notices.online(),
    },
    pollIntervalFrom(location.search),
  );
  private readonly main = document.getElementById('main')!;
  private readonly who = document.getElementById('who')!;
  private readonly languageChoice = document.getElementById('language') as HTMLSelectElement;
  private user: User | null = null;
  private account: ReturnType<typeof createAccountHeader> | null = null;
  private screen: ReturnType<typeof createScreen> | null = null;
  /** What the login screen says, worked out again in a newly chosen language. */
  private loginMessage: (() => string) | null = null;
  /** Bumped by every language change: answers for an earlier choice are dropped. */
  private languageChanges = 0;
  /** The login screen's reset clock, while it shows. */
  private publicResets: ReturnType<typeof createPublicResets> | null = null;
  /** Back from Discord (read before boot takes the code out of the address bar): the checklist takes the keyboard once it shows. */
  private focusOnArrival = new URLSearchParams(location.search).has('code');

  /** Starts the page; the language it shows is already loaded (main.ts). */
  async boot(): Promise<void> {
    this.relabel();
    this.languageChoice.addEventListener('change', () => {
      if (isLocale(this.languageChoice.value)) void this.switchLanguage(this.languageChoice.value);
    });
    startCountdowns(document, () => this.resetPassed());
    const q = new URLSearchParams(location.search);
    const code = q.get('code');
    const state = q.get('state');
    if (code && state) {
      try {
        this.user = await this.session.logIn(code, state);
      } catch (err) {
        return this.showLogin(() => (err instanceof ApiError ? t('login.failed', { reason: err.message }) : t('login.unreachable')));
      } finally {
        // The code works once; keep it out of the address bar, history and bookmarks.
        history.replaceState(history.state, '', location.pathname + location.hash);
      }
    } else if (q.has('error')) {
      history.replaceState(history.state, '', location.pathname + location.hash);
      const reason = q.get('error_description') ?? q.get('error') ?? '';
      return this.showLogin(() => t('login.discordRefused', { reason }));
    } else if (!(await this.resumed())) {
      return;
    }
    await this.start();
  }

  /** Whether the browser's login cookie still holds a session; if not, the login screen (saying why, if it ended). */
  private async resumed(): Promise<boolean> {
    try {
      if (await this.session.resume()) return true;
      this.showLogin(null);
    } catch (err) {
      this.showLogin(null);
      this.report(err, undefined, async () => {
        if (await this.resumed()) await this.start();
      });
    }
    return false;
  }

  /** Draws the checklist screen from `state` (built on first use, after a login). */
  draw(): void {
    if (!this.user) return; // a late answer after logging out must not bring the checklist back
    // Every change ends in a draw, whichever form made it: the first visit follows the tasks and characters from here.
    this.state.onboarding = followOnboarding(this.state.onboarding, this.state.tasks, this.state.characters);
    if (!this.screen) {
      this.screen = createScreen(this.actions, this.state.features ?? { lodestone: false });
      this.main.replaceChildren(this.screen.el);
    }
    this.screen.update(this.state);
  }

  drawGroups(): void {
    if (this.user && this.screen) this.screen.updateGroups(this.state);
  }

  watchBoards(): void {
    void this.boardPoller.watch(this.state.groups.map((g) => g.id));
  }

  boardsChanged(presetKey?: string | null): void {
    if (presetKey === null) return;
    if (presetKey !== undefined && !this.state.groups.some((g) => g.presets.includes(presetKey))) return;
    void this.boardPoller.refresh();
  }

  /**
   * The one place errors become words: an ended session → the login screen (drafts kept); the API
   * unreachable → the banner with Retry; an API refusal → its `error` sentence, after what failed.
   */
  report(err: unknown, what?: string, retry: () => Promise<void> = () => this.reload()): void {
    if (err instanceof SessionEndedError) {
      this.showLogin(() => t('login.sessionEnded', { reason: err.message }));
    } else if (err instanceof NetworkError) {
      this.notices.offline(async () => {
        try {
          await retry();
        } catch (again) {
          this.report(again, undefined, retry);
        }
      });
      if (what) this.notices.say(t('page.unreachable', { what }));
    } else if (err instanceof ApiError) {
      this.notices.say(what ? t('page.failedBecause', { what, reason: err.message }) : err.message);
    } else {
      console.error(err);
      this.notices.say(t('page.broken'));
    }
  }

  /**
   * The player picked another language: its chunk is fetched (once), remembered, and the page is drawn again in it
   * where it stands, with the game's names asked for again in that language. Drafts survive: forms keep them in
   * sessionStorage as they are typed, and a rebuilt form reads them back.
   */
  private async switchLanguage(lang: Locale): Promise<void> {
    const change = ++this.languageChanges;
    try {
      if (!(await useLanguage(lang, true))) return; // another choice came after this one
    } catch {
      // Its chunk could not be fetched: the page stays as it was, and Retry asks again.
      this.languageChoice.value = language();
      this.notices.offline(() => this.switchLanguage(lang));
      return;
    }
    this.relabel();
    if (!this.user || !this.screen) {
      if (!this.user && this.main.querySelector('#login')) this.drawLogin();
      return;
    }
    try {
      const [presets, resets] = await Promise.all([this.api.presets(), this.api.resets()]);
      if (change !== this.languageChanges) return;
      Object.assign(this.state, { presets, resets });
    } catch (err) {
      // Drawn below all the same, game names still in the old language; Retry (when offline) asks for them again.
      this.report(err, undefined, () => this.switchLanguage(lang));
    }
    this.rebuild();
  }

  /** The words outside the screen: the skip link, the language menu's label, the header, the offline banner. */
  private relabel(): void {
    document.getElementById('skip')!.textContent = t('page.skip');
    document.getElementById('language-label')!.textContent = t('page.language');
    this.languageChoice.value = language();
    if (this.user) this.showUser();
    this.notices.relabel();
  }

  /** Builds the checklist screen again in the page's language, with the same panels open and the same choices made. */
  private rebuild(): void {
    if (!this.screen) return;
    const restore = keepOpenAndChosen(this.main);
    this.screen = null;
    this.draw();
    restore();
  }

  /** From a fresh login or a reload: who is this, then everything the screen shows. */
  private async start(): Promise<void> {
    this.main.replaceChildren(h('p', { class: 'loading', role: 'status' }, t('page.loading')));
    try {
      this.user ??= await this.api.me();
      this.showUser();
      await this.reload();
      if (this.focusOnArrival) document.getElementById(this.state.onboarding ? ONBOARDING_HEADING_ID : 'checklist-h')?.focus();
      this.focusOnArrival = false;
    } catch (err) {
      this.report(err, undefined, () => this.start());
    }
  }

  /**
   * Loads tasks, characters, presets, the reset clock, the groups (and, once, the service's features) together, then
   * draws, and asks for every board at once (the boards themselves come in as their polls answer).
   */
  private async reload(): Promise<void> {
    const sentAt = Date.now();
    const [tasks, characters, presets, resets, features, groups] = await Promise.all([
      this.api.tasks(),
      this.api.characters(),
      this.state.presets.length > 0 ? this.state.presets : this.api.presets(),
      this.api.resets(),
      this.state.features ?? this.api.features(),
      this.api.groups(),
    ]);
    syncClock(resets.now, sentAt, Date.now());
    Object.assign(this.state, { tasks, characters, presets, resets, features, groups });
    // A new account is led through its first visit; decided when the screen is first built after a login, not again.
    if (!this.screen) this.state.onboarding = startOnboarding(tasks, characters);
    for (const id of this.state.boards.keys()) if (!groups.some((g) => g.id === id)) this.state.boards.delete(id);
    this.notices.online();
    this.draw();
    this.watchBoards();
  }

  /**
   * The header (avatar, name, account menu, Log out): built once per login, drawn again in a new language. Logging out
   * empties `who`, so a header no longer in the page is one from an earlier login.
   */
  private showUser(): void {
    if (!this.user) return;
    if (!this.account?.el.isConnected) {
      this.account = createAccountHeader({ api: this.api, report: (err) => this.report(err), logOut: () => void this.logOut() });
      this.who.replaceChildren(this.account.el);
      this.account.show(this.user);
      this.account.followHash();
    } else this.account.show(this.user);
  }

  private showLogin(message: (() => string) | null): void {
    this.loginMessage = message;
    this.notices.dismiss(); // "Added 4 tasks" does not belong on the login screen
    this.boardPoller.stop();
    Object.assign(this.state, { groups: [], boards: new Map(), onboarding: null });
    this.screen = null;
    this.user = null;
    this.state.editing = null;
    this.who.replaceChildren();
    this.drawLogin();
  }

  /** The login screen in the page's language: its message, the next resets (the last known at once, then fresh ones). */
  private drawLogin(): void {
    const resets = createPublicResets();
    if (this.state.resets) resets.update(this.state.resets);
    this.publicResets = resets;
    this.main.replaceChildren(renderLogin(this.loginMessage?.() ?? null, resets.el));
    void this.loadPublicResets();
  }

  /** The public reset clock for the login screen; an answer for a screen since replaced (a login, a new language) is dropped. */
  private async loadPublicResets(): Promise<void> {
    const view = this.publicResets;
    const sentAt = Date.now();
    try {
      const resets = await this.api.resets();
      if (this.user || view !== this.publicResets) return;
      syncClock(resets.now, sentAt, Date.now());
      this.state.resets = resets;
      view?.update(resets);
    } catch {
      if (view === this.publicResets) view?.unavailable();
    }
  }

  /** A shown reset passed: the checklist (or the login screen's clock) is asked for again, into the new period. */
  private resetPassed(): void {
    if (this.screen) this.reload().catch((err: unknown) => this.report(err));
    else if (!this.user && this.publicResets) void this.loadPublicResets();
  }

  private async logOut(): Promise<void> {
    let message = () => t('login.loggedOut');
    try {
      await this.session.logOut();
    } catch {
      message = () => t('login.loggedOutHere');
    }
    clearAllDrafts(); // a deliberate log-out leaves nothing behind for the next person at this tab
    this.notices.online();
    this.showLogin(message);
    document.getElementById('login')?.focus();
  }
}
