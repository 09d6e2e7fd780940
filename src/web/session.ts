import { ApiError, NetworkError, SessionEndedError, bearer, client, ok } from './http.js';
import { t } from './i18n.js';
import type { TokenPair, User } from './types.js';
import { recall, remember } from './remembered.js';

/**
 * Where the tokens live, and why:
 * - the refresh token in an HttpOnly cookie the service sets (`X-Tracker-Client: web`), sent only to /auth and never
 *   cross-site: script on this page cannot read it, and it outlives the tab, so a new tab or the next day needs no new
 *   Discord login;
 * - the access JWT only in memory, handed to this browser's other tabs of the page over a BroadcastChannel (same
 *   origin only), so one refresh serves them all.
 * Refresh tokens work once: two tabs presenting the same one would trip TOKEN_REUSED and end the session. So every
 * refresh runs under one Web Lock for the whole browser; a tab that waited for it finds the token another tab got
 * meanwhile and uses that. Refreshes one after another are safe anyway: each reads the cookie the last one set.
 */
const WEB_CLIENT = { headers: { 'x-tracker-client': 'web' }, credentials: 'same-origin' } as const;
const LOCK = 'ffxiv-tracker:refresh';
const CHANNEL = 'ffxiv-tracker:session';
/** Where the page kept the refresh token before it moved to the cookie: removed on sight. */
const OLD_REFRESH_KEY = 'ffxiv-tracker:refresh-token';
/**
 * Set by logging out, cleared by logging in. Logging out clears the cookie through the service; when the service
 * cannot be reached the cookie stays, and this keeps the page from quietly resuming what the person ended.
 */
const LOGGED_OUT_KEY = 'ffxiv-tracker:logged-out';

/** Refresh this long before the JWT expires (or at 80% of a short lifetime). */
const REFRESH_MARGIN_S = 60;
/** After a failed background refresh (offline), try again this much later. */
const RETRY_REFRESH_MS = 30_000;

/** What one tab tells the others. A lifetime, not an instant: each tab goes by its own clock. */
type Message = { kind: 'token'; jwt: string; expiresInMs: number } | { kind: 'ended'; reason: string } | { kind: 'loggedOut' };

/** What the page hears about sessions changing without it asking. */
export interface SessionEvents {
  /** A scheduled refresh was refused, here or in another tab: log in again. */
  ended(err: SessionEndedError): void;
  /** Another tab logged out. */
  loggedOutElsewhere(): void;
  /** Another tab logged in (or refreshed) while this one was logged out. */
  loggedInElsewhere(): void;
}

/** The login session of this page, shared with its other tabs: Discord exchange, refresh, logout. */
export class Session {
  private jwt: string | null = null;
  private expiresAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<string> | null = null;
  private readonly channel: BroadcastChannel | null = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;

  constructor(private readonly events: SessionEvents) {
    sessionStorage.removeItem(OLD_REFRESH_KEY);
    this.channel?.addEventListener('message', (e: MessageEvent<Message>) => this.heard(e.data));
  }

  /** Trades Discord's `code` and our `state` for a session. */
  async logIn(code: string, state: string): Promise<User> {
    const r = await ok(client.POST('/exchange', { ...WEB_CLIENT, body: { code, state } }));
    remember(LOGGED_OUT_KEY, null);
    this.keep(r);
    this.tellToken();
    return r.user;
  }

  /**
   * Whether the cookie still holds a session, found out by refreshing it (the page cannot read the cookie). False for
   * a browser that never logged in; SessionEndedError for one whose session was ended meanwhile.
   */
  async resume(): Promise<boolean> {
    if (this.jwt) return true;
    if (recall(LOGGED_OUT_KEY) !== null) return false;
    try {
      await this.refresh();
      return true;
    } catch (err) {
      if (err instanceof NoSessionError) return false;
      throw err;
    }
  }

  /** An access token: the one in memory, or a fresh one. */
  async token(): Promise<string> {
    return this.jwt ?? this.refresh();
  }

  /** A token to retry with after `used` was refused as expired: a newer one if another call or tab already refreshed. */
  async replace(used: string): Promise<string> {
    return this.jwt && this.jwt !== used ? this.jwt : this.refresh();
  }

  /** Rotates the refresh token; this tab's callers share one request, and other tabs wait for it (see above). */
  refresh(): Promise<string> {
    const stale = this.jwt;
    this.refreshing ??= withLock(() => (this.jwt && this.jwt !== stale && !this.expiring() ? Promise.resolve(this.jwt) : this.rotate())).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Forgets the token and returns the error to throw, carrying the reason people will read. */
  end(reason: string): SessionEndedError {
    this.clear();
    this.tell({ kind: 'ended', reason });
    return new SessionEndedError(reason);
  }

  /** Ends the session on the server (which clears the cookie), then here and in the other tabs. */
  async logOut(): Promise<void> {
    try {
      if (this.jwt) await ok(client.POST('/auth/logout', { ...WEB_CLIENT, headers: { ...WEB_CLIENT.headers, ...bearer(await this.token()).headers } }));
    } catch (err) {
      if (!(err instanceof SessionEndedError) && !(err instanceof ApiError && err.status === 401)) throw err;
    } finally {
      remember(LOGGED_OUT_KEY, '1');
      this.clear();
      this.tell({ kind: 'loggedOut' });
    }
  }

  private async rotate(): Promise<string> {
    try {
      const pair = await ok(client.POST('/auth/refresh', { ...WEB_CLIENT, body: {} }));
      this.keep(pair);
      this.tellToken();
      return pair.jwt;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOKEN_MISSING') {
        this.clear();
        throw new NoSessionError(t('login.noSession'));
      }
      // 401 (revoked, reused, idle too long) or 400 (a mangled cookie): this session cannot go on.
      if (err instanceof ApiError && (err.status === 401 || err.status === 400)) throw this.end(err.message);
      throw err;
    }
  }

  private keep(pair: Pick<TokenPair, 'jwt' | 'expiresIn'>): void {
    this.adopt(pair.jwt, Date.now() + pair.expiresIn * 1000, pair.expiresIn);
  }

  private adopt(jwt: string, expiresAt: number, lifetimeS = (expiresAt - Date.now()) / 1000): void {
    this.jwt = jwt;
    this.expiresAt = expiresAt;
    const lead = Math.max(lifetimeS - REFRESH_MARGIN_S, lifetimeS * 0.8);
    this.schedule(lead * 1000);
  }

  /** Within the refresh margin: a token another tab passed on this late is not worth adopting instead of refreshing. */
  private expiring(): boolean {
    return this.expiresAt - Date.now() < REFRESH_MARGIN_S * 1000 * 0.5;
  }

  private heard(m: Message): void {
    if (m.kind === 'token') {
      const wasOut = this.jwt === null;
      const expiresAt = Date.now() + m.expiresInMs;
      if (expiresAt <= this.expiresAt) return;
      this.adopt(m.jwt, expiresAt);
      if (wasOut) this.events.loggedInElsewhere();
    } else if (this.jwt !== null) {
      this.clear();
      if (m.kind === 'ended') this.events.ended(new SessionEndedError(m.reason));
      else this.events.loggedOutElsewhere();
    }
  }

  private tellToken(): void {
    if (this.jwt) this.tell({ kind: 'token', jwt: this.jwt, expiresInMs: this.expiresAt - Date.now() });
  }

  private tell(m: Message): void {
    this.channel?.postMessage(m);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.refresh().catch((err: unknown) => {
        if (err instanceof SessionEndedError) this.events.ended(err);
        else if (err instanceof NetworkError || err instanceof ApiError) this.schedule(RETRY_REFRESH_MS);
      });
    }, ms);
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.jwt = null;
    this.expiresAt = 0;
  }
}

/** The browser has no session cookie: a first visit, or after logging out. Not an error to show. */
export class NoSessionError extends SessionEndedError {
  override name = 'NoSessionError';
}

/**
 * Runs `task` holding the browser-wide refresh lock. Without Web Locks (an old browser, or a page served over plain
 * HTTP from a host other than localhost, which is not a secure context) it runs unguarded: each tab alone is still safe.
 */
function withLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? (locks.request(LOCK, task) as Promise<T>) : task();
}
