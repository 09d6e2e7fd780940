import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';

/** The channel of the n-th seeded server: all start with 93, to tell them from any other channel. */
export const seededChannel = (n: number): string => String(930_000_000_000_000_000n + BigInt(n));

/**
 * `count` servers that set reminders long ago for Ocean Fishing, which departs every two hours:
 * its latest departure is always less than three hours old, so every process's start-up tick
 * wants to announce it, whatever the time of day the test or the bench runs.
 */
export async function seedOceanFishingServers(db: Kysely<Database>, count: number): Promise<void> {
  const long = Date.now() - 30 * 86_400_000;
  for (let from = 0; from < count; from += 500) {
    await db
      .insertInto('guild_reminders')
      .values(
        Array.from({ length: Math.min(500, count - from) }, (_, k) => ({
          guild_id: String(920_000_000_000_000_000n + BigInt(from + k)),
          channel_id: seededChannel(from + k),
          role_id: null,
          events: 'ocean-fishing',
          lead_minutes: 0,
          language: 'en',
          enabled: 1,
          disabled_reason: null,
          updated_by: null,
          created_at: long,
          updated_at: long,
        })),
      )
      .execute();
  }
}
