import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readConfig } from '../config.js';
import { buildLogger } from '../log.js';
import { backupSqlite } from '../store/backup.js';
import { sqliteFileOf } from '../store/openStore.js';

/**
 * `npm run backup -- <file>`: a consistent copy of the SQLite database, taken online while the
 * service keeps running (SQLite's backup API copies a snapshot page by page).
 */
const config = readConfig();
const log = buildLogger(config.logLevel);
const target = process.argv[2];
const source = sqliteFileOf(config.databaseUrl);
if (!target) {
  log.error('usage: npm run backup -- <file>');
  process.exitCode = 2;
} else if (!source) {
  log.error('backup copies a SQLite file; for PostgreSQL use pg_dump');
  process.exitCode = 2;
} else if (existsSync(resolve(target))) {
  log.error({ target }, 'refusing to overwrite an existing file');
  process.exitCode = 2;
} else {
  const r = await backupSqlite(source, resolve(target));
  log.info({ target: resolve(target), pages: r.pages, integrity: r.integrity }, 'Backup written');
  if (r.integrity !== 'ok') process.exitCode = 1;
}
