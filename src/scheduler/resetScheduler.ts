import type { Kysely } from 'kysely';
import cron, { type ScheduledTask } from 'node-cron';
import type { AuthServices } from './types.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { claimAnnouncement, pruneClaims } from '../reminders/claims.repository.js';
import type { GuildReminderService } from '../reminders/guildReminder.service.js';
import type { PersonalReminderService } from '../reminders/personalReminder.service.js';
import type { ResetEvent } from '../resets/cadences.js';
import { previousOccurrence } from '../resets/resetEngine.js';
import type { Database } from '../store/schema.js';
import type { TaskService } from '../tasks/task.service.js';
import type { CharacterVerificationService } from '../characters/characterVerification.service.js';
import { guildAnnouncement, lostVerificationMessage, personalReminderMessage } from './messages.js';
import type { MessageSender } from './sender.js';
import { enqueueOnce, pruneOutbox, type OutboxMessage } from '../outbox/outbox.repository.js';
import { OutboxDrainer, type DrainReport } from '../outbox/outboxDrainer.js';
import type { SendBudget } from '../outbox/sendBudget.js';
import type { Metrics } from '../metrics.js';

/** An announcement more than this late (process down, say) is skipped and logged, not spammed. */
export const MAX_LATENESS_MS = 3 * 3_600_000;
/** Claims older than this are pruned; they only guard against double sends near their time. */
const CLAIM_RETENTION_MS = 14 * 24 * 3_600_000;
/** How long a tick drains what it queued before leaving the rest to the outbox's own loop. */
const TICK_DRAIN_MS = 20_000;

export interface SchedulerDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  guildReminders: GuildReminderService;
  personalReminders: PersonalReminderService;
  tasks: TaskService;
  /** Tells players whose character's verification moved to someone else. */
  verification?: Pick<CharacterVerificationService, 'pendingLossNotices' | 'claimLossNotice'>;
  auth: AuthServices;
  sender: MessageSender;
  /** The send budget every process shares; `sender` should take a token from it before each request. */
  budget: SendBudget;
  /** Names this process in claims, for the logs. */
  instanceId: string;
  metrics?: Metrics | undefined;
}

/** What one tick did, for logs and tests. */
export interface TickReport {
  /** Announcements and reminders this tick claimed and put in the outbox. */
  queued: { target: string; event: ResetEvent; occursAt: number }[];
  skippedLate: { target: string; event: ResetEvent; occursAt: number }[];
  /** Targets Discord refused for good while this tick drained the outbox, switched off since. */
  refused: { target: string; reason: string }[];
  /** What this tick's drain of the outbox did (any process's rows). */
  delivery: DrainReport;
  /** Lost-verification DMs queued (one per character). */
  lossNotices: number;
}

const PERSONAL_EVENT = { daily: 'daily-reset', weekly: 'weekly-reset' } as const;

/**
 * Queues reset announcements and personal reminders. A cron job ticks every minute; each tick
 * queues whatever has come due, so a boundary, a lead time and a restart after downtime are the
 * same case. Every message is claimed in the store first (so two processes never both queue it)
 * and put in the outbox in the same transaction; the outbox drains within the send budget all
 * processes share, here and in the other processes.
 */
export class ResetScheduler {
  private job: ScheduledTask | undefined;
  private running: Promise<TickReport> | undefined;
  /** Keys this process already claimed or saw claimed: saves a write per minute per target. */
  private readonly settled = new Set<string>();
  private lastPrune = 0;
  private readonly drainer: OutboxDrainer;
  private refusedInTick: { target: string; reason: string }[] = [];

  constructor(private readonly deps: SchedulerDeps) {
    this.drainer = new OutboxDrainer({
      db: deps.db,
      clock: deps.clock,
      log: deps.log.child({ component: 'outbox' }),
      sender: deps.sender,
      instanceId: deps.instanceId,
      metrics: deps.metrics,
      onRefused: (origin, reason) => this.switchOff(origin, reason),
    });
  }

  /** Catches up on what was missed while down, then ticks every minute (UTC); the outbox drains on its own loop too. */
  async start(): Promise<TickReport> {
    const report = await this.tick({ startup: true });
    this.drainer.start();
    this.job = cron.schedule('* * * * *', () => void this.tick().catch((err: unknown) => this.deps.log.error({ err }, 'Scheduler tick failed')), {
      timezone: 'Etc/UTC',
      name: 'reset-scheduler',
    });
    return report;
  }

  async stop(): Promise<void> {
    await this.job?.destroy();
    this.job = undefined;
    await this.drainer.stop();
    await this.running?.catch(() => undefined);
  }

  /** One pass; overlapping calls share the pass in flight. */
  tick(opts: { startup?: boolean } = {}): Promise<TickReport> {
    this.running ??= this.runTick(opts.startup ?? false).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runTick(startup: boolean): Promise<TickReport> {
    const now = this.deps.clock();
    this.refusedInTick = [];
    const report: TickReport = { queued: [], skippedLate: [], refused: [], delivery: { sent: 0, refused: [], retried: 0, failed: 0 }, lossNotices: 0 };
    for (const g of await this.deps.guildReminders.listEnabled()) {
      for (const event of g.events) {
        await this.queue(report, now, startup, { target: `guild:${g.guildId}`, event, leadMs: g.leadMinutes * 60_000, since: g.since }, async (occursAt) => ({
          kind: 'channel',
          target: g.channelId,
          body: guildAnnouncement(event, occursAt, g.leadMinutes, g.roleId, g.language),
          origin: `guild:${g.guildId}`,
        }));
      }
    }
    for (const p of await this.deps.personalReminders.listEnabled()) {
      const event = PERSONAL_EVENT[p.cadence];
      await this.queue(report, now, startup, { target: `user:${p.userId}`, event, leadMs: p.hoursBefore * 3_600_000, since: p.since }, async (occursAt) => {
        // What this reset closes: the open tasks whose period ends at it.
        const open = (await this.deps.tasks.list(p.userId, { status: 'open' })).filter((t) => t.periodEnd === occursAt);
        if (open.length === 0) return null;
        return { kind: 'dm', target: p.discordId, body: personalReminderMessage(p.cadence, occursAt, open, p.locale), origin: `user:${p.userId}` };
      });
    }
    await this.queueLossNotices(report);
    report.delivery = await this.drainer.drainAll(TICK_DRAIN_MS);
    report.refused = this.refusedInTick;
    if (now - this.lastPrune > 3_600_000) await this.prune(now);
    if (report.queued.length || report.skippedLate.length || report.refused.length || report.delivery.sent || report.delivery.failed) {
      this.deps.log.info(
        { queued: report.queued.length, sent: report.delivery.sent, skippedLate: report.skippedLate.length, refused: report.refused.length, failed: report.delivery.failed },
        'Scheduler tick',
      );
    }
    return report;
  }

  /**
   * Queues the latest due occurrence of `event` for `target` once. `compose` returns null when
   * there is nothing worth sending (the claim still stands: the occurrence is settled).
   */
  private async queue(
    report: TickReport,
    now: number,
    startup: boolean,
    t: { target: string; event: ResetEvent; leadMs: number; since: number },
    compose: (occursAt: number) => Promise<OutboxMessage | null>,
  ): Promise<void> {
    const occursAt = previousOccurrence(t.event, now + t.leadMs);
    const key = `${t.target}|${t.event}|${occursAt}`;
    // A server that sets reminders at 15:30 is not told about 15:00 as if it were news.
    if (this.settled.has(key) || occursAt - t.leadMs < t.since) return;
    const claim = { target: t.target, event: t.event, occursAt };
    if (now - (occursAt - t.leadMs) > MAX_LATENESS_MS) {
      this.settled.add(key);
      if (startup && (await claimAnnouncement(this.deps.db, { ...claim, now, by: `${this.deps.instanceId}:skipped` }))) {
        this.deps.log.info({ ...claim, occursAt: new Date(occursAt).toISOString() }, 'Skipped an announcement missed by more than 3 hours');
        report.skippedLate.push(claim);
        this.deps.metrics?.messages.inc({ outcome: 'skipped' });
      }
      return;
    }
    const message = await compose(occursAt);
    // Queueing is the claim (one statement, unique on the key): queued means exactly once, whoever won.
    let queued = false;
    if (message) queued = (await enqueueOnce(this.deps.db, message, key, now)) !== undefined;
    // Nothing to say (every task done): the occurrence is settled all the same.
    else await claimAnnouncement(this.deps.db, { ...claim, now, by: this.deps.instanceId });
    this.settled.add(key);
    if (queued) {
      report.queued.push(claim);
      this.deps.metrics?.messages.inc({ outcome: 'queued' });
    }
  }

  /**
   * One DM per lost verification, whichever process verified the new owner: the notice waits in
   * the store until its DM is queued.
   */
  private async queueLossNotices(report: TickReport): Promise<void> {
    const v = this.deps.verification;
    if (!v) return;
    for (const n of await v.pendingLossNotices()) {
      // Queued first, marked told second: a crash in between queues nothing twice (the key) and marks it next time.
      const message = { kind: 'dm' as const, target: n.discordId, body: lostVerificationMessage(n.characterName, n.world, n.locale), origin: 'none' };
      const queued = await enqueueOnce(this.deps.db, message, `loss:${n.characterId}|${n.lostAt}`, this.deps.clock());
      await v.claimLossNotice(n.characterId, n.lostAt);
      if (queued) report.lossNotices += 1;
    }
  }

  /** A target Discord refused for good: its server's announcements or its user's reminder stop. */
  private async switchOff(origin: string, reason: string): Promise<void> {
    const [kind, id] = origin.split(':') as [string, string];
    if (kind === 'guild') {
      await this.deps.guildReminders.disable(id, 'Discord refused the channel (deleted, or the bot lost access)');
      this.deps.log.warn({ guildId: id, reason }, "Reminder channel refused: disabled this server's reminders");
      this.refusedInTick.push({ target: origin, reason: 'channel refused' });
    } else if (kind === 'user') {
      await this.deps.personalReminders.markDmFailed(id);
      this.deps.log.info({ userId: id }, 'DM refused: personal reminder switched off');
      this.refusedInTick.push({ target: origin, reason: 'dm refused' });
    }
  }

  private async prune(now: number): Promise<void> {
    this.lastPrune = now;
    const claims = await pruneClaims(this.deps.db, now - CLAIM_RETENTION_MS);
    const outbox = await pruneOutbox(this.deps.db, now - CLAIM_RETENTION_MS);
    await this.deps.budget.prune();
    const sessions = await this.deps.auth.sessions.prune();
    const states = await this.deps.auth.oauth.prune();
    for (const key of this.settled) {
      if (Number(key.split('|')[2]) < now - CLAIM_RETENTION_MS) this.settled.delete(key);
    }
    if (claims || outbox || sessions || states) this.deps.log.info({ claims, outbox, sessions, states }, 'Pruned expired rows');
  }
}
