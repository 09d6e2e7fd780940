import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_GROUPS_PER_SERVER, MAX_MEMBERS_PER_GROUP } from '../src/groups/group.schema.js';
import { createTestContext, createUser, type TestContext } from './helpers/testStore.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const GUILD = '1300000000000000001';
const admin = (userId: string) => ({ userId, canManageServer: true, roleIds: [] as string[] });

describe('group limits and who may create', () => {
  it(`allows ${MAX_GROUPS_PER_SERVER} groups in a server and refuses one more`, async () => {
    const owner = await createUser(ctx.services, 'owner');
    for (let i = 0; i < MAX_GROUPS_PER_SERVER; i++) await ctx.services.groups.create(admin(owner.id), { guildId: GUILD, name: `Group ${i}`, presets: ['wondrous-tails'] });
    await expect(ctx.services.groups.create(admin(owner.id), { guildId: GUILD, name: 'One too many', presets: ['wondrous-tails'] })).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
    // Another server is counted apart.
    await expect(ctx.services.groups.create(admin(owner.id), { guildId: '1300000000000000002', name: 'Elsewhere', presets: ['wondrous-tails'] })).resolves.toMatchObject({ name: 'Elsewhere' });
  });

  it(`takes ${MAX_MEMBERS_PER_GROUP} members and refuses one more, while a member may change character`, async () => {
    const owner = await createUser(ctx.services, 'lead');
    const group = await ctx.services.groups.create(admin(owner.id), { guildId: '1300000000000000003', name: 'Big FC', presets: ['challenge-log'] });
    const join = async (i: number) => {
      const u = await createUser(ctx.services, `m${i}`);
      await ctx.services.characters.link(u.id, { lodestoneId: String(60_000_000 + i), name: `Member N${i}`, world: 'Odin', datacenter: 'Light', region: 'eu' });
      await ctx.services.groups.join(u.id, group.id, null);
      return u;
    };
    let first;
    for (let i = 0; i < MAX_MEMBERS_PER_GROUP; i++) {
      const u = await join(i);
      first ??= u;
    }
    await expect(join(MAX_MEMBERS_PER_GROUP)).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
    // Re-joining with one character is a change, not a new member.
    const mine = (await ctx.services.characters.list(first!.id))[0]!;
    await expect(ctx.services.groups.join(first!.id, group.id, mine.id)).resolves.toMatchObject({ group: { memberCount: MAX_MEMBERS_PER_GROUP } });
  });

  it('lets a member with the role the server chose create groups, and nobody else without Manage Server', async () => {
    const lead = await createUser(ctx.services, 'static-lead');
    const guild = '1300000000000000004';
    const plain = { userId: lead.id, canManageServer: false, roleIds: ['1300000000000000900'] };
    await expect(ctx.services.groups.create(plain, { guildId: guild, name: 'Static', presets: ['savage-raid-loot'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ctx.services.groups.setCreatorRole(plain, guild, '1300000000000000900')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await ctx.services.groups.setCreatorRole(admin(lead.id), guild, '1300000000000000900');
    await expect(ctx.services.groups.create(plain, { guildId: guild, name: 'Static', presets: ['savage-raid-loot'] })).resolves.toMatchObject({ name: 'Static' });
    await expect(ctx.services.groups.create({ ...plain, roleIds: [] }, { guildId: guild, name: 'Other', presets: ['savage-raid-loot'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
