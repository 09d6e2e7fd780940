import { readConfig } from '../config.js';
import { buildLogger } from '../log.js';
import { migrateToLatest } from '../store/migrate.js';
import { openStore } from '../store/openStore.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL and exits. */
const config = readConfig();
const log = buildLogger(config.logLevel);
const store = await openStore(config.databaseUrl, log);
try {
  const r = await migrateToLatest(store.db, log);
  log.info({ applied: r.results?.length ?? 0 }, 'Migrations up to date');
} finally {
  await store.close();
}
