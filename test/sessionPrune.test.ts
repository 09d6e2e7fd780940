import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS } from '../src/auth/session.service.js';
import { createTestContext, createUser, type TestContext } from './helpers/testStore.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext('2026-11-23T10:00:00Z', { DISCORD_CLIENT_ID: '110000000000000000', DISCORD_CLIENT_SECRET: 'secret' });
});
afterEach(async () => ctx.close());

const count = async (t: 'sessions' | 'oauth_states' | 'refresh_tokens') =>
  Number((await ctx.store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('pruning', () => {
  it('drops sessions a day after they expired or were revoked, with their refresh tokens, and keeps live ones', async () => {
    const u = await createUser(ctx.services);
    const idle = await ctx.services.sessions.open(u.id, null);
    const revoked = await ctx.services.sessions.open(u.id, null);
    await ctx.services.sessions.logout(revoked.sessionId);
    ctx.clock.advance(SESSION_IDLE_MS - 60_000);
    const live = await ctx.services.sessions.open(u.id, null);
    expect(await ctx.services.sessions.prune()).toBe(1); // the revoked one, a month ago
    ctx.clock.advance(24 * 3_600_000 + 60_001);
    expect(await ctx.services.sessions.prune()).toBe(1); // the idle one, a day past expiry
    expect(await count('sessions')).toBe(1);
    expect(await count('refresh_tokens')).toBe(1);
    expect((await ctx.services.sessions.refresh(live.refreshToken)).sessionId).toBe(live.sessionId);
    await expect(ctx.services.sessions.refresh(idle.refreshToken)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('drops login states nobody came back for', async () => {
    await ctx.services.oauth.begin();
    ctx.clock.advance(5 * 60_000);
    await ctx.services.oauth.begin();
    ctx.clock.advance(6 * 60_000);
    expect(await ctx.services.oauth.prune()).toBe(1);
    expect(await count('oauth_states')).toBe(1);
  });
});
