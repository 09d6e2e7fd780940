import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Database as SqliteHandle, Statement } from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  type KyselyConfig,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import { BoundedMap } from '../boundedMap.js';
import type { Logger } from '../log.js';
import type { Database } from './schema.js';

/** An open store: the Kysely handle plus what owning it entails. */
export interface Store {
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** The SQLite file a `DATABASE_URL` names (absolute), or undefined for PostgreSQL and `:memory:`. */
export function sqliteFileOf(url: string): string | undefined {
  return isPostgresUrl(url) || url === ':memory:' ? undefined : resolve(url.replace(/^file:/, ''));
}

/**
 * Opens the store named by a `DATABASE_URL`: `file:<path>` or `:memory:` for SQLite,
 * `postgres://…` for PostgreSQL. The same Kysely code runs on both.
 */
export async function openStore(url: string, log: Logger, opts: StoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(url)) return openPostgres(url, log, opts);
  return openSqlite(url, log, opts);
}

export interface StoreOptions {
  /** Told each query's duration in milliseconds (metrics). */
  onQuery?: (ms: number) => void;
}

/** Kysely's log hook, when someone wants the durations. */
const queryLog = (opts: StoreOptions): KyselyConfig['log'] =>
  opts.onQuery ? (e) => opts.onQuery!(e.queryDurationMillis) : undefined;

async function openSqlite(url: string, log: Logger, opts: StoreOptions): Promise<Store> {
  const { default: SQLite } = await import('better-sqlite3');
  const file = sqliteFileOf(url);
  if (file) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file ?? ':memory:');
  // WAL lets readers run beside the writer; NORMAL sync in WAL mode survives a process crash.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: reusingStatements(sqlite) }), log: queryLog(opts) });
  log.info({ store: { dialect: 'sqlite', file: file ?? ':memory:' } }, 'Store opened');
  return { db, close: () => db.destroy() };
}

async function openPostgres(url: string, log: Logger, opts: StoreOptions): Promise<Store> {
  const pg = await import('pg');
  // int8 columns hold epoch milliseconds, which fit a JS number exactly.
  pg.default.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.default.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: queryLog(opts) });
  const host = new URL(url).host;
  log.info({ store: { dialect: 'postgres', host } }, 'Store opened');
  return { db, close: () => db.destroy() };
}

/** Compiled statements kept per SQL text; our queries have a few dozen shapes, so this rarely evicts. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver calls `prepare` for every query, and better-sqlite3 compiles the SQL each
 * time (~25 µs, as much as running a primary-key read). Parameters are bound per call, so a
 * compiled statement can be reused for the same text; the driver runs one query at a time per
 * connection, so a statement is never used twice at once. SQLite re-prepares by itself after a
 * schema change.
 */
function reusingStatements(sqlite: SqliteHandle): SqliteDatabase {
  const cache = new BoundedMap<string, Statement>(STATEMENT_CACHE_SIZE);
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/**
 * Transactions start with BEGIN IMMEDIATE: a deferred one that reads and then writes can meet
 * another process doing the same, and SQLite then fails one at once ("database is locked")
 * instead of letting the busy timeout wait.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly cfg: SqliteDialectConfig) {
    super(cfg);
  }

  override createDriver(): Driver {
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      }
    })(this.cfg);
  }
}
