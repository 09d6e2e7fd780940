import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/**
 * How long a request may take to reach Discord, so that it lands in the second it was counted in.
 * It shifts sends earlier in each second but costs no throughput: the count per second is the limit.
 */
const ARRIVAL_MARGIN_MS = 150;

/**
 * Discord's budget for the whole bot, shared by every process through the store: at most `rate`
 * requests in each wall-clock second, and none while a global 429's Retry-After runs. Real time,
 * whatever clock the scheduler is given: the limit is Discord's, in Discord's seconds.
 */
export class SendBudget {
  private pausedUntilCache = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly rate: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits until this process may send one request, and counts it. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.now();
      const paused = await this.pausedUntil();
      if (paused > now) {
        await sleep(paused - now);
        continue;
      }
      // Not in a second's last moments: a request counted in this second must not arrive in the next.
      if (now % 1000 > 1000 - ARRIVAL_MARGIN_MS) {
        await sleep(1000 - (now % 1000) + 1);
        continue;
      }
      const second = Math.floor(now / 1000);
      // One statement: the row of this second is created or counted up, but never past the rate.
      const row = await this.db
        .insertInto('send_budget')
        .values({ second, count: 1 })
        .onConflict((oc) => oc.column('second').doUpdateSet({ count: sql`send_budget.count + 1` }).where('send_budget.count', '<', this.rate))
        .returning('count')
        .executeTakeFirst();
      if (row) return;
      await sleep((second + 1) * 1000 - now + 1);
    }
  }

  /** Every sender, in every process, waits until then. */
  async pause(untilMs: number): Promise<void> {
    this.pausedUntilCache = Math.max(this.pausedUntilCache, untilMs);
    await this.db
      .insertInto('send_pause')
      .values({ id: 1, paused_until: untilMs })
      .onConflict((oc) => oc.column('id').doUpdateSet({ paused_until: sql`case when send_pause.paused_until > ${untilMs} then send_pause.paused_until else ${untilMs} end` }))
      .execute();
  }

  async pausedUntil(): Promise<number> {
    const row = await this.db.selectFrom('send_pause').select('paused_until').where('id', '=', 1).executeTakeFirst();
    return Math.max(this.pausedUntilCache, row?.paused_until ?? 0);
  }

  /** Drops the counters of seconds long gone. */
  async prune(): Promise<void> {
    await this.db.deleteFrom('send_budget').where('second', '<', Math.floor(this.now() / 1000) - 60).execute();
  }
}
