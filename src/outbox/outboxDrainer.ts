import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { DeliveryError, type MessageSender } from '../scheduler/sender.js';
import type { Database, OutboxRow } from '../store/schema.js';
import { claimBatch, markFailed, markSent, retryAt } from './outbox.repository.js';

/** A process holds claimed rows this long; a resend after it dies is harmless (the nonce), and cheap. */
export const OUTBOX_LEASE_MS = 30_000;
const MAX_ATTEMPTS = 8;
const IDLE_MS = 500;

export interface DrainerDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  sender: MessageSender;
  instanceId: string;
  /** Called once when Discord refuses a row's target for good (`guild:<id>`, `user:<id>`). */
  onRefused(origin: string, reason: string): Promise<void>;
  /** How many rows one claim takes (default 20). */
  batch?: number;
  metrics?: Metrics | undefined;
}

export interface DrainReport {
  sent: number;
  refused: { origin: string; target: string }[];
  retried: number;
  failed: number;
}

/**
 * Sends what the outbox holds. Rows are claimed before sending and recorded after; every request
 * first takes a token from the budget all processes share; a message create carries the row id
 * as an enforced nonce, so if this process dies between Discord's answer and the record, the
 * process that takes the row over gets the same message back instead of posting it twice.
 */
export class OutboxDrainer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DrainReport> | undefined;
  private stopping = false;

  constructor(private readonly deps: DrainerDeps) {}

  start(): void {
    this.stopping = false;
    const loop = async () => {
      if (this.stopping) return;
      try {
        const r = await this.drain();
        this.timer = setTimeout(() => void loop(), r.sent + r.retried + r.failed + r.refused.length > 0 ? 0 : IDLE_MS);
      } catch (err) {
        this.deps.log.error({ err }, 'Outbox drain failed');
        this.timer = setTimeout(() => void loop(), IDLE_MS * 4);
      }
      this.timer?.unref();
    };
    this.timer = setTimeout(() => void loop(), 0);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One claim's worth of rows; overlapping calls share the pass in flight. */
  drain(): Promise<DrainReport> {
    this.running ??= this.drainBatch().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Drains until nothing is due (for the scheduler's tick and for tests). */
  async drainAll(maxMs = 60_000): Promise<DrainReport> {
    const total: DrainReport = { sent: 0, refused: [], retried: 0, failed: 0 };
    const until = performance.now() + maxMs;
    while (performance.now() < until) {
      const r = await this.drain();
      total.sent += r.sent;
      total.refused.push(...r.refused);
      total.retried += r.retried;
      total.failed += r.failed;
      if (r.sent + r.retried + r.failed + r.refused.length === 0) break;
      // Rows pushed back by a retry are not due yet: another pass would only find them again.
      if (r.sent === 0 && r.refused.length === 0) break;
    }
    return total;
  }

  private async drainBatch(): Promise<DrainReport> {
    const { db, clock, instanceId } = this.deps;
    const report: DrainReport = { sent: 0, refused: [], retried: 0, failed: 0 };
    const rows = await claimBatch(db, { by: instanceId, now: clock(), leaseMs: OUTBOX_LEASE_MS, limit: this.deps.batch ?? 20 });
    for (const row of rows) {
      if (this.stopping) break;
      await this.send(row, report);
    }
    return report;
  }

  private async send(row: OutboxRow, report: DrainReport): Promise<void> {
    const { db, clock, instanceId, sender } = this.deps;
    const body = { ...(JSON.parse(row.body) as object), nonce: row.id, enforce_nonce: true };
    try {
      if (row.kind === 'dm') await sender.sendDm(row.target, body);
      else await sender.postToChannel(row.target, body);
    } catch (err) {
      const e = err instanceof DeliveryError ? err : new DeliveryError('transient', undefined, (err as Error).message);
      if (e.kind === 'refused') {
        await markFailed(db, row.id, instanceId, clock(), e.message);
        this.deps.metrics?.messages.inc({ outcome: 'refused' });
        report.refused.push({ origin: row.origin, target: row.target });
        if (row.origin !== 'none') await this.deps.onRefused(row.origin, e.message);
        return;
      }
      if (e.kind === 'rate-limited') {
        this.deps.log.warn({ retryAfterMs: e.retryAfterMs, global: e.global }, 'Discord rate limit: the message waits');
        this.deps.metrics?.discordRateLimits.inc({ global: String(e.global) });
        this.deps.metrics?.messages.inc({ outcome: 'retried' });
        await retryAt(db, row.id, instanceId, clock() + e.retryAfterMs, e.message, false);
        report.retried += 1;
        return;
      }
      if (row.attempts >= MAX_ATTEMPTS) {
        await markFailed(db, row.id, instanceId, clock(), e.message);
        this.deps.log.error({ id: row.id, origin: row.origin, attempts: row.attempts }, 'Outbox message given up after repeated failures');
        this.deps.metrics?.messages.inc({ outcome: 'failed' });
        report.failed += 1;
        return;
      }
      await retryAt(db, row.id, instanceId, clock() + Math.min(300_000, 1000 * 2 ** row.attempts), e.message, true);
      this.deps.log.warn({ err: { message: e.message }, id: row.id, attempts: row.attempts }, 'Outbox message failed; will retry');
      this.deps.metrics?.messages.inc({ outcome: 'retried' });
      report.retried += 1;
      return;
    }
    // Out there now: if recording fails, the lease runs out and the nonce makes the resend harmless.
    await markSent(db, row.id, instanceId, clock()).catch((err: unknown) => this.deps.log.error({ err, id: row.id }, 'Sent, but could not record it'));
    this.deps.metrics?.messages.inc({ outcome: 'sent' });
    report.sent += 1;
  }
}
