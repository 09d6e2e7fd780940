import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { MAX_TASKS_PER_USER } from '../../src/tasks/task.schema.js';

/** Users with open daily tasks, so every completion request of the write test really writes. */
export interface WriterPool {
  discordIds: string[];
  /** Task ids per writer, in the order of `discordIds`. */
  taskIds: string[][];
}

/**
 * Inserts `tasks` open daily tasks spread over as many users as the per-user limit requires,
 * before the service starts (so no write competes with it). They log in later through the real
 * OAuth flow, which finds them by Discord id.
 */
export function seedWriters(file: string, tasks: number, now: number): WriterPool {
  const db = new SQLite(file);
  const users = Math.ceil(tasks / MAX_TASKS_PER_USER);
  const insUser = db.prepare('insert into users (id, discord_id, username, global_name, avatar, created_at, updated_at) values (?, ?, ?, null, null, ?, ?)');
  const insTask = db.prepare(
    `insert into tasks (id, user_id, character_id, name, cadence, interval_hours, region, notes, position, preset_key, last_period_start, last_completed_at, created_at, updated_at)
     values (?, ?, null, ?, 'daily', null, null, null, ?, null, null, null, ?, ?)`,
  );
  const pool: WriterPool = { discordIds: [], taskIds: [] };
  db.transaction(() => {
    for (let u = 0; u < users; u++) {
      const userId = randomUUID();
      const discordId = String(1_300_000_000_000_000_000n + BigInt(u));
      insUser.run(userId, discordId, `writer${u}`, now, now);
      const ids: string[] = [];
      for (let i = 0; i < Math.min(MAX_TASKS_PER_USER, tasks - u * MAX_TASKS_PER_USER); i++) {
        const id = randomUUID();
        insTask.run(id, userId, `Chore ${i}`, i, now, now);
        ids.push(id);
      }
      pool.discordIds.push(discordId);
      pool.taskIds.push(ids);
    }
  })();
  db.close();
  return pool;
}
