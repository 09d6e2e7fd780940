import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JWT_AUDIENCE, JWT_ISSUER } from '../src/auth/jwt.js';
import { startHttpHarness, type HttpHarness } from './helpers/httpHarness.js';
import { TEST_SECRET } from './helpers/testStore.js';

let h: HttpHarness;
beforeEach(async () => {
  h = await startHttpHarness();
});
afterEach(async () => h.stop());

async function counts() {
  const n = async (t: 'users' | 'sessions' | 'refresh_tokens' | 'oauth_states') =>
    Number((await h.store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { users: await n('users'), sessions: await n('sessions'), refresh: await n('refresh_tokens'), states: await n('oauth_states') };
}

async function startLogin() {
  const res = await h.api('/login');
  const loc = new URL(res.headers.get('location')!);
  return { res, loc, state: loc.searchParams.get('state')!, challenge: loc.searchParams.get('code_challenge')!, redirect: loc.searchParams.get('redirect_uri')! };
}

describe('Discord login flow over real HTTP', () => {
  it('logs in, reads /users/me, refreshes, logs out and is refused afterwards', async () => {
    const { res, loc, state, challenge, redirect } = await startLogin();
    expect(res.status).toBe(302);
    expect(`${loc.origin}${loc.pathname}`).toBe(h.discord.authorizeUrl);
    expect(Object.fromEntries(loc.searchParams)).toMatchObject({
      client_id: h.discord.clientId,
      redirect_uri: 'http://localhost:3000/',
      response_type: 'code',
      scope: 'identify',
      code_challenge_method: 'S256',
    });
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const code = h.discord.addOAuthUser({ id: '1234567890123456789', username: 'wol', global_name: 'Warrior of Light', avatar: 'abc' }).code(redirect, challenge);
    const ex = await h.api('/exchange', { method: 'POST', json: { code, state } });
    expect(ex.status).toBe(200);
    expect(ex.headers.get('cache-control')).toBe('no-store');
    const body = (await ex.json()) as { jwt: string; refreshToken: string; expiresIn: number; user: Record<string, unknown> };
    expect(body.expiresIn).toBe(900);
    expect(body.user).toMatchObject({ discordId: '1234567890123456789', username: 'wol', globalName: 'Warrior of Light' });

    // The token exchange sent the PKCE verifier, the client credentials and the same redirect_uri.
    const tokenCall = h.discord.requests.find((r) => r.path === '/oauth2/token')!;
    expect(tokenCall.body).toMatchObject({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: h.discord.clientId });
    expect((tokenCall.body as Record<string, string>).code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const me = await h.api('/users/me', { token: body.jwt });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: body.user.id, discordId: '1234567890123456789', avatarUrl: expect.stringContaining('/abc.png') });
    const alt = await h.api('/users/me', { headers: { 'x-access-token': body.jwt } });
    expect(alt.status).toBe(200);

    const ref = await h.api('/auth/refresh', { method: 'POST', json: { refreshToken: body.refreshToken } });
    expect(ref.status).toBe(200);
    expect(ref.headers.get('cache-control')).toBe('no-store');
    const pair = (await ref.json()) as { jwt: string; refreshToken: string };
    expect(pair.refreshToken).not.toBe(body.refreshToken);

    const out = await h.api('/auth/logout', { method: 'POST', token: pair.jwt });
    expect(out.status).toBe(200);
    expect(await out.json()).toMatchObject({ code: 'LOGGED_OUT' });

    for (const jwt of [pair.jwt, body.jwt]) {
      const r = await h.api('/users/me', { token: jwt });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await r.json()).toMatchObject({ code: 'SESSION_REVOKED' });
    }
    const again = await h.api('/auth/refresh', { method: 'POST', json: { refreshToken: pair.refreshToken } });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: 'SESSION_REVOKED' });
  });

  it('updates the same user on a second login instead of duplicating them', async () => {
    const a = await h.login({ id: '222222222222222222', username: 'old', avatar: null });
    const b = await h.login({ id: '222222222222222222', username: 'new', global_name: 'New Name', avatar: 'a_x' });
    expect(b.user.id).toBe(a.user.id);
    expect(b.user).toMatchObject({ username: 'new', globalName: 'New Name' });
    expect((await counts()).users).toBe(1);
  });

  it('accepts a form-encoded exchange', async () => {
    const { state, challenge, redirect } = await startLogin();
    const code = h.discord.addOAuthUser({ id: '333333333333333333', username: 'form' }).code(redirect, challenge);
    const res = await h.api('/exchange', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code, state }).toString(),
    });
    expect(res.status).toBe(200);
  });

  it('only redirects to allow-listed URIs', async () => {
    const bad = await h.api(`/login?redirect_uri=${encodeURIComponent('https://evil.example/')}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'INVALID_REDIRECT_URI' });
    const h2 = await startHttpHarness({ env: { OAUTH_REDIRECT_ALLOWLIST: 'http://localhost:5173/callback' } });
    try {
      const ok = await h2.api(`/login?redirect_uri=${encodeURIComponent('http://localhost:5173/callback')}`);
      expect(ok.status).toBe(302);
      expect(new URL(ok.headers.get('location')!).searchParams.get('redirect_uri')).toBe('http://localhost:5173/callback');
    } finally {
      await h2.stop();
    }
  });
});

describe('a server without Discord credentials', () => {
  it('answers 503 LOGIN_NOT_CONFIGURED on /login and /exchange, and writes nothing', async () => {
    const bare = await startHttpHarness({ env: { DISCORD_CLIENT_ID: '', DISCORD_CLIENT_SECRET: '' } });
    try {
      for (const res of [await bare.api('/login'), await bare.api('/exchange', { method: 'POST', json: { code: 'c', state: 's' } })]) {
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({ code: 'LOGIN_NOT_CONFIGURED', error: expect.stringContaining('DISCORD_CLIENT_ID') });
      }
      expect(await bare.store.db.selectFrom('oauth_states').selectAll().execute()).toEqual([]);
    } finally {
      await bare.stop();
    }
  });
});

describe('/exchange failures write nothing', () => {
  async function expectFailure(body: unknown, status: number, code: string) {
    const before = await counts();
    const res = await h.api('/exchange', { method: 'POST', json: body });
    expect(res.status).toBe(status);
    const json = (await res.json()) as { code: string; error: string };
    expect(json.code).toBe(code);
    expect(json.error).toMatch(/\w+/);
    const after = await counts();
    expect({ ...after, states: 0 }).toEqual({ ...before, states: 0 });
    expect(after.states).toBeLessThanOrEqual(before.states);
    return json;
  }

  it('answers 400 for missing or extra fields', async () => {
    await expectFailure({}, 400, 'VALIDATION');
    await expectFailure({ code: 'x' }, 400, 'VALIDATION');
    await expectFailure({ code: 'x', state: 'y', userId: 'me' }, 400, 'VALIDATION');
  });

  it('answers INVALID_STATE for unknown, expired and reused states', async () => {
    await expectFailure({ code: 'x', state: 'never-issued' }, 400, 'INVALID_STATE');
    const { state, challenge, redirect } = await startLogin();
    h.clock.advance(10 * 60_000);
    const code = h.discord.addOAuthUser({ id: '444444444444444444', username: 'late' }).code(redirect, challenge);
    await expectFailure({ code, state }, 400, 'INVALID_STATE');

    h.clock.advance(-10 * 60_000);
    const first = await h.api('/exchange', { method: 'POST', json: { code, state } });
    expect(first.status).toBe(200);
    const code2 = h.discord.addOAuthUser({ id: '444444444444444444', username: 'late' }).code(redirect, challenge);
    await expectFailure({ code: code2, state }, 400, 'INVALID_STATE');
  });

  it('answers INVALID_CODE when Discord refuses the code, and the state stays usable', async () => {
    const { state, challenge, redirect } = await startLogin();
    await expectFailure({ code: 'made-up-code', state }, 401, 'INVALID_CODE');
    const code = h.discord.addOAuthUser({ id: '555555555555555555', username: 'retry' }).code(redirect, challenge);
    const ok = await h.api('/exchange', { method: 'POST', json: { code, state } });
    expect(ok.status).toBe(200);
  });

  it('answers DISCORD_UNAVAILABLE when Discord sends HTML, a user without an id, or nothing in time', async () => {
    const { state, challenge, redirect } = await startLogin();
    const user = h.discord.addOAuthUser({ id: '666666666666666666', username: 'x' });

    h.discord.failNext({ method: 'POST', pathPrefix: '/oauth2/token' }, { status: 200, body: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } });
    await expectFailure({ code: user.code(redirect, challenge), state }, 502, 'DISCORD_UNAVAILABLE');

    h.discord.failNext({ method: 'GET', pathPrefix: '/users/@me' }, { status: 200, body: { username: 'no id' } });
    await expectFailure({ code: user.code(redirect, challenge), state }, 502, 'DISCORD_UNAVAILABLE');

    h.discord.failNext({ method: 'POST', pathPrefix: '/oauth2/token' }, { status: 500, body: { message: 'oops' } });
    await expectFailure({ code: user.code(redirect, challenge), state }, 502, 'DISCORD_UNAVAILABLE');

    h.discord.setDelay({ method: 'POST', pathPrefix: '/oauth2/token' }, 5_500);
    const started = Date.now();
    await expectFailure({ code: user.code(redirect, challenge), state }, 502, 'DISCORD_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5_400);
  }, 20_000);

  it('answers DISCORD_UNAVAILABLE when Discord cannot be reached at all', async () => {
    const { state, challenge, redirect } = await startLogin();
    const code = h.discord.addOAuthUser({ id: '777777777777777777', username: 'x' }).code(redirect, challenge);
    await h.discord.close();
    await expectFailure({ code, state }, 502, 'DISCORD_UNAVAILABLE');
  });
});

describe('access tokens', () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const sign = (header: object, payload: object, secret = TEST_SECRET) => {
    const data = `${b64(header)}.${b64(payload)}`;
    return `${data}.${createHmac('sha256', secret).update(data).digest('base64url')}`;
  };

  it.each([
    ['alg none', (p: object) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(p)}.`, 'TOKEN_INVALID'],
    ['alg none with the old signature kept', (p: object, good: string) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(p)}.${good.split('.')[2]}`, 'TOKEN_INVALID'],
    ['HS512 instead of HS256', (p: object) => {
      const data = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(p)}`;
      return `${data}.${createHmac('sha512', TEST_SECRET).update(data).digest('base64url')}`;
    }, 'TOKEN_INVALID'],
    ['edited payload', (p: object, good: string) => {
      const [hd, , sig] = good.split('.');
      return `${hd}.${b64({ ...p, sub: 'someone-else' })}.${sig}`;
    }, 'TOKEN_INVALID'],
    ['wrong secret', (p: object) => sign({ alg: 'HS256', typ: 'JWT' }, p, 'another-secret-another-secret-another-secret'), 'TOKEN_INVALID'],
    ['wrong issuer', (p: object) => sign({ alg: 'HS256', typ: 'JWT' }, { ...p, iss: 'someone' }), 'TOKEN_INVALID'],
    ['wrong audience', (p: object) => sign({ alg: 'HS256', typ: 'JWT' }, { ...p, aud: 'other-api' }), 'TOKEN_INVALID'],
    ['expired', (p: object & { iat: number }) => sign({ alg: 'HS256', typ: 'JWT' }, { ...p, exp: p.iat - 1 }), 'TOKEN_EXPIRED'],
    ['not yet valid', (p: object & { iat: number }) => sign({ alg: 'HS256', typ: 'JWT' }, { ...p, nbf: p.iat + 3600 }), 'TOKEN_INVALID'],
    ['without exp', (p: object) => sign({ alg: 'HS256', typ: 'JWT' }, { ...p, exp: undefined }), 'TOKEN_INVALID'],
    ['garbage', () => 'not.a.jwt', 'TOKEN_INVALID'],
  ])('refuses a token with %s', async (_name, make, code) => {
    const { jwt } = await h.login();
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as { iat: number; sub: string; sid: string };
    expect(payload).toMatchObject({ iss: JWT_ISSUER, aud: JWT_AUDIENCE });
    // Re-signing the real claims with the real secret works: the table differs from it only by the tampering.
    expect((await h.api('/users/me', { token: sign({ alg: 'HS256', typ: 'JWT' }, payload) })).status).toBe(200);
    const res = await h.api('/users/me', { token: (make as (p: typeof payload, good: string) => string)(payload, jwt) });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    expect(await res.json()).toMatchObject({ code });
  });

  it('expires after JWT_TTL_SECONDS', async () => {
    const { jwt } = await h.login();
    h.clock.advance(899_000);
    expect((await h.api('/users/me', { token: jwt })).status).toBe(200);
    h.clock.advance(1_000);
    const res = await h.api('/users/me', { token: jwt });
    expect(await res.json()).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('says which header is missing, and refuses a token in the query string', async () => {
    const res = await h.api('/users/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="ffxiv-tracker"');
    expect(await res.json()).toMatchObject({ code: 'TOKEN_MISSING' });
    const { jwt } = await h.login();
    const q = await h.api(`/users/me?token=${jwt}`);
    expect(q.status).toBe(401);
    expect(await q.json()).toMatchObject({ code: 'TOKEN_IN_QUERY' });
    const basic = await h.api('/users/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(await basic.json()).toMatchObject({ code: 'TOKEN_INVALID' });
  });
});

describe('credentials in the query string', () => {
  it.each(['token', 'access_token', 'jwt', 'x-access-token', 'api_key', 'apikey', 'key'])('?%s= is refused with TOKEN_IN_QUERY on every kind of route', async (name) => {
    const { jwt } = await h.login();
    // A route with a strict query schema, a route with none, a public one, and a refused write.
    for (const [path, init] of [
      ['/tasks', {}],
      ['/users/me', {}],
      ['/resets', {}],
      ['/tasks', { method: 'POST', json: { name: 'Leak', cadence: 'daily' } }],
    ] as const) {
      const res = await h.api(`${path}?${name}=${jwt}`, { token: jwt, ...init });
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      expect(await res.json()).toMatchObject({ code: 'TOKEN_IN_QUERY' });
    }
    const withKey = await h.api(`/tasks?${name}=ffxt_whatever`, { headers: { 'x-api-key': 'ffxt_whatever' } });
    expect(await withKey.json()).toMatchObject({ code: 'TOKEN_IN_QUERY' });
    // The refused POST wrote nothing.
    expect((await (await h.api('/tasks', { token: jwt })).json()) as unknown[]).toEqual([]);
  });
});

describe('refresh tokens', () => {
  it('treats a reused refresh token as theft and ends the whole session', async () => {
    const first = await h.login();
    const rotated = (await (await h.api('/auth/refresh', { method: 'POST', json: { refreshToken: first.refreshToken } })).json()) as { jwt: string; refreshToken: string };
    const reuse = await h.api('/auth/refresh', { method: 'POST', json: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(await reuse.json()).toMatchObject({ code: 'TOKEN_REUSED' });
    expect(await (await h.api('/auth/refresh', { method: 'POST', json: { refreshToken: rotated.refreshToken } })).json()).toMatchObject({ code: 'SESSION_REVOKED' });
    expect(await (await h.api('/users/me', { token: rotated.jwt })).json()).toMatchObject({ code: 'SESSION_REVOKED' });
  });

  it('stores only hashes of refresh tokens', async () => {
    const { refreshToken } = await h.login();
    const rows = await h.store.db.selectFrom('refresh_tokens').select('token_hash').execute();
    expect(rows.length).toBe(1);
    expect(rows[0]!.token_hash).not.toContain(refreshToken);
  });

  it('ends a session unused for 30 days', async () => {
    const { refreshToken } = await h.login();
    h.clock.advance(30 * 24 * 3_600_000 + 1);
    const res = await h.api('/auth/refresh', { method: 'POST', json: { refreshToken } });
    expect(await res.json()).toMatchObject({ code: 'SESSION_REVOKED' });
  });

  it('refuses unknown refresh tokens and logs out every session with logout-all', async () => {
    expect(await (await h.api('/auth/refresh', { method: 'POST', json: { refreshToken: 'nope' } })).json()).toMatchObject({ code: 'TOKEN_INVALID' });
    const a = await h.login({ id: '888888888888888888' });
    const b = await h.login({ id: '888888888888888888' });
    const out = await h.api('/auth/logout-all', { method: 'POST', token: a.jwt });
    expect(await out.json()).toMatchObject({ code: 'LOGGED_OUT', sessions: 2 });
    expect((await h.api('/users/me', { token: b.jwt })).status).toBe(401);
  });
});

describe('rate limits on login routes', () => {
  it.each([
    ['GET', '/login'],
    ['POST', '/auth/refresh'],
    ['POST', '/auth/logout'],
  ] as const)('limits %s %s per address too', async (method, path) => {
    const strict = await startHttpHarness({ env: { RATE_LIMIT_AUTH_MAX: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await strict.api(path, { method, ...(method === 'POST' && { json: { refreshToken: 'nope' } }) });
        statuses.push(r.status);
        if (r.status === 429) expect(await r.json()).toMatchObject({ code: 'RATE_LIMITED' });
      }
      expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await strict.stop();
    }
  });

  it('cuts off a burst from one address with 429 and Retry-After', async () => {
    const strict = await startHttpHarness({ env: { RATE_LIMIT_AUTH_MAX: '5' } });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 8; i++) {
        last = await strict.api('/exchange', { method: 'POST', json: { code: 'x', state: 'y' } });
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await last!.json()).toMatchObject({ code: 'RATE_LIMITED' });
      // Other routes are not affected.
      expect((await strict.api('/healthz')).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });
});
