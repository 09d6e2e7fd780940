import { ApiError, NetworkError, SessionEndedError, bearer, client, ok } from './http.js';
import { t } from './i18n.js';
import type { TokenPair, User } from './types.js';

/**
 * Where the tokens live, and why:
 * - the access JWT only in this module's memory: nothing on disk or in storage to steal, and it dies with the page;
 * - the refresh token in sessionStorage: it survives a reload (no new Discord round trip) but not closing the tab,
 *   and it is not shared with other tabs. Refresh tokens work once, so two tabs rotating one token would
 *   trip TOKEN_REUSED and end the session. Not a cookie: the API is bearer-only, so there is no CSRF surface.
 * The cost is that script running on this page could read it; the CSP allows only our own scripts, the app never
 * writes API text as HTML, and a stolen token that is used twice ends the session for both holders.
 */
const REFRESH_KEY = 'ffxiv-tracker:refresh-token';

/** Refresh this long before the JWT expires (or at 80% of a short lifetime). */
const REFRESH_MARGIN_S = 60;
/** After a failed background refresh (offline), try again this much later. */
const RETRY_REFRESH_MS = 30_000;

/** The login session of this tab: Discord exchange, silent refresh, logout. */
export class Session {
  private jwt: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<string> | null = null;

  /** `onEnded` hears about sessions that end in the background (a scheduled refresh refused). */
  constructor(private readonly onEnded: (err: SessionEndedError) => void) {}

  /** A refresh token from before a reload, so the session can go on without a new login. */
  canResume(): boolean {
    return sessionStorage.getItem(REFRESH_KEY) !== null;
  }

  /** Trades Discord's `code` and our `state` for a session. */
  async logIn(code: string, state: string): Promise<User> {
    const r = await ok(client.POST('/exchange', { body: { code, state } }));
    this.keep(r);
    return r.user;
  }

  /** An access token: the one in memory, or a fresh one after a reload. */
  async token(): Promise<string> {
    return this.jwt ?? this.refresh();
  }

  /** A token to retry with after `used` was refused as expired: a newer one if another call already refreshed. */
  async replace(used: string): Promise<string> {
    return this.jwt && this.jwt !== used ? this.jwt : this.refresh();
  }

  /** Rotates the refresh token; concurrent callers share one request, since each refresh token works once. */
  refresh(): Promise<string> {
    this.refreshing ??= this.rotate().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Forgets the tokens and returns the error to throw, carrying the reason people will read. */
  end(reason: string): SessionEndedError {
    this.clear();
    return new SessionEndedError(reason);
  }

  /** Ends the session on the server, then here (here even if the server cannot be told). */
  async logOut(): Promise<void> {
    try {
      if (this.jwt || this.canResume()) await ok(client.POST('/auth/logout', bearer(await this.token())));
    } catch (err) {
      if (!(err instanceof SessionEndedError) && !(err instanceof ApiError && err.status === 401)) throw err;
    } finally {
      this.clear();
    }
  }

  private async rotate(): Promise<string> {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) throw this.end(t('login.noSession'));
    try {
      const pair = await ok(client.POST('/auth/refresh', { body: { refreshToken } }));
      this.keep(pair);
      return pair.jwt;
    } catch (err) {
      // 401 (revoked, reused, idle too long) or 400 (a mangled token): this session cannot go on.
      if (err instanceof ApiError && (err.status === 401 || err.status === 400)) throw this.end(err.message);
      throw err;
    }
  }

  private keep(pair: TokenPair): void {
    this.jwt = pair.jwt;
    // Absent when the service keeps it in the HttpOnly cookie (X-Tracker-Client: web).
    if (pair.refreshToken) sessionStorage.setItem(REFRESH_KEY, pair.refreshToken);
    const lead = Math.max(pair.expiresIn - REFRESH_MARGIN_S, pair.expiresIn * 0.8);
    this.schedule(lead * 1000);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.refresh().catch((err: unknown) => {
        if (err instanceof SessionEndedError) this.onEnded(err);
        else if (err instanceof NetworkError || err instanceof ApiError) this.schedule(RETRY_REFRESH_MS);
      });
    }, ms);
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.jwt = null;
    sessionStorage.removeItem(REFRESH_KEY);
  }
}
