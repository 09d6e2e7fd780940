import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { REGIONS } from '../../src/resets/cadences.js';
import { completionPeriod } from '../../src/resets/resetEngine.js';
import { PRESETS } from '../../src/tasks/presets.js';
import { ruleFor } from '../../src/tasks/task.status.js';

/** How the big store is shaped: every user looks like someone who clicked "add presets". */
export interface ScaleShape {
  users: number;
  tasksPerUser: number;
  /** Share of tasks done in the current period (a completion row plus the copy on the task). */
  doneShare: number;
  /** The instant the completions are relative to. */
  now: number;
}

export interface SeedReport {
  users: number;
  characters: number;
  tasks: number;
  completions: number;
  seconds: number;
  /** Every user id, for picking random users to query. */
  userIds: string[];
}

const DAY = 86_400_000;

/**
 * Bulk-inserts straight through better-sqlite3 (prepared statements, big transactions) into a
 * store the real migrations already created: 2M tasks through the services would take an hour.
 * A deterministic generator keeps runs comparable.
 */
export function seedScale(file: string, shape: ScaleShape): SeedReport {
  const started = performance.now();
  const db = new SQLite(file);
  // Only for the load: nothing here has to survive a crash, and the indexes want a big cache.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  const insUser = db.prepare('insert into users (id, discord_id, username, global_name, avatar, created_at, updated_at) values (?, ?, ?, null, null, ?, ?)');
  const insChar = db.prepare(
    'insert into characters (id, user_id, lodestone_id, name, world, datacenter, region, avatar_url, portrait_url, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, null, null, ?, ?)',
  );
  const insTask = db.prepare(
    `insert into tasks (id, user_id, character_id, name, cadence, interval_hours, region, notes, position, preset_key, last_period_start, last_completed_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?)`,
  );
  const insDone = db.prepare('insert into completions (task_id, user_id, period_start, completed_at) values (?, ?, ?, ?)');

  let rand = 0x2545f491;
  const next = () => {
    rand ^= rand << 13;
    rand ^= rand >>> 17;
    rand ^= rand << 5;
    return (rand >>> 0) / 4_294_967_296;
  };
  const presets = PRESETS.slice(0, Math.min(shape.tasksPerUser, PRESETS.length));
  const userIds: string[] = [];
  let characters = 0;
  let completions = 0;

  const seedUsers = db.transaction((from: number, to: number) => {
    for (let u = from; u < to; u++) {
      const userId = randomUUID();
      userIds.push(userId);
      const created = shape.now - Math.floor(next() * 365 * DAY);
      insUser.run(userId, String(1_200_000_000_000_000_000n + BigInt(u)), `wol${u}`, created, created);
      const chars: { id: string; region: string }[] = [];
      const nChars = next() < 0.3 ? 2 : 1;
      for (let c = 0; c < nChars; c++) {
        const region = REGIONS[Math.floor(next() * REGIONS.length)]!;
        const id = randomUUID();
        insChar.run(id, userId, String(10_000_000 + u * 2 + c), `Warrior ${u}-${c}`, 'Odin', 'Light', region, created, created);
        chars.push({ id, region });
      }
      characters += nChars;
      // Six users in ten track per character, the rest account-wide (like the presets screen allows).
      const perCharacter = next() < 0.6;
      for (let i = 0; i < shape.tasksPerUser; i++) {
        const p = presets[i % presets.length]!;
        const character = perCharacter ? chars[i % chars.length]! : undefined;
        const region = !character && p.cadence === 'jumbo-cactpot' ? 'eu' : null;
        const taskId = randomUUID();
        let lastStart: number | null = null;
        let lastAt: number | null = null;
        if (next() < shape.doneShare) {
          lastAt = shape.now - Math.floor(next() * 3_600_000);
          const rule = ruleFor({ cadence: p.cadence, interval_hours: p.intervalHours ?? null, region, character_region: character?.region ?? null });
          lastStart = completionPeriod(rule, lastAt, null).start;
        }
        insTask.run(taskId, userId, character?.id ?? null, p.name, p.cadence, p.intervalHours ?? null, region, i, p.key, lastStart, lastAt, created, created);
        if (lastAt !== null) {
          insDone.run(taskId, userId, lastStart, lastAt);
          completions += 1;
        }
      }
    }
  });

  const BATCH = 5_000;
  for (let from = 0; from < shape.users; from += BATCH) seedUsers(from, Math.min(shape.users, from + BATCH));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    users: shape.users,
    characters,
    tasks: shape.users * shape.tasksPerUser,
    completions,
    seconds: (performance.now() - started) / 1000,
    userIds,
  };
}
