import { createActions } from './actions.js';
import { Api } from './api.js';
import { BoardPoller, pollIntervalFrom } from './boardPolling.js';
import { clearAllDrafts } from './drafts.js';
import { h } from './dom.js';
import { ApiError, NetworkError, SessionEndedError } from './http.js';
import { Notices } from './notices.js';
import { Session } from './session.js';
import { startCountdowns, syncClock } from './time.js';
import type { User } from './types.js';
import { createScreen, type ScreenState } from './views/layout.js';
import { renderLogin } from './views/login.js';

/** The page: logs in, loads the checklist, and turns every failure into a sentence or the login screen. */
export class App {
  readonly session = new Session((err) => this.report(err));
  readonly api = new Api(this.session);
  readonly notices = new Notices();
  readonly state: ScreenState = { tasks: [], characters: [], presets: [], resets: null, editing: null, features: null, groups: [], boards: new Map() };
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
        if (group) this.notices.say(`${group.name} is no longer on your list: the group was deleted, or you were taken off it.`);
      },
      // Offline is the banner alone: a sentence every poll would only repeat it.
      failed: (err) => this.report(err, err instanceof NetworkError ? undefined : 'The group boards could not be refreshed'),
      reachable: () => this.notices.online(),
    },
    pollIntervalFrom(location.search),
  );
  private readonly main = document.getElementById('main')!;
  private readonly who = document.getElementById('who')!;
  private user: User | null = null;
  private screen: ReturnType<typeof createScreen> | null = null;

  async boot(): Promise<void> {
    startCountdowns(document, () => void (this.screen && this.reload().catch((err: unknown) => this.report(err))));
    const q = new URLSearchParams(location.search);
    const code = q.get('code');
    const state = q.get('state');
    if (code && state) {
      try {
        this.user = await this.session.logIn(code, state);
      } catch (err) {
        return this.showLogin(err instanceof ApiError ? `Logging in did not work: ${err.message}` : 'The tracker service could not be reached to finish logging in. Try again.');
      } finally {
        // The code works once; keep it out of the address bar, history and bookmarks.
        history.replaceState(history.state, '', location.pathname + location.hash);
      }
    } else if (q.has('error')) {
      history.replaceState(history.state, '', location.pathname + location.hash);
      return this.showLogin(`Discord did not log you in (${q.get('error_description') ?? q.get('error')}).`);
    } else if (!this.session.canResume()) {
      return this.showLogin(null);
    }
    await this.start();
  }

  /** Draws the checklist screen from `state` (built on first use, after a login). */
  draw(): void {
    if (!this.user) return; // a late answer after logging out must not bring the checklist back
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
      this.showLogin(`Your session has ended, so please log in again; anything you had typed is kept. (${err.message})`);
    } else if (err instanceof NetworkError) {
      this.notices.offline(async () => {
        try {
          await retry();
        } catch (again) {
          this.report(again, undefined, retry);
        }
      });
      if (what) this.notices.say(`${what}: the tracker service cannot be reached.`);
    } else if (err instanceof ApiError) {
      this.notices.say(what ? `${what}: ${err.message}` : err.message);
    } else {
      console.error(err);
      this.notices.say('Something went wrong on this page. Reloading it should help.');
    }
  }

  /** From a fresh login or a reload: who is this, then everything the screen shows. */
  private async start(): Promise<void> {
    this.main.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Loading your checklist…'));
    try {
      this.user ??= await this.api.me();
      this.showUser();
      await this.reload();
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
    for (const id of this.state.boards.keys()) if (!groups.some((g) => g.id === id)) this.state.boards.delete(id);
    this.notices.online();
    this.draw();
    this.watchBoards();
  }

  private showUser(): void {
    const logout = h('button', { type: 'button', id: 'logout', class: 'quiet', onclick: () => void this.logOut() }, 'Log out');
    this.who.replaceChildren(h('span', { class: 'user' }, this.user?.globalName ?? this.user?.username ?? ''), logout);
  }

  private showLogin(message: string | null): void {
    this.boardPoller.stop();
    Object.assign(this.state, { groups: [], boards: new Map() });
    this.screen = null;
    this.user = null;
    this.state.editing = null;
    this.who.replaceChildren();
    this.main.replaceChildren(renderLogin(message));
  }

  private async logOut(): Promise<void> {
    let message = 'You are logged out.';
    try {
      await this.session.logOut();
    } catch {
      message = 'You are logged out on this device, but the tracker service could not be told; the session ends on its own in 30 days.';
    }
    clearAllDrafts(); // a deliberate log-out leaves nothing behind for the next person at this tab
    this.notices.online();
    this.showLogin(message);
    document.getElementById('login')?.focus();
  }
}
