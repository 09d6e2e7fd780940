import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CHARACTERS_PER_USER } from '../src/characters/character.schema.js';
import { createTestContext, createUser, type TestContext } from './helpers/testStore.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => ctx.close());

const john = { lodestoneId: '12345678', name: 'John Finalfantasy', world: 'Midgardsormr', datacenter: 'Aether', region: 'na' as const };

describe('characters', () => {
  it('links a character in the seed shape with a stable persistentKey that differs per user', async () => {
    const a = await createUser(ctx.services, 'a');
    const b = await createUser(ctx.services, 'b');
    const ca = await ctx.services.characters.link(a.id, john);
    const cb = await ctx.services.characters.link(b.id, john);
    expect(ca).toMatchObject({ ...john, avatarUrl: null, portraitUrl: null });
    expect(ca.persistentKey).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect((await ctx.services.characters.get(a.id, '12345678')).persistentKey).toBe(ca.persistentKey);
    expect(cb.persistentKey).not.toBe(ca.persistentKey);
  });

  it.each(['', '12345678901', '12a', '-1', ' 123'])('refuses Lodestone id %j', async (lodestoneId) => {
    const u = await createUser(ctx.services);
    await expect(ctx.services.characters.link(u.id, { ...john, lodestoneId })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await ctx.services.characters.list(u.id)).toEqual([]);
  });

  it('refuses an unknown region and a second link of the same character', async () => {
    const u = await createUser(ctx.services);
    await expect(ctx.services.characters.link(u.id, { ...john, region: 'us' as never })).rejects.toMatchObject({ code: 'VALIDATION' });
    await ctx.services.characters.link(u.id, john);
    await expect(ctx.services.characters.link(u.id, john)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it(`stops at ${MAX_CHARACTERS_PER_USER} characters`, async () => {
    const u = await createUser(ctx.services);
    for (let i = 1; i <= MAX_CHARACTERS_PER_USER; i++) await ctx.services.characters.link(u.id, { ...john, lodestoneId: String(i) });
    await expect(ctx.services.characters.link(u.id, { ...john, lodestoneId: '999' })).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
    expect(await ctx.services.characters.list(u.id)).toHaveLength(MAX_CHARACTERS_PER_USER);
  });

  it('updates fields and unlinks, taking the character\'s tasks with it but not the others', async () => {
    const u = await createUser(ctx.services);
    const c = await ctx.services.characters.link(u.id, john);
    ctx.clock.advance(1000);
    const moved = await ctx.services.characters.update(u.id, c.lodestoneId, { world: 'Cactuar', datacenter: 'Aether' });
    expect(moved).toMatchObject({ world: 'Cactuar', lodestoneId: '12345678' });
    expect(moved.updatedAt).toBeGreaterThan(c.updatedAt);
    await ctx.services.tasks.create(u.id, { name: 'char task', cadence: 'daily', characterId: c.id });
    await ctx.services.tasks.create(u.id, { name: 'account task', cadence: 'daily' });
    const r = await ctx.services.characters.unlink(u.id, c.lodestoneId);
    expect(r.tasksRemoved).toBe(1);
    expect((await ctx.services.tasks.list(u.id)).map((t) => t.name)).toEqual(['account task']);
    await expect(ctx.services.characters.get(u.id, c.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("hides another user's character", async () => {
    const a = await createUser(ctx.services, 'a');
    const b = await createUser(ctx.services, 'b');
    const c = await ctx.services.characters.link(a.id, john);
    await expect(ctx.services.characters.get(b.id, c.lodestoneId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ctx.services.characters.update(b.id, c.id, { name: 'Stolen Name' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ctx.services.characters.unlink(b.id, c.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await ctx.services.characters.get(a.id, c.id)).toMatchObject({ name: 'John Finalfantasy' });
  });
});

describe('users', () => {
  it('keeps one row per Discord account and its snowflake exactly, refreshing names on login', async () => {
    const id = '1234567890123456789'; // above 2^53
    const first = await ctx.services.users.upsertFromDiscord({ discordId: id, username: 'wol', globalName: 'Warrior', avatar: 'abc' });
    ctx.clock.advance(5000);
    const again = await ctx.services.users.upsertFromDiscord({ discordId: id, username: 'wol2', globalName: null, avatar: 'a_def' });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ discordId: id, username: 'wol2', globalName: null, createdAt: first.createdAt });
    expect(again.avatarUrl).toBe(`https://cdn.discordapp.com/avatars/${id}/a_def.gif`);
    ctx.clock.advance(5000);
    const same = await ctx.services.users.upsertFromDiscord({ discordId: id, username: 'wol2', globalName: null, avatar: 'a_def' });
    expect(same.updatedAt).toBe(again.updatedAt); // nothing changed, nothing written
    const rows = await ctx.store.db.selectFrom('users').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.discord_id).toBe(id);
  });
});
