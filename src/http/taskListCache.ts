/**
 * Serialized GET /tasks answers per user and filter, kept as bytes so a hit skips the UTF-8 encode too. An entry is used only while the user's
 * `tasks_version` (read with the session, on every request) is unchanged and no period in the
 * list has ended; any write on any process bumps the version, so a stale answer is never served.
 */
export class TaskListCache {
  private readonly entries = new Map<string, { version: number; validUntil: number; body: Buffer }>();

  constructor(private readonly maxEntries = 10_000) {}

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
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      // Insertion order: the oldest entry goes first.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { version, validUntil, body });
  }
}
