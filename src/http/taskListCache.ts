import { BoundedMap } from '../boundedMap.js';

/**
 * Serialized GET /tasks answers per user and filter, kept as bytes. An entry is used only while
 * the user's `tasks_version` (read with the session, on every request) is unchanged and no period
 * in the list has ended; any write on any process bumps the version, so a stale answer is never
 * served. The least recently used entries go first.
 */
export class TaskListCache {
  private readonly entries: BoundedMap<string, { version: number; validUntil: number; body: Buffer }>;

  constructor(maxEntries = 10_000) {
    this.entries = new BoundedMap(maxEntries);
  }

  get(key: string, version: number, now: number): Buffer | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.version !== version || now >= e.validUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return e.body;
  }

  set(key: string, version: number, validUntil: number, body: Buffer): void {
    this.entries.set(key, { version, validUntil, body });
  }
}
