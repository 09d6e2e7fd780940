import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/http/server.js';
import { captureLog } from './helpers/captureLog.js';
import { startHttpHarness, type HttpHarness } from './helpers/httpHarness.js';
import { createTestContext } from './helpers/testStore.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the assertions check the bodies
const json = async (r: Response): Promise<any> => r.json();
const WEB = { 'x-tracker-client': 'web' };

let h: HttpHarness;
beforeAll(async () => {
  h = await startHttpHarness();
});
afterAll(() => h.stop());

/** The browser login, as the web page makes it: /exchange with the web client header. */
async function webLogin(id: string) {
  const res = await h.api('/login');
  const loc = new URL(res.headers.get('location')!);
  const code = h.discord.addOAuthUser({ id, username: `web${id.slice(-4)}` }).code(loc.searchParams.get('redirect_uri')!, loc.searchParams.get('code_challenge')!);
  return h.api('/exchange', { method: 'POST', headers: WEB, json: { code, state: loc.searchParams.get('state') } });
}
const cookieOf = (res: Response) => res.headers.get('set-cookie') ?? '';
const tokenIn = (setCookie: string) => /tracker_refresh=([^;]*)/.exec(setCookie)?.[1] ?? '';

describe('the web page keeps its refresh token in an HttpOnly cookie', () => {
  it('gets it as a cookie (not in the body), rotates it on refresh, and a reused one ends the session', async () => {
    const ex = await webLogin('1200000000000000701');
    expect(ex.status).toBe(200);
    const body = await json(ex);
    expect(body.jwt).toBeTruthy();
    expect(body.refreshToken).toBeUndefined();
    const first = cookieOf(ex);
    expect(first).toMatch(/^tracker_refresh=[^;]+; Max-Age=\d+; Path=\/auth; HttpOnly; SameSite=Strict$/); // no Secure on plain-HTTP localhost

    const refreshed = await h.api('/auth/refresh', { method: 'POST', headers: { ...WEB, cookie: `tracker_refresh=${tokenIn(first)}` }, json: {} });
    expect(refreshed.status).toBe(200);
    expect((await json(refreshed)).refreshToken).toBeUndefined();
    const second = cookieOf(refreshed);
    expect(tokenIn(second)).not.toBe(tokenIn(first));

    // The old cookie again: reuse ends the whole session, so the new one stops working too.
    const reused = await h.api('/auth/refresh', { method: 'POST', headers: { ...WEB, cookie: `tracker_refresh=${tokenIn(first)}` }, json: {} });
    expect(reused.status).toBe(401);
    expect((await json(reused)).code).toBe('TOKEN_REUSED');
    expect((await h.api('/auth/refresh', { method: 'POST', headers: { ...WEB, cookie: `tracker_refresh=${tokenIn(second)}` }, json: {} })).status).toBe(401);
  });

  it('refuses the cookie from another site, and ignores it without the web header', async () => {
    const ex = await webLogin('1200000000000000702');
    const cookie = `tracker_refresh=${tokenIn(cookieOf(ex))}`;
    const cross = await h.api('/auth/refresh', { method: 'POST', headers: { ...WEB, cookie, origin: 'https://evil.example' }, json: {} });
    expect(cross.status).toBe(403);
    expect((await json(cross)).code).toBe('ORIGIN_NOT_ALLOWED');
    const noHeader = await h.api('/auth/refresh', { method: 'POST', headers: { cookie }, json: {} });
    expect(noHeader.status).toBe(401);
    expect((await json(noHeader)).code).toBe('TOKEN_MISSING');
    // The allowed page origin (CORS_ORIGINS) may use it.
    const ok = await h.api('/auth/refresh', { method: 'POST', headers: { ...WEB, cookie, origin: 'http://localhost:3000' }, json: {} });
    expect(ok.status).toBe(200);
  });

  it('clears the cookie at logout', async () => {
    const ex = await webLogin('1200000000000000703');
    const { jwt } = await json(ex);
    const out = await h.api('/auth/logout', { method: 'POST', token: jwt, headers: WEB });
    expect(out.status).toBe(200);
    expect(cookieOf(out)).toMatch(/^tracker_refresh=; Max-Age=0; Path=\/auth; HttpOnly; SameSite=Strict/);
  });

  it('leaves other clients exactly as they were: the token in the body', async () => {
    const pair = await h.login();
    expect(pair.refreshToken).toBeTruthy();
    const res = await h.api('/auth/refresh', { method: 'POST', json: { refreshToken: pair.refreshToken } });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await json(res)).refreshToken).toBeTruthy();
  });
});

describe('a page served where its Secure cookie would not be kept', () => {
  /** The lines about the cookie that starting the HTTP service with the web app at `redirectUri` logs. */
  async function cookieWarnings(redirectUri: string) {
    const cap = captureLog('info');
    const webDir = await mkdtemp(join(tmpdir(), 'tracker-web-'));
    const ctx = await createTestContext(undefined, { OAUTH_REDIRECT_URI: redirectUri });
    const app = await buildServer({ config: ctx.config, log: cap.log, store: ctx.store, services: ctx.services, clock: ctx.clock.now, webDir });
    try {
      await app.ready();
      return cap.lines.filter((l) => String(l.msg).includes('Secure cookie'));
    } finally {
      await app.close();
      await ctx.close();
      await rm(webDir, { recursive: true, force: true });
    }
  }

  it('warns at start-up when the page is plain HTTP on another host than localhost', async () => {
    expect(await cookieWarnings('http://192.168.1.20:8080/app/')).toEqual([
      expect.objectContaining({ level: 40, redirectUri: 'http://192.168.1.20:8080/app/' }),
    ]);
    expect(await cookieWarnings('https://tracker.example/app/')).toEqual([]);
    expect(await cookieWarnings('http://localhost:8080/app/')).toEqual([]);
  });
});
