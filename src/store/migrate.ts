import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Logger } from '../log.js';

/** `migrations/` beside `src/`, both in the sources and in `dist/`. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Reads `NNN_name.(ts|js)` files. Our own provider rather than Kysely's FileMigrationProvider,
 * because the import must happen in our code for the test runner to load TypeScript sources.
 */
export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string = MIGRATIONS_DIR) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => /^\d{3}_[a-z0-9_]+\.(js|ts)$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(join(this.dir, file)).href)) as Partial<Migration>;
      if (typeof mod.up !== 'function') throw new Error(`Migration ${file} has no up()`);
      migrations[file.replace(/\.(js|ts)$/, '')] = { up: mod.up, ...(mod.down && { down: mod.down }) };
    }
    return migrations;
  }
}

export function buildMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new FolderMigrationProvider() });
}

/** Applies every pending migration; throws (after logging which one) if any fails. */
export async function migrateToLatest(db: Kysely<any>, log: Logger): Promise<MigrationResultSet> {
  const result = await buildMigrator(db).migrateToLatest();
  for (const r of result.results ?? []) {
    if (r.status === 'Success') log.info({ migration: r.migrationName }, 'Migration applied');
    else if (r.status === 'Error') log.error({ migration: r.migrationName }, 'Migration failed');
  }
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
