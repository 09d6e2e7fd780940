import { pino } from 'pino';
import type { Logger } from '../../src/log.js';
import { parseConfig, type Config } from '../../src/config.js';
import { buildServices, type Services } from '../../src/services.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { createTestDatabase } from './testDatabase.js';
import { openStore, type Store } from '../../src/store/openStore.js';

/** A clock tests can set and move; services read it through `clock.now`. */
export interface TestClock {
  now: () => number;
  set(iso: string | number): void;
  advance(ms: number): void;
}

export function testClock(start: string | number = '2026-11-23T10:00:00Z'): TestClock {
  let t = typeof start === 'number' ? start : Date.parse(start);
  return {
    now: () => t,
    set: (v) => {
      t = typeof v === 'number' ? v : Date.parse(v);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export const silentLog = pino({ level: 'silent' });
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestContext {
  config: Config;
  /** The store's DATABASE_URL, to open a second connection as another process would. */
  url: string;
  store: Store;
  services: Services;
  clock: TestClock;
  dir: string;
  close(): Promise<void>;
}

/**
 * A real store with the real migrations applied: a SQLite file in a temp directory, or a fresh
 * PostgreSQL database when TEST_POSTGRES_URL is set.
 */
export async function createTestContext(
  start?: string | number,
  env: Record<string, string> = {},
  log: Logger = silentLog,
): Promise<TestContext> {
  const database = await createTestDatabase();
  const dir = database.dir;
  const store = await openStore(database.url, silentLog);
  await migrateToLatest(store.db, silentLog);
  const clock = testClock(start);
  // No test reaches the real Lodestone: one that wants it starts the fake and names it.
  const config = parseConfig({ JWT_SECRET: TEST_SECRET, LODESTONE_URL: 'off', ...env });
  const services = buildServices({ db: store.db, clock: clock.now, secret: TEST_SECRET, config, log });
  return {
    config,
    url: database.url,
    store,
    services,
    clock,
    dir,
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

let discordSeq = 100_000_000_000_000_000n;
/** A fresh user with a snowflake above 2^53, as real Discord ids are. */
export async function createUser(services: Services, name = 'player') {
  discordSeq += 1n;
  return services.users.upsertFromDiscord({ discordId: String(discordSeq), username: `${name}${discordSeq % 10000n}` });
}
