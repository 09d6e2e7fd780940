import { REST } from '@discordjs/rest';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResetScheduler } from '../src/scheduler/resetScheduler.js';
import { restSender } from '../src/scheduler/sender.js';
import { SendBudget } from '../src/outbox/sendBudget.js';
import { startFakeDiscord, type FakeDiscord } from './fakeDiscord/index.js';
import { captureLog } from './helpers/captureLog.js';
import { openStore } from '../src/store/openStore.js';
import { ENGINE } from './helpers/testDatabase.js';
import { createTestContext, createUser, silentLog, type TestContext } from './helpers/testStore.js';

let ctx: TestContext;
let discord: FakeDiscord;
let rest: REST;
const cap = captureLog('debug');

const GUILD_A = '800000000000000001';
const GUILD_B = '800000000000000002';
const CHANNEL_A = '810000000000000001';
const CHANNEL_B = '810000000000000002';
const ROLE = '820000000000000001';

beforeEach(async () => {
  discord = await startFakeDiscord();
  ctx = await createTestContext('2026-11-23T14:59:00Z');
  // As the service makes it: rate limits surface as errors, so the outbox reschedules and pauses.
  rest = new REST({ api: discord.apiUrl, retries: 0, timeout: 2_000, rejectOnRateLimit: () => true }).setToken(discord.botToken);
});
afterEach(async () => {
  await ctx.close();
  await discord.close();
});

function scheduler(instanceId = 'test-1', db = ctx.store.db) {
  const budget = new SendBudget(db, 50);
  return new ResetScheduler({
    db,
    clock: ctx.clock.now,
    log: cap.log,
    guildReminders: ctx.services.guildReminders,
    personalReminders: ctx.services.personalReminders,
    tasks: ctx.services.tasks,
    auth: ctx.services,
    sender: restSender(rest, budget),
    budget,
    instanceId,
  });
}

const posts = (channelId: string) => discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);

describe('server announcements', () => {
  it('posts the daily reset once at the boundary, mentioning the role', async () => {
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A, roleId: ROLE }, null);
    const s = scheduler();
    expect((await s.tick()).queued).toEqual([]);
    ctx.clock.set('2026-11-23T15:00:00Z');
    const report = await s.tick();
    expect(report.queued).toEqual([{ target: `guild:${GUILD_A}`, event: 'daily-reset', occursAt: Date.parse('2026-11-23T15:00:00Z') }]);
    ctx.clock.set('2026-11-23T15:01:00Z');
    await s.tick();
    const sent = posts(CHANNEL_A);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ content: expect.stringContaining(`<@&${ROLE}>`), allowed_mentions: { parse: [], roles: [ROLE] } });
    expect((sent[0]!.body as { content: string }).content).toContain('Daily reset');
  });

  it('posts lead minutes early for the chosen events only', async () => {
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A, events: ['gc-reset', 'ocean-fishing'], leadMinutes: 15 }, null);
    const s = scheduler();
    ctx.clock.set('2026-11-23T15:00:00Z');
    expect((await s.tick()).queued).toEqual([]); // no daily-reset: not chosen; ocean fishing at 16:00 is 60 min away
    ctx.clock.set('2026-11-23T15:45:00Z');
    expect((await s.tick()).queued.map((x) => x.event)).toEqual(['ocean-fishing']);
    ctx.clock.set('2026-11-23T19:45:00Z');
    expect((await s.tick()).queued.map((x) => x.event).sort()).toEqual(['gc-reset', 'ocean-fishing']);
    expect((posts(CHANNEL_A).at(-1)!.body as { content: string }).content).toMatch(/<t:\d+:R>/);
  });

  it('catches up a reset missed while down, once, after a restart', async () => {
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A }, null);
    ctx.clock.set('2026-11-23T16:30:00Z'); // down at 15:00
    const booted = scheduler('boot-1');
    const first = await booted.start();
    expect(first.queued.map((x) => x.event)).toEqual(['daily-reset']);
    await booted.stop();
    const second = scheduler('boot-2');
    expect((await second.tick({ startup: true })).queued).toEqual([]);
    expect(posts(CHANNEL_A)).toHaveLength(1);
  });

  it('does not announce, as news, a reset that happened before the server set reminders', async () => {
    ctx.clock.set('2026-11-23T15:30:00Z');
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A }, null);
    expect((await scheduler().tick({ startup: true })).queued).toEqual([]);
    expect(posts(CHANNEL_A)).toHaveLength(0);
  });

  it('skips and logs a reset missed by more than three hours', async () => {
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A }, null);
    ctx.clock.set('2026-11-23T19:00:01Z');
    const s = scheduler();
    const report = await s.tick({ startup: true });
    expect(report.queued).toEqual([]);
    expect(report.skippedLate.map((x) => x.event)).toEqual(['daily-reset']);
    expect(posts(CHANNEL_A)).toHaveLength(0);
    expect(cap.lines.some((l) => String(l.msg).includes('Skipped an announcement'))).toBe(true);
  });

  it('two scheduler instances on one database post once', async () => {
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A, events: ['daily-reset', 'weekly-reset'] }, null);
    ctx.clock.set('2026-11-24T08:00:00Z'); // weekly reset (the daily at 15:00 the day before is 17 h late)
    // The second instance has its own connection (pool), as another process would.
    const other = await openStore(ctx.url, silentLog);
    try {
      const [a, b] = await Promise.all([scheduler('a').tick(), scheduler('b', other.db).tick()]);
      expect([...a.queued, ...b.queued].map((x) => x.event)).toEqual(['weekly-reset']);
      expect(posts(CHANNEL_A)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('disables a server whose channel is refused while the others still get theirs', async () => {
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A }, null);
    await ctx.services.guildReminders.set(GUILD_B, { channelId: CHANNEL_B }, null);
    discord.failNext({ method: 'POST', pathPrefix: `/channels/${CHANNEL_A}/messages` }, { status: 403, body: { code: 50001, message: 'Missing Access' } });
    ctx.clock.set('2026-11-23T15:00:00Z');
    const report = await scheduler().tick();
    expect(report.refused).toEqual([{ target: `guild:${GUILD_A}`, reason: 'channel refused' }]);
    expect(report.queued.map((x) => x.target).sort()).toEqual([`guild:${GUILD_A}`, `guild:${GUILD_B}`]);
    expect(report.delivery.sent).toBe(1);
    expect(discord.messages.filter((m) => m.channel_id === CHANNEL_B)).toHaveLength(1);
    expect(await ctx.services.guildReminders.get(GUILD_A)).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('refused') });
    expect((await ctx.services.guildReminders.listEnabled()).map((g) => g.guildId)).toEqual([GUILD_B]);
    expect(cap.lines.some((l) => l.guildId === GUILD_A && String(l.msg).includes('disabled'))).toBe(true);
  });

  it('retries after a transient failure without sending twice', async () => {
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A }, null);
    discord.failNext({ method: 'POST', pathPrefix: `/channels/${CHANNEL_A}/messages` }, { status: 500, body: { message: 'oops', code: 0 } });
    ctx.clock.set('2026-11-23T15:00:00Z');
    const s = scheduler();
    const first = await s.tick();
    expect(first.queued).toHaveLength(1);
    expect(first.delivery).toMatchObject({ sent: 0, retried: 1 });
    ctx.clock.set('2026-11-23T15:01:00Z');
    const second = await s.tick();
    expect(second.queued).toHaveLength(0);
    expect(second.delivery).toMatchObject({ sent: 1, retried: 0 });
    expect((await s.tick()).delivery.sent).toBe(0);
    expect(discord.messages.filter((m) => m.channel_id === CHANNEL_A)).toHaveLength(1);
  });

  it('does not post twice when the send went out but recording it failed: the nonce makes the resend harmless', async () => {
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A }, null);
    // The store refuses to record the send (a real failure of the UPDATE, not a stub).
    if (ENGINE === 'postgres') {
      await sql`create function refuse_sent() returns trigger as $$ begin if new.sent_at is not null then raise exception 'refused'; end if; return new; end $$ language plpgsql`.execute(ctx.store.db);
      await sql`create trigger refuse_sent before update on outbox for each row execute function refuse_sent()`.execute(ctx.store.db);
    } else {
      await sql`create trigger refuse_sent before update on outbox when new.sent_at is not null begin select raise(abort, 'refused'); end`.execute(ctx.store.db);
    }
    ctx.clock.set('2026-11-23T15:00:00Z');
    const s = scheduler();
    const report = await s.tick();
    expect(report.queued).toHaveLength(1);
    expect(cap.lines.some((l) => String(l.msg).startsWith('Sent, but could not record'))).toBe(true);
    await sql`drop trigger refuse_sent${sql.raw(ENGINE === 'postgres' ? ' on outbox' : '')}`.execute(ctx.store.db);
    // Until the lease runs out nobody takes it; then a restarted process sends it again, with the same nonce.
    ctx.clock.set('2026-11-23T15:00:20Z');
    expect((await scheduler('restarted').tick()).delivery.sent).toBe(0);
    ctx.clock.set('2026-11-23T15:01:00Z');
    expect((await scheduler('restarted').tick()).delivery.sent).toBe(1);
    expect(posts(CHANNEL_A)).toHaveLength(2);
    expect(new Set(posts(CHANNEL_A).map((p) => (p.body as { nonce: string }).nonce)).size).toBe(1);
    expect(discord.messages.filter((m) => m.channel_id === CHANNEL_A)).toHaveLength(1);
  });

  it('waits out a 429 and delivers once', async () => {
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A }, null);
    discord.failNext(
      { method: 'POST', pathPrefix: `/channels/${CHANNEL_A}/messages` },
      {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.3, global: false },
        headers: { 'retry-after': '1', 'x-ratelimit-scope': 'user', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '0.3', 'x-ratelimit-bucket': 'b1', 'x-ratelimit-limit': '5' },
      },
    );
    ctx.clock.set('2026-11-23T15:00:00Z');
    const s = scheduler();
    const report = await s.tick();
    expect(report.queued).toHaveLength(1);
    expect(report.delivery).toMatchObject({ sent: 0, retried: 1 });
    // The message waits its Retry-After; the rate limit does not count as a failed attempt.
    ctx.clock.set('2026-11-23T15:00:02Z');
    expect((await s.tick()).delivery.sent).toBe(1);
    expect(posts(CHANNEL_A)).toHaveLength(2); // the refused attempt and the delivered one
    expect(discord.messages.filter((m) => m.channel_id === CHANNEL_A)).toHaveLength(1);
  });

  it('a global 429 pauses every sender, in every process, for its Retry-After', async () => {
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A }, null);
    discord.failNext(
      { method: 'POST', pathPrefix: `/channels/${CHANNEL_A}/messages` },
      { status: 429, body: { message: 'You are being rate limited.', retry_after: 1, global: true }, headers: { 'retry-after': '1', 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' } },
    );
    ctx.clock.set('2026-11-23T15:00:00Z');
    const before = Date.now();
    expect((await scheduler().tick()).delivery.retried).toBe(1);
    // Another process's budget sees the pause in the store.
    const other = new SendBudget(ctx.store.db, 50);
    const until = await other.pausedUntil();
    expect(until).toBeGreaterThanOrEqual(before + 900);
    await other.take();
    expect(Date.now()).toBeGreaterThanOrEqual(until - 5);
  });
});

describe('personal reminders', () => {
  it('opens a user\'s DM channel once, and again only after a send to it failed', async () => {
    const sender = restSender(rest);
    const user = '1200000000000000001';
    await sender.sendDm(user, { content: 'one' });
    await sender.sendDm(user, { content: 'two' });
    const opens = () => discord.requests.filter((r) => r.method === 'POST' && r.path === '/users/@me/channels').length;
    const dms = () => discord.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));
    expect(opens()).toBe(1);
    expect(dms().map((r) => (r.body as { content: string }).content)).toEqual(['one', 'two']);
    discord.failNext({ method: 'POST', pathPrefix: '/channels/' }, { status: 500, body: { message: 'oops', code: 0 } });
    await expect(sender.sendDm(user, { content: 'three' })).rejects.toMatchObject({ kind: 'transient' });
    await sender.sendDm(user, { content: 'three' });
    expect(opens()).toBe(2);
    expect(dms().at(-1)?.body).toMatchObject({ content: 'three' });
  });

  it('DMs the open daily tasks N hours before the reset, and nothing when all are done', async () => {
    ctx.clock.set('2026-11-23T12:00:00Z');
    const u = await createUser(ctx.services);
    const open = await ctx.services.tasks.create(u.id, { name: 'Expert roulette', cadence: 'daily' });
    await ctx.services.tasks.create(u.id, { name: 'Wondrous Tails', cadence: 'weekly' });
    await ctx.services.personalReminders.set(u.id, { cadence: 'daily', hoursBefore: 2 });
    ctx.clock.set('2026-11-23T13:00:00Z');
    const s = scheduler();
    expect((await s.tick()).queued).toEqual([{ target: `user:${u.id}`, event: 'daily-reset', occursAt: Date.parse('2026-11-23T15:00:00Z') }]);
    const dmChannel = discord.requests.find((r) => r.path === '/users/@me/channels');
    expect(dmChannel?.body).toEqual({ recipient_id: u.discordId });
    const dm = discord.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)).at(-1)!;
    expect((dm.body as { content: string }).content).toContain('Expert roulette');
    expect((dm.body as { content: string }).content).not.toContain('Wondrous Tails');

    // Next day, all done: nothing is sent.
    ctx.clock.set('2026-11-24T12:00:00Z');
    await ctx.services.tasks.complete(u.id, open.id);
    ctx.clock.set('2026-11-24T13:00:00Z');
    const before = discord.requests.length;
    expect((await s.tick()).queued).toEqual([]);
    expect(discord.requests.length).toBe(before);
  });

  it('lists only what the named reset closes, and refuses a daily reminder a day or more ahead', async () => {
    ctx.clock.set('2026-11-23T05:00:00Z');
    const u = await createUser(ctx.services);
    await ctx.services.tasks.create(u.id, { name: 'Custom Deliveries', cadence: 'weekly' });
    await ctx.services.tasks.create(u.id, { name: 'Fashion Report', cadence: 'fashion-report' });
    await ctx.services.tasks.create(u.id, { name: 'Expert roulette', cadence: 'daily' });
    await ctx.services.tasks.create(u.id, { name: 'GC supply', cadence: 'gc-daily' });
    // The weekly reset is Tuesday 24 November 08:00; 27 hours before is now, Monday 05:00.
    await ctx.services.personalReminders.set(u.id, { cadence: 'weekly', hoursBefore: 27 });
    expect((await scheduler().tick()).queued).toEqual([{ target: `user:${u.id}`, event: 'weekly-reset', occursAt: Date.parse('2026-11-24T08:00:00Z') }]);
    const dm = discord.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)).at(-1)!;
    const content = (dm.body as { content: string }).content;
    expect(content).toContain('Custom Deliveries');
    expect(content).toContain('Fashion Report');
    expect(content).not.toContain('Expert roulette');
    expect(content).not.toContain('GC supply');

    const refused = ctx.services.personalReminders.set(u.id, { cadence: 'daily', hoursBefore: 24 });
    await expect(refused).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('hoursBefore') });
    expect(await ctx.services.personalReminders.get(u.id)).toMatchObject({ cadence: 'weekly', hoursBefore: 27 });
    await expect(ctx.services.personalReminders.set(u.id, { cadence: 'daily', hoursBefore: 23 })).resolves.toMatchObject({ hoursBefore: 23 });
  });

  it('switches the reminder off when DMs are closed, and says so once', async () => {
    ctx.clock.set('2026-11-23T07:00:00Z');
    const u = await createUser(ctx.services);
    await ctx.services.tasks.create(u.id, { name: 'Custom Deliveries', cadence: 'weekly' });
    await ctx.services.personalReminders.set(u.id, { cadence: 'weekly', hoursBefore: 24 });
    discord.failNext({ method: 'POST', pathPrefix: '/channels/' }, { status: 403, body: { code: 50007, message: 'Cannot send messages to this user' } });
    ctx.clock.set('2026-11-23T08:00:00Z');
    const report = await scheduler().tick();
    expect(report.refused).toEqual([{ target: `user:${u.id}`, reason: 'dm refused' }]);
    expect(await ctx.services.personalReminders.get(u.id)).toMatchObject({ enabled: false });
    expect(await ctx.services.personalReminders.takeDmFailureNotice(u.id)).toBe(true);
    expect(await ctx.services.personalReminders.takeDmFailureNotice(u.id)).toBe(false);
  });
});

describe('languages', () => {
  it("announces in the server's language and DMs in the language of the user's last interaction", async () => {
    await ctx.services.guildReminders.set(GUILD_A, { channelId: CHANNEL_A, language: 'de' }, null);
    ctx.clock.set('2026-11-23T07:00:00Z');
    const u = await ctx.services.users.upsertFromDiscord({ discordId: '1200000000000000555', username: 'leser', locale: 'fr' });
    await ctx.services.tasks.addPresets(u.id, { keys: ['wondrous-tails'] });
    await ctx.services.personalReminders.set(u.id, { cadence: 'weekly', hoursBefore: 24 });
    // 24 hours before the weekly reset of Tuesday 24 November 08:00.
    ctx.clock.set('2026-11-23T08:00:00Z');
    const s = scheduler();
    await s.tick();
    const dm = discord.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && r.path !== `/channels/${CHANNEL_A}/messages`).at(-1)!;
    const content = (dm.body as { content: string }).content;
    expect(content).toContain('La réinitialisation hebdomadaire est');
    // The preset reads in the reader's language, by its key.
    expect(content).toContain('• Aventures imaginaires de Khloe');
    ctx.clock.set('2026-11-23T15:00:00Z');
    await s.tick();
    const announcement = (posts(CHANNEL_A).at(-1)!.body as { content: string }).content;
    expect(announcement).toContain('**Täglicher Reset** — jetzt.');
  });
});
