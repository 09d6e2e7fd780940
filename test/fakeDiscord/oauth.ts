import { createHash } from 'node:crypto';
import type { APIUser } from 'discord-api-types/v10';
import { makeUser } from './fixtures.js';
import { json, type Caller, type Reply, type Route } from './http.js';
import { randomToken } from './ids.js';
import type { FakeState } from './state.js';
import type { FakeOAuthUserHandle, RecordedRequest } from './types.js';

const CODE_TTL_MS = 10 * 60_000;
const TOKEN_TTL_S = 604_800;

interface IssuedCode {
  userId: string;
  redirectUri: string;
  challenge: string | undefined;
  scope: string;
  expiresAt: number;
  used: boolean;
}

interface IssuedToken {
  userId: string;
  scope: string;
  expiresAt: number;
}

const invalidGrant = (what = 'code'): Reply => json(400, { error: 'invalid_grant', error_description: `Invalid "${what}" in request.` });

/** The OAuth2 authorization-code flow (with PKCE S256) of one application. */
export class OAuthServer {
  private readonly users = new Map<string, APIUser>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, IssuedToken>();
  private lastUserId: string | undefined;

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly state: FakeState,
  ) {}

  /** Adds (or replaces) a Discord user who can log in. */
  addUser(partial: Partial<APIUser> & { id: string; username: string }): FakeOAuthUserHandle {
    const user = makeUser(partial);
    this.users.set(user.id, user);
    this.state.users.set(user.id, user);
    this.lastUserId = user.id;
    return { user, code: (redirectUri, codeChallenge, scope) => this.issueCode(user.id, redirectUri, codeChallenge, scope) };
  }

  issueCode(userId: string, redirectUri: string, codeChallenge?: string, scope = 'identify'): string {
    const code = randomToken(22);
    this.codes.set(code, { userId, redirectUri, challenge: codeChallenge || undefined, scope, expiresAt: Date.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /** The caller behind a bearer token, if it is a live access token. */
  bearer(token: string): Caller | undefined {
    const t = this.accessTokens.get(token);
    const user = t && t.expiresAt > Date.now() ? this.users.get(t.userId) : undefined;
    return t && user ? { kind: 'bearer', user, scope: t.scope } : undefined;
  }

  routes(): Route[] {
    return [
      { method: 'POST', path: /^\/oauth2\/token$/, auth: 'none', handle: (req) => this.token(req) },
      { method: 'POST', path: /^\/oauth2\/token\/revoke$/, auth: 'none', handle: (req) => this.revoke(req) },
      { method: 'GET', path: /^\/oauth2\/authorize$/, auth: 'none', handle: (req) => this.authorize(req) },
      {
        method: 'GET',
        path: /^\/oauth2\/@me$/,
        auth: 'bot-or-bearer',
        handle: (_req, _p, caller) =>
          caller.kind !== 'bearer'
            ? json(401, { message: '401: Unauthorized', code: 0 })
            : json(200, {
                application: { id: this.clientId, name: this.state.botUser.username, icon: null, description: '', bot_public: true, bot_require_code_grant: false, verify_key: 'fake' },
                scopes: caller.scope.split(' '),
                expires: new Date(Date.now() + TOKEN_TTL_S * 1000).toISOString(),
                user: caller.user,
              }),
      },
    ];
  }

  /** Client authentication: HTTP Basic or client_id/client_secret form fields. */
  private clientOk(req: RecordedRequest, form: Record<string, string>): boolean {
    let id = form.client_id;
    let secret = form.client_secret;
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i >= 0) {
        id = decodeURIComponent(decoded.slice(0, i));
        secret = decodeURIComponent(decoded.slice(i + 1));
      }
    }
    return id === this.clientId && secret === this.clientSecret;
  }

  private token(req: RecordedRequest): Reply {
    const form = formOf(req.body);
    if (!this.clientOk(req, form)) return json(401, { error: 'invalid_client' });
    switch (form.grant_type) {
      case 'authorization_code': {
        if (!form.code) return json(400, { error: 'invalid_request', error_description: 'Missing "code" in request.' });
        const c = this.codes.get(form.code);
        if (!c || c.used || c.expiresAt <= Date.now()) return invalidGrant();
        if (form.redirect_uri !== c.redirectUri) return invalidGrant('redirect_uri');
        if (c.challenge !== undefined) {
          const verifier = form.code_verifier ?? '';
          if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== c.challenge) return invalidGrant();
        }
        c.used = true;
        return json(200, this.issueTokens(c.userId, c.scope));
      }
      case 'refresh_token': {
        const r = form.refresh_token ? this.refreshTokens.get(form.refresh_token) : undefined;
        if (!r || !form.refresh_token) return invalidGrant('refresh_token');
        this.refreshTokens.delete(form.refresh_token);
        for (const [k, t] of this.accessTokens) if (t.userId === r.userId) this.accessTokens.delete(k);
        return json(200, this.issueTokens(r.userId, r.scope));
      }
      default:
        return json(400, { error: 'unsupported_grant_type', error_description: `Grant type ${form.grant_type ?? 'None'} is not supported` });
    }
  }

  private issueTokens(userId: string, scope: string) {
    const access = randomToken(22);
    const refresh = randomToken(22);
    const expiresAt = Date.now() + TOKEN_TTL_S * 1000;
    this.accessTokens.set(access, { userId, scope, expiresAt });
    this.refreshTokens.set(refresh, { userId, scope, expiresAt: Infinity });
    return { token_type: 'Bearer', access_token: access, expires_in: TOKEN_TTL_S, refresh_token: refresh, scope };
  }

  private revoke(req: RecordedRequest): Reply {
    const form = formOf(req.body);
    if (!this.clientOk(req, form)) return json(401, { error: 'invalid_client' });
    if (form.token) {
      this.accessTokens.delete(form.token);
      this.refreshTokens.delete(form.token);
    }
    return json(200, {});
  }

  /**
   * The consent page. With a user added (addOAuthUser), it approves at once as the last one added:
   * 302 to redirect_uri?code=…&state=…. Without one, it answers 200 with the query it got.
   */
  private authorize(req: RecordedRequest): Reply {
    const q = req.query;
    if (q.client_id !== this.clientId) return json(400, { client_id: [`Value "${q.client_id ?? ''}" is not snowflake.`] });
    if (!q.redirect_uri) return json(400, { error: 'invalid_request', error_description: 'Missing "redirect_uri" in request.' });
    if (q.response_type !== 'code') return json(400, { error: 'unsupported_response_type', error_description: `Response type ${q.response_type ?? 'None'} is not supported` });
    if (!this.lastUserId) return json(200, { authorize: q });
    const challenge = q.code_challenge_method === 'S256' ? q.code_challenge : undefined;
    const code = this.issueCode(this.lastUserId, q.redirect_uri, challenge, q.scope ?? 'identify');
    const location = new URL(q.redirect_uri);
    location.searchParams.set('code', code);
    if (q.state !== undefined) location.searchParams.set('state', q.state);
    return { status: 302, headers: { location: location.toString() } };
  }
}

function formOf(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}
