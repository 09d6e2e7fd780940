import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLog } from './helpers/captureLog.js';
import { startHttpHarness, type HttpHarness } from './helpers/httpHarness.js';
import { TEST_SECRET } from './helpers/testStore.js';

let h: HttpHarness;
const cap = captureLog('trace');
beforeAll(async () => {
  h = await startHttpHarness({ log: cap.log });
});
afterAll(async () => h.stop());

describe('logs', () => {
  it('never carry a token, a code, a state or a secret, even one put in a query string', async () => {
    const login = await h.api('/login');
    const loc = new URL(login.headers.get('location')!);
    const state = loc.searchParams.get('state')!;
    const code = h.discord.addOAuthUser({ id: '999999999999999999', username: 'logs' }).code(loc.searchParams.get('redirect_uri')!, loc.searchParams.get('code_challenge')!);
    const { jwt, refreshToken } = (await (await h.api('/exchange', { method: 'POST', json: { code, state } })).json()) as { jwt: string; refreshToken: string };
    await h.api('/users/me', { token: jwt });
    await h.api('/users/me', { headers: { 'x-access-token': jwt } });
    await h.api(`/users/me?token=${jwt}`);
    await h.api(`/tasks?access_token=${jwt}`);
    const next = (await (await h.api('/auth/refresh', { method: 'POST', json: { refreshToken } })).json()) as { refreshToken: string };
    await h.api('/auth/refresh', { method: 'POST', json: { refreshToken } }); // reuse, logged as a failure
    await h.api('/exchange', { method: 'POST', json: { code, state } });

    const text = cap.text();
    expect(cap.lines.length).toBeGreaterThan(10);
    expect(text).toContain('"url":"/users/me"');
    for (const secret of [jwt, jwt.split('.')[2]!, refreshToken, next.refreshToken, code, state, TEST_SECRET, h.discord.clientSecret]) {
      expect(text).not.toContain(secret);
    }
  });
});
