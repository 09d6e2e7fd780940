import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.js';
import { MAX_TASKS_PER_USER } from '../src/tasks/task.schema.js';
import { openStore } from '../src/store/openStore.js';
import { ENGINE } from './helpers/testDatabase.js';
import { TaskService } from '../src/tasks/task.service.js';
import { createTestContext, createUser, silentLog, type TestContext } from './helpers/testStore.js';

const HOUR = 3_600_000;
let ctx: TestContext;

beforeEach(async () => {
  // A Monday morning, before the daily reset at 15:00 UTC.
  ctx = await createTestContext('2026-11-23T10:00:00Z');
});
afterEach(async () => ctx.close());

async function completionRows(taskId: string) {
  return ctx.store.db.selectFrom('completions').selectAll().where('task_id', '=', taskId).execute();
}

async function expectDomainError(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toBeInstanceOf(DomainError);
  await expect(p).rejects.toMatchObject({ code });
}

describe('task status across resets', () => {
  it('a daily task completed before 15:00 UTC is open again at the reset, and its history stays', async () => {
    const u = await createUser(ctx.services);
    const t = await ctx.services.tasks.create(u.id, { name: 'Expert roulette', cadence: 'daily' });
    expect(t.done).toBe(false);
    expect(new Date(t.periodEnd!).toISOString()).toBe('2026-11-23T15:00:00.000Z');

    const done = await ctx.services.tasks.complete(u.id, t.id);
    expect(done.done).toBe(true);
    expect(done.completedAt).toBe(ctx.clock.now());

    ctx.clock.set('2026-11-23T14:59:59.999Z');
    expect((await ctx.services.tasks.get(u.id, t.id)).done).toBe(true);
    ctx.clock.set('2026-11-23T15:00:00.000Z');
    const reopened = await ctx.services.tasks.get(u.id, t.id);
    expect(reopened.done).toBe(false);
    expect(reopened.completedAt).toBeNull();
    expect(new Date(reopened.periodStart!).toISOString()).toBe('2026-11-23T15:00:00.000Z');

    await ctx.services.tasks.complete(u.id, t.id);
    expect(await ctx.services.tasks.completionCount(u.id, t.id)).toBe(2);
  });

  it('completing twice in one period keeps one completion', async () => {
    const u = await createUser(ctx.services);
    const t = await ctx.services.tasks.create(u.id, { name: 'Wondrous Tails', cadence: 'weekly' });
    const first = await ctx.services.tasks.complete(u.id, t.id);
    ctx.clock.advance(HOUR);
    const second = await ctx.services.tasks.complete(u.id, t.id);
    expect(second.completedAt).toBe(first.completedAt);
    expect(await completionRows(t.id)).toHaveLength(1);
  });

  it('two completions racing on one task leave one completion', async () => {
    const u = await createUser(ctx.services);
    const t = await ctx.services.tasks.create(u.id, { name: 'Custom Deliveries', cadence: 'weekly' });
    const results = await Promise.all(Array.from({ length: 8 }, () => ctx.services.tasks.complete(u.id, t.id)));
    expect(results.every((r) => r.done)).toBe(true);
    expect(await completionRows(t.id)).toHaveLength(1);
  });

  // Two connections in one thread would block each other on SQLite's synchronous driver; two real
  // processes on one SQLite file are tested in process.test.ts, the pool here on PostgreSQL.
  it.runIf(ENGINE === 'postgres')('two processes completing one task at once leave one completion', async () => {
    const u = await createUser(ctx.services);
    const t = await ctx.services.tasks.create(u.id, { name: 'Doman Enclave', cadence: 'weekly' });
    const other = await openStore(ctx.url, silentLog);
    try {
      const elsewhere = new TaskService(other.db, ctx.clock.now);
      await Promise.all([
        ...Array.from({ length: 4 }, () => ctx.services.tasks.complete(u.id, t.id)),
        ...Array.from({ length: 4 }, () => elsewhere.complete(u.id, t.id)),
      ]);
      expect(await completionRows(t.id)).toHaveLength(1);
      expect((await elsewhere.get(u.id, t.id)).done).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('a Grand Company task reopens at 20:00 UTC while a daily done at the same time stays done', async () => {
    const u = await createUser(ctx.services);
    ctx.clock.set('2026-11-23T16:00:00Z');
    const gc = await ctx.services.tasks.create(u.id, { name: 'GC turn-ins', cadence: 'gc-daily' });
    const daily = await ctx.services.tasks.create(u.id, { name: 'Leveling roulette', cadence: 'daily' });
    await ctx.services.tasks.complete(u.id, gc.id);
    await ctx.services.tasks.complete(u.id, daily.id);
    ctx.clock.set('2026-11-23T20:00:00Z');
    expect((await ctx.services.tasks.get(u.id, gc.id)).done).toBe(false);
    expect((await ctx.services.tasks.get(u.id, daily.id)).done).toBe(true);
  });

  it('undo reopens the current period and keeps earlier periods', async () => {
    const u = await createUser(ctx.services);
    const t = await ctx.services.tasks.create(u.id, { name: 'Mini Cactpot', cadence: 'daily' });
    await ctx.services.tasks.complete(u.id, t.id);
    ctx.clock.set('2026-11-24T16:00:00Z');
    await ctx.services.tasks.complete(u.id, t.id);
    const undone = await ctx.services.tasks.undo(u.id, t.id);
    expect(undone.done).toBe(false);
    expect(await ctx.services.tasks.completionCount(u.id, t.id)).toBe(1);
    // Undoing an open task changes nothing.
    await ctx.services.tasks.undo(u.id, t.id);
    expect(await ctx.services.tasks.completionCount(u.id, t.id)).toBe(1);
    expect((await ctx.services.tasks.complete(u.id, t.id)).done).toBe(true);
  });

  it('undo answers what the store then holds, and toggle flips a task each time', async () => {
    const u = await createUser(ctx.services);
    const t = await ctx.services.tasks.create(u.id, { name: 'Mini Cactpot', cadence: 'daily' });
    await ctx.services.tasks.complete(u.id, t.id);
    ctx.clock.set('2026-11-24T16:00:00Z');
    await ctx.services.tasks.complete(u.id, t.id);
    // The answer is built without reading the row back: it must equal a fresh read.
    const undone = await ctx.services.tasks.undo(u.id, t.id);
    expect(undone.done).toBe(false);
    expect(undone).toEqual(await ctx.services.tasks.get(u.id, t.id));

    const on = await ctx.services.tasks.toggle(u.id, t.id);
    expect(on.done).toBe(true);
    expect(on).toEqual(await ctx.services.tasks.get(u.id, t.id));
    const off = await ctx.services.tasks.toggle(u.id, t.id);
    expect(off.done).toBe(false);
    expect(off).toEqual(await ctx.services.tasks.get(u.id, t.id));
    expect(await ctx.services.tasks.completionCount(u.id, t.id)).toBe(1);
    const stranger = await createUser(ctx.services, 'stranger');
    await expectDomainError(ctx.services.tasks.toggle(stranger.id, t.id), 'NOT_FOUND');
    expect((await ctx.services.tasks.get(u.id, t.id)).done).toBe(false);
  });

  it('a cooldown task stays done for its hours after completion, then opens', async () => {
    const u = await createUser(ctx.services);
    const t = await ctx.services.tasks.create(u.id, { name: 'Timeworn map', cadence: 'cooldown', intervalHours: 18 });
    expect(t.periodEnd).toBeNull();
    const done = await ctx.services.tasks.complete(u.id, t.id);
    expect(done.periodEnd).toBe(ctx.clock.now() + 18 * HOUR);
    ctx.clock.advance(18 * HOUR - 1);
    expect((await ctx.services.tasks.get(u.id, t.id)).done).toBe(true);
    ctx.clock.advance(1);
    expect((await ctx.services.tasks.get(u.id, t.id)).done).toBe(false);
    await ctx.services.tasks.complete(u.id, t.id);
    expect(await completionRows(t.id)).toHaveLength(2);
  });

  it('a to-do stays done forever once completed', async () => {
    const u = await createUser(ctx.services);
    const t = await ctx.services.tasks.create(u.id, { name: 'Unlock Ishgard housing', cadence: 'once' });
    await ctx.services.tasks.complete(u.id, t.id);
    ctx.clock.advance(400 * 24 * HOUR);
    const v = await ctx.services.tasks.get(u.id, t.id);
    expect(v.done).toBe(true);
    expect(v.periodEnd).toBeNull();
  });

  it('a Jumbo Cactpot task follows its character region: NA draws on Sunday 02:00 UTC, not at the weekly reset', async () => {
    const u = await createUser(ctx.services);
    const c = await ctx.services.characters.link(u.id, {
      lodestoneId: '12345678', name: 'John Finalfantasy', world: 'Midgardsormr', datacenter: 'Aether', region: 'na',
    });
    const t = await ctx.services.tasks.create(u.id, { name: 'Jumbo', cadence: 'jumbo-cactpot', characterId: c.id });
    expect(t.region).toBe('na');
    expect(new Date(t.periodEnd!).toISOString()).toBe('2026-11-29T02:00:00.000Z');
    const eu = await ctx.services.tasks.create(u.id, { name: 'Jumbo EU', cadence: 'jumbo-cactpot', region: 'eu' });
    expect(new Date(eu.periodEnd!).toISOString()).toBe('2026-11-28T19:00:00.000Z');
    await expectDomainError(ctx.services.tasks.create(u.id, { name: 'Jumbo ?', cadence: 'jumbo-cactpot' }), 'VALIDATION');
  });

  it('a Fashion Report task shows when judging opens and closes at the weekly reset', async () => {
    const u = await createUser(ctx.services);
    // Monday: judging opened last Friday and closes on Tuesday's weekly reset.
    const t = await ctx.services.tasks.create(u.id, { name: 'Fashion Report', cadence: 'fashion-report' });
    expect(new Date(t.opensAt!).toISOString()).toBe('2026-11-20T08:00:00.000Z');
    expect(new Date(t.periodEnd!).toISOString()).toBe('2026-11-24T08:00:00.000Z');
    ctx.clock.set('2026-11-24T08:00:00Z');
    const next = await ctx.services.tasks.get(u.id, t.id);
    expect(new Date(next.opensAt!).toISOString()).toBe('2026-11-27T08:00:00.000Z');
    expect(new Date(next.periodEnd!).toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });
});

describe('task editing and listing', () => {
  it('filters by cadence, character and status, in position order', async () => {
    const u = await createUser(ctx.services);
    const c = await ctx.services.characters.link(u.id, { lodestoneId: '1', name: 'A B', world: 'Ragnarok', datacenter: 'Chaos', region: 'eu' });
    const a = await ctx.services.tasks.create(u.id, { name: 'A', cadence: 'daily' });
    const b = await ctx.services.tasks.create(u.id, { name: 'B', cadence: 'weekly', characterId: c.id });
    const d = await ctx.services.tasks.create(u.id, { name: 'D', cadence: 'daily', characterId: c.lodestoneId });
    await ctx.services.tasks.complete(u.id, a.id);
    expect((await ctx.services.tasks.list(u.id)).map((t) => t.name)).toEqual(['A', 'B', 'D']);
    expect((await ctx.services.tasks.list(u.id, { cadence: 'daily' })).map((t) => t.id)).toEqual([a.id, d.id]);
    expect((await ctx.services.tasks.list(u.id, { characterId: c.id })).map((t) => t.id)).toEqual([b.id, d.id]);
    expect((await ctx.services.tasks.list(u.id, { status: 'done' })).map((t) => t.id)).toEqual([a.id]);
    expect((await ctx.services.tasks.list(u.id, { status: 'open' })).map((t) => t.id)).toEqual([b.id, d.id]);
    await ctx.services.tasks.update(u.id, a.id, { position: 10 });
    await ctx.services.tasks.update(u.id, d.id, { position: 0, name: '  Renamed  ', notes: 'bring gil' });
    const reordered = await ctx.services.tasks.list(u.id);
    expect(reordered.map((t) => t.id)).toEqual([d.id, b.id, a.id]);
    expect(reordered[0]).toMatchObject({ name: 'Renamed', notes: 'bring gil', position: 0 });
  });

  it('rejects bad names, long notes and unknown fields without writing anything', async () => {
    const u = await createUser(ctx.services);
    await expectDomainError(ctx.services.tasks.create(u.id, { name: '   ', cadence: 'daily' }), 'VALIDATION');
    await expectDomainError(ctx.services.tasks.create(u.id, { name: 'x'.repeat(101), cadence: 'daily' }), 'VALIDATION');
    await expectDomainError(ctx.services.tasks.create(u.id, { name: 'ok', cadence: 'daily', notes: 'n'.repeat(1001) }), 'VALIDATION');
    await expectDomainError(ctx.services.tasks.create(u.id, { name: 'ok', cadence: 'hourly' as never }), 'VALIDATION');
    await expectDomainError(ctx.services.tasks.create(u.id, { name: 'ok', cadence: 'daily', userId: 'x' } as never), 'VALIDATION');
    await expectDomainError(ctx.services.tasks.create(u.id, { name: 'map', cadence: 'cooldown' }), 'VALIDATION');
    expect(await ctx.services.tasks.list(u.id)).toEqual([]);
  });

  it(`stops at ${MAX_TASKS_PER_USER} tasks with a clear error`, async () => {
    const u = await createUser(ctx.services);
    const now = ctx.clock.now();
    await ctx.store.db
      .insertInto('tasks')
      .values(
        Array.from({ length: MAX_TASKS_PER_USER }, (_, i) => ({
          id: `t${i}`, user_id: u.id, character_id: null, name: `t${i}`, cadence: 'daily', interval_hours: null, region: null,
          notes: null, position: i, preset_key: null, last_period_start: null, last_completed_at: null, created_at: now, updated_at: now,
        })),
      )
      .execute();
    await expectDomainError(ctx.services.tasks.create(u.id, { name: 'one more', cadence: 'daily' }), 'LIMIT_REACHED');
    await expectDomainError(ctx.services.tasks.addPresets(u.id, { keys: ['mini-cactpot'] }), 'LIMIT_REACHED');
    expect(await ctx.services.tasks.list(u.id)).toHaveLength(MAX_TASKS_PER_USER);
  });

  it('adds presets in bulk, skipping those already present, and adds nothing when a key is unknown', async () => {
    const u = await createUser(ctx.services);
    const r1 = await ctx.services.tasks.addPresets(u.id, { keys: ['mini-cactpot', 'gc-supply-provisioning', 'treasure-map'] });
    expect(r1.added.map((t) => [t.presetKey, t.cadence])).toEqual([
      ['mini-cactpot', 'daily'],
      ['gc-supply-provisioning', 'gc-daily'],
      ['treasure-map', 'cooldown'],
    ]);
    expect(r1.added[2]!.intervalHours).toBe(18);
    const r2 = await ctx.services.tasks.addPresets(u.id, { keys: ['mini-cactpot', 'wondrous-tails'] });
    expect(r2.added.map((t) => t.presetKey)).toEqual(['wondrous-tails']);
    expect(r2.skipped).toEqual(['mini-cactpot']);
    await expectDomainError(ctx.services.tasks.addPresets(u.id, { keys: ['fashion-report', 'nope'] }), 'VALIDATION');
    await expectDomainError(ctx.services.tasks.addPresets(u.id, { keys: ['jumbo-cactpot'] }), 'VALIDATION');
    expect(await ctx.services.tasks.list(u.id)).toHaveLength(4);
  });

  it('adds presets for one character: its region for Jumbo Cactpot, skipped per character, never for a stranger\'s', async () => {
    const u = await createUser(ctx.services);
    const stranger = await createUser(ctx.services, 'stranger');
    const c = await ctx.services.characters.link(u.id, { lodestoneId: '40000001', name: 'Aa Bb', world: 'Odin', datacenter: 'Light', region: 'eu' });
    const theirs = await ctx.services.characters.link(stranger.id, { lodestoneId: '40000002', name: 'Cc Dd', world: 'Adamantoise', datacenter: 'Aether', region: 'na' });
    await ctx.services.tasks.addPresets(u.id, { keys: ['mini-cactpot'] });
    const r = await ctx.services.tasks.addPresets(u.id, { keys: ['mini-cactpot', 'jumbo-cactpot'], characterId: c.lodestoneId });
    expect(r.added.map((t) => [t.presetKey, t.characterId, t.region])).toEqual([
      ['mini-cactpot', c.id, 'eu'],
      ['jumbo-cactpot', c.id, 'eu'],
    ]);
    expect((await ctx.services.tasks.addPresets(u.id, { keys: ['jumbo-cactpot'], characterId: c.id })).skipped).toEqual(['jumbo-cactpot']);
    await expectDomainError(ctx.services.tasks.addPresets(u.id, { keys: ['wondrous-tails'], characterId: theirs.lodestoneId }), 'NOT_FOUND');
    expect(await ctx.services.tasks.list(u.id)).toHaveLength(3);
  });

  it("never shows or changes another user's tasks", async () => {
    const alice = await createUser(ctx.services, 'alice');
    const bob = await createUser(ctx.services, 'bob');
    const t = await ctx.services.tasks.create(alice.id, { name: 'Alice only', cadence: 'daily' });
    await expectDomainError(ctx.services.tasks.get(bob.id, t.id), 'NOT_FOUND');
    await expectDomainError(ctx.services.tasks.complete(bob.id, t.id), 'NOT_FOUND');
    await expectDomainError(ctx.services.tasks.undo(bob.id, t.id), 'NOT_FOUND');
    await expectDomainError(ctx.services.tasks.update(bob.id, t.id, { name: 'mine' }), 'NOT_FOUND');
    await expectDomainError(ctx.services.tasks.remove(bob.id, t.id), 'NOT_FOUND');
    expect(await ctx.services.tasks.list(bob.id)).toEqual([]);
    expect(await ctx.services.tasks.get(alice.id, t.id)).toMatchObject({ name: 'Alice only', done: false });
  });

  it("refuses to attach a task to another user's character", async () => {
    const alice = await createUser(ctx.services, 'alice');
    const bob = await createUser(ctx.services, 'bob');
    const c = await ctx.services.characters.link(alice.id, { lodestoneId: '42', name: 'Al Ice', world: 'Tonberry', datacenter: 'Elemental', region: 'jp' });
    await expectDomainError(ctx.services.tasks.create(bob.id, { name: 'x', cadence: 'daily', characterId: c.id }), 'NOT_FOUND');
    await expectDomainError(ctx.services.tasks.list(bob.id, { characterId: c.id }), 'NOT_FOUND');
  });

  it('deleting a task removes it and its history', async () => {
    const u = await createUser(ctx.services);
    const t = await ctx.services.tasks.create(u.id, { name: 'x', cadence: 'daily' });
    await ctx.services.tasks.complete(u.id, t.id);
    await ctx.services.tasks.remove(u.id, t.id);
    await expectDomainError(ctx.services.tasks.get(u.id, t.id), 'NOT_FOUND');
    expect(await completionRows(t.id)).toHaveLength(0);
  });
});
