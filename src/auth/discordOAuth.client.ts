import { z } from 'zod';
import type { Logger } from '../log.js';
import type { DiscordIdentity } from '../users/user.types.js';
import { AuthError } from './auth.errors.js';

/** Discord gets this long to answer each call before the login fails with DISCORD_UNAVAILABLE. */
export const DISCORD_TIMEOUT_MS = 5000;

const tokenResponse = z.object({ access_token: z.string().min(1), token_type: z.string() });
const userResponse = z.object({
  id: z.string().regex(/^\d{1,25}$/),
  username: z.string().min(1),
  global_name: z.string().nullish(),
  avatar: z.string().nullish(),
});

export interface DiscordOAuthConfig {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

/** The two Discord calls of the authorization-code flow, with a timeout and strict parsing. */
export class DiscordOAuthClient {
  constructor(
    private readonly cfg: DiscordOAuthConfig,
    private readonly log: Logger,
  ) {}

  /** Trades an authorization code (with its PKCE verifier) for the user's identity. */
  async identify(code: string, redirectUri: string, codeVerifier: string): Promise<DiscordIdentity> {
    const token = await this.call('token', `${this.cfg.apiUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        client_id: this.cfg.clientId,
        client_secret: this.cfg.clientSecret,
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: codeVerifier,
      }),
    });
    if (token.status === 400 || token.status === 401) {
      const err = (token.body as { error?: unknown } | undefined)?.error;
      if (err === 'invalid_grant') throw new AuthError('INVALID_CODE', 'Discord refused the login code (expired or already used); log in again.');
      this.log.error({ discord: { status: token.status, error: err } }, 'Discord refused our client credentials');
      throw unavailable();
    }
    const t = tokenResponse.safeParse(token.body);
    if (token.status !== 200 || !t.success) throw this.nonsense('token', token.status);

    const me = await this.call('user', `${this.cfg.apiUrl}/users/@me`, {
      headers: { authorization: `Bearer ${t.data.access_token}`, accept: 'application/json' },
    });
    const u = userResponse.safeParse(me.body);
    if (me.status !== 200 || !u.success) throw this.nonsense('user', me.status);
    return { discordId: u.data.id, username: u.data.username, globalName: u.data.global_name ?? null, avatar: u.data.avatar ?? null };
  }

  private async call(step: string, url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(DISCORD_TIMEOUT_MS), redirect: 'error' });
    } catch (err) {
      this.log.warn({ discord: { step, reason: (err as Error).name } }, 'Discord unreachable during login');
      throw unavailable();
    }
    const text = await res.text().catch(() => '');
    try {
      return { status: res.status, body: JSON.parse(text) as unknown };
    } catch {
      throw this.nonsense(step, res.status);
    }
  }

  private nonsense(step: string, status: number): AuthError {
    this.log.warn({ discord: { step, status } }, 'Discord answered something we could not use');
    return unavailable();
  }
}

const unavailable = () => new AuthError('DISCORD_UNAVAILABLE', 'Discord did not answer properly; try logging in again in a moment.');
