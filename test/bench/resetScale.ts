import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { parseConfig } from '../../src/config.js';
import { SendBudget } from '../../src/outbox/sendBudget.js';
import { ResetScheduler } from '../../src/scheduler/resetScheduler.js';
import type { MessageSender } from '../../src/scheduler/sender.js';
import { buildServices } from '../../src/services.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/openStore.js';
import { QueryCounter, totalChanges, type StatementCounts } from './queryCounter.js';
import { serveParent } from './rpc.js';
import { seedScale } from './seedScale.js';
import { mb, round, summarize, type Summary } from './stats.js';

/** One measured scheduler tick. */
export interface TickFigures {
  ms: number;
  rowsWritten: number;
  statements: StatementCounts;
  messages: number;
}

/** Section 2: the reset at scale, on a store of 100,000 users and 2,000,000 tasks. */
export interface ResetScaleResult {
  seed: { users: number; characters: number; tasks: number; completions: number; seconds: number; dbMB: number };
  /** The 15:00 tick with no announcements configured: what the rollover itself costs. */
  rollover: TickFigures;
  /** `TaskService.list` for random users, in ms. */
  statusQuery: Summary;
  guildAnnouncements: TickFigures & { guilds: number; usPerMessage: number };
  personalReminders: TickFigures & { users: number; usPerMessage: number };
  peakRssMB: number;
}

const silent = pino({ level: 'silent' });
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const at = (iso: string) => Date.parse(iso);

async function run(): Promise<ResetScaleResult> {
  const users = Number(process.env.BENCH_SCALE_USERS ?? 100_000);
  const guilds = Number(process.env.BENCH_SCALE_GUILDS ?? 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'tracker-bench-scale-'));
  const file = join(dir, 'scale.db');
  try {
    const fresh = await openStore(`file:${file}`, silent);
    await migrateToLatest(fresh.db, silent);
    await fresh.close();

    // Wednesday 2026-11-25: the 15:00 daily reset, no weekly one the same day.
    let now = at('2026-11-25T12:00:00Z');
    const seed = seedScale(file, { users, tasksPerUser: 20, doneShare: 0.4, now });
    const dbMB = mb(statSync(file).size);
    process.stderr.write(`  seeded ${seed.users} users, ${seed.tasks} tasks, ${seed.completions} completions in ${seed.seconds.toFixed(1)} s (${dbMB} MB)\n`);

    const store = await openStore(`file:${file}`, silent);
    const counter = new QueryCounter();
    const db = store.db.withPlugin(counter);
    const clock = () => now;
    const services = buildServices({ db, clock, secret: SECRET, config: parseConfig({ JWT_SECRET: SECRET }), log: silent });

    // (b) one user's status, as /tasks, the bot and the web app ask for it.
    const pick = () => seed.userIds[Math.floor(Math.random() * seed.userIds.length)]!;
    for (let i = 0; i < 300; i++) await services.tasks.list(pick());
    const samples: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      const id = pick();
      const t0 = performance.now();
      const list = await services.tasks.list(id);
      samples.push(performance.now() - t0);
      if (list.length !== 20) throw new Error(`user ${id} has ${list.length} tasks, expected 20`);
    }

    let messages = 0;
    const sender: MessageSender = {
      postToChannel: async () => void (messages += 1),
      sendDm: async () => void (messages += 1),
      postMessage: async () => String((messages += 1)),
      editMessage: async () => void (messages += 1),
    };
    const scheduler = () =>
      new ResetScheduler({
        db,
        clock,
        log: silent,
        guildReminders: services.guildReminders,
        personalReminders: services.personalReminders,
        tasks: services.tasks,
        auth: services,
        // The sender only counts and takes no token: this measures our side, not Discord's limit.
        sender,
        budget: new SendBudget(db, 50),
        instanceId: 'bench',
      });
    /** One tick at `iso`, after a tick a minute earlier has done the hourly pruning and settled the past. */
    const measureTick = async (s: ResetScheduler, iso: string): Promise<TickFigures> => {
      now = at(iso) - 60_000;
      await s.tick();
      now = at(iso);
      messages = 0;
      counter.take();
      const before = await totalChanges(store.db);
      const t0 = performance.now();
      await s.tick();
      const ms = performance.now() - t0;
      return { ms: round(ms, 1), rowsWritten: (await totalChanges(store.db)) - before, statements: counter.take(), messages };
    };

    // (a) the daily rollover itself: nothing is stored per task, so nothing should be written.
    const rollover = await measureTick(scheduler(), '2026-11-25T15:00:00Z');

    // (c) 10,000 servers announcing the daily reset (the sender only counts: no Discord rate limit).
    const long = now - 30 * 86_400_000;
    for (let from = 0; from < guilds; from += 500) {
      const rows = Array.from({ length: Math.min(500, guilds - from) }, (_, i) => {
        const n = BigInt(from + i);
        return {
          guild_id: String(900_000_000_000_000_000n + n),
          channel_id: String(910_000_000_000_000_000n + n),
          role_id: n % 2n === 0n ? String(920_000_000_000_000_000n + n) : null,
          events: 'daily-reset,weekly-reset',
          lead_minutes: 0,
          enabled: 1,
          disabled_reason: null,
          updated_by: null,
          created_at: long,
          updated_at: long,
        };
      });
      await store.db.insertInto('guild_reminders').values(rows).execute();
    }
    const guildTick = await measureTick(scheduler(), '2026-11-26T15:00:00Z');
    await store.db.deleteFrom('guild_reminders').execute();

    // Extra: 10,000 "DM me 2 h before the daily reset" users, each needing their open tasks listed.
    const reminded = new Set<string>();
    while (reminded.size < Math.min(guilds, seed.userIds.length)) reminded.add(pick());
    const ids = [...reminded];
    for (let from = 0; from < ids.length; from += 500) {
      await store.db
        .insertInto('personal_reminders')
        .values(ids.slice(from, from + 500).map((user_id) => ({ user_id, cadence: 'daily', hours_before: 2, enabled: 1, dm_failed_at: null, created_at: long, updated_at: long })))
        .execute();
    }
    const personalTick = await measureTick(scheduler(), '2026-11-27T13:00:00Z');

    await store.close();
    return {
      seed: { users: seed.users, characters: seed.characters, tasks: seed.tasks, completions: seed.completions, seconds: round(seed.seconds, 1), dbMB },
      rollover,
      statusQuery: summarize(samples),
      guildAnnouncements: { ...guildTick, guilds, usPerMessage: round((guildTick.ms * 1000) / Math.max(1, guildTick.messages), 1) },
      personalReminders: { ...personalTick, users: ids.length, usPerMessage: round((personalTick.ms * 1000) / Math.max(1, personalTick.messages), 1) },
      peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

serveParent(null, { run });
