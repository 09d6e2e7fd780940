import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreparedQuery } from '../src/store/preparedQuery.js';
import { createTestContext, createUser, type TestContext } from './helpers/testStore.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext('2026-11-23T10:00:00Z');
});
afterEach(async () => ctx.close());

describe('a prepared query', () => {
  it('answers as the same query built each time would, for each set of values', async () => {
    const db = ctx.store.db;
    const a = await createUser(ctx.services, 'a');
    const b = await createUser(ctx.services, 'b');
    await ctx.services.tasks.create(a.id, { name: 'Alpha', cadence: 'daily' });
    await ctx.services.tasks.create(a.id, { name: 'Beta', cadence: 'weekly' });
    await ctx.services.tasks.create(b.id, { name: 'Gamma', cadence: 'daily' });
    // A constant beside the slots, and a slot used twice: both must land in the right places.
    const q = new PreparedQuery(['userId', 'cadence'], (p) =>
      db
        .selectFrom('tasks')
        .select(['name'])
        .where('user_id', '=', p.userId)
        .where((eb) => eb.or([eb('cadence', '=', p.cadence), eb('name', '=', 'Beta')]))
        .where('user_id', '=', p.userId)
        .orderBy('name'),
    );
    for (const [userId, cadence] of [[a.id, 'daily'], [a.id, 'weekly'], [b.id, 'daily'], [b.id, 'weekly']] as const) {
      const built = await db
        .selectFrom('tasks')
        .select(['name'])
        .where('user_id', '=', userId)
        .where((eb) => eb.or([eb('cadence', '=', cadence), eb('name', '=', 'Beta')]))
        .orderBy('name')
        .execute();
      expect(await q.all(db, { userId, cadence })).toEqual(built);
    }
    expect((await q.all(db, { userId: a.id, cadence: 'daily' })).map((r) => r.name)).toEqual(['Alpha', 'Beta']);
    expect(await q.first(db, { userId: 'nobody', cadence: 'daily' })).toBeUndefined();
  });

  it('runs inside a transaction, and its write goes when the transaction rolls back', async () => {
    const db = ctx.store.db;
    const u = await createUser(ctx.services);
    const rename = new PreparedQuery(['id', 'name'], (p) => db.updateTable('users').set({ username: p.name }).where('id', '=', p.id));
    await expect(
      db.transaction().execute(async (tx) => {
        const r = await rename.execute(tx, { id: u.id, name: 'renamed' });
        expect(Number(r.numAffectedRows)).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await db.selectFrom('users').select('username').where('id', '=', u.id).executeTakeFirstOrThrow()).username).toBe(u.username);
    await rename.execute(db, { id: u.id, name: 'renamed' });
    expect((await db.selectFrom('users').select('username').where('id', '=', u.id).executeTakeFirstOrThrow()).username).toBe('renamed');
  });

  it('refuses to be built with a slot the query never uses', () => {
    const db = ctx.store.db;
    expect(() => new PreparedQuery(['id', 'forgotten'], (p) => db.selectFrom('users').select('id').where('id', '=', p.id))).toThrow(/never uses forgotten/);
  });
});
