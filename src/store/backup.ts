import Database from 'better-sqlite3';

/** Copies a live SQLite database to `target` and checks the copy. */
export async function backupSqlite(source: string, target: string): Promise<{ pages: number; integrity: string }> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(target);
    const copy = new Database(target, { readonly: true });
    try {
      const integrity = copy.pragma('integrity_check', { simple: true }) as string;
      return { pages: totalPages, integrity };
    } finally {
      copy.close();
    }
  } finally {
    db.close();
  }
}
