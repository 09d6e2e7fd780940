import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { isDomainError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Database } from '../store/schema.js';
import type { CharacterService } from './character.service.js';

/** A profile older than this is read again in the background. */
export const STALE_AFTER_MS = 7 * 24 * 3_600_000;
/** A character whose refresh failed (hidden, gone, Lodestone down) is not tried again sooner. */
const RETRY_AFTER_MS = 6 * 3_600_000;

/**
 * Keeps linked profiles fresh without a player asking: a few stale characters a minute, the
 * oldest (and the never-read, linked by hand) first. Each is claimed in the store before it is
 * read, so several processes share the work instead of repeating it.
 */
export class ProfileRefresher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly characters: CharacterService,
    private readonly log: Logger,
    private readonly perMinute: number,
  ) {}

  start(): void {
    if (this.perMinute <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .catch((err: unknown) => this.log.warn({ err }, 'Background profile refresh failed'))
        .finally(() => (this.running = undefined));
    }, Math.round(60_000 / this.perMinute)).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Refreshes the stalest character, if any is due; says which Lodestone id it read. */
  async runOnce(): Promise<{ lodestoneId: string; outcome: 'refreshed' | string } | undefined> {
    const now = this.clock();
    const candidate = await this.db
      .selectFrom('characters')
      .where((eb) => eb.or([eb('fetched_at', 'is', null), eb('fetched_at', '<', now - STALE_AFTER_MS)]))
      .where((eb) => eb.or([eb('refresh_attempted_at', 'is', null), eb('refresh_attempted_at', '<', now - RETRY_AFTER_MS)]))
      .select('lodestone_id')
      .orderBy(sql`coalesce(fetched_at, 0)`)
      .limit(1)
      .executeTakeFirst();
    if (!candidate) return undefined;
    const claimed = await this.db
      .updateTable('characters')
      .set({ refresh_attempted_at: now })
      .where('lodestone_id', '=', candidate.lodestone_id)
      .where((eb) => eb.or([eb('refresh_attempted_at', 'is', null), eb('refresh_attempted_at', '<', now - RETRY_AFTER_MS)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return undefined;

    const lodestoneId = candidate.lodestone_id;
    try {
      const profile = await this.characters.readProfile(lodestoneId, { fresh: true });
      await this.db.transaction().execute((tx) => this.characters.applyProfile(tx, profile));
      this.log.debug({ lodestoneId }, 'Profile refreshed in the background');
      return { lodestoneId, outcome: 'refreshed' };
    } catch (err) {
      if (!isDomainError(err)) throw err;
      this.log.info({ lodestoneId, code: err.code }, 'Background profile refresh skipped');
      return { lodestoneId, outcome: err.code };
    }
  }
}
