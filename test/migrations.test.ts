import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { NO_MIGRATIONS } from 'kysely';
import { buildMigrator, migrateToLatest } from '../src/store/migrate.js';
import { openStore, type Store } from '../src/store/openStore.js';
import { createTestDatabase, type TestDatabase } from './helpers/testDatabase.js';
import { silentLog } from './helpers/testStore.js';

let store: Store | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await store?.close();
  await database?.drop();
});

async function freshStore(): Promise<Store> {
  database = await createTestDatabase();
  return openStore(database.url, silentLog);
}

describe('migrations', () => {
  it('build the whole schema on a fresh database and are a no-op the second time', async () => {
    store = await freshStore();
    const first = await migrateToLatest(store.db, silentLog);
    expect(first.results?.every((r) => r.status === 'Success')).toBe(true);
    const tables = (await store.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual([
      'announcement_claims', 'api_keys', 'character_verifications', 'characters', 'completions', 'group_boards', 'group_members', 'groups',
      'guild_group_settings', 'guild_reminders', 'oauth_states', 'outbox',
      'personal_reminders', 'refresh_tokens', 'send_budget', 'send_pause', 'sessions', 'tasks', 'users',
    ]);
    const second = await migrateToLatest(store.db, silentLog);
    expect(second.results).toEqual([]);
  });

  it('name every file in order and can be rolled back to nothing', async () => {
    store = await freshStore();
    await migrateToLatest(store.db, silentLog);
    const migrator = buildMigrator(store.db);
    const list = await migrator.getMigrations();
    const files = readdirSync(new URL('../migrations/', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
    expect(list.map((m) => m.name)).toEqual(files.sort());
    expect(list.every((m) => /^\d{3}_[a-z0-9_]+$/.test(m.name) && m.executedAt)).toBe(true);
    await migrator.migrateTo(NO_MIGRATIONS);
    const left = (await store.db.introspection.getTables()).map((t) => t.name);
    expect(left).toEqual([]);
  });

  it('enforce foreign keys: a task cannot point at a missing user', async () => {
    store = await freshStore();
    await migrateToLatest(store.db, silentLog);
    await expect(
      store.db
        .insertInto('tasks')
        .values({
          id: 't', user_id: 'nobody', character_id: null, name: 'x', cadence: 'daily', interval_hours: null, region: null, notes: null,
          position: 0, preset_key: null, last_period_start: null, last_completed_at: null, created_at: 0, updated_at: 0,
        })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });
});
