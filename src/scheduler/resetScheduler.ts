import type { Kysely } from 'kysely';
import cron, { type ScheduledTask } from 'node-cron';
import type { AuthServices } from './types.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { claimAnnouncement, markSent, pruneClaims, releaseClaim } from '../reminders/claims.repository.js';
import type { GuildReminderService } from '../reminders/guildReminder.service.js';
import type { PersonalReminderService } from '../reminders/personalReminder.service.js';
import type { ResetEvent } from '../resets/cadences.js';
import { previousOccurrence } from '../resets/resetEngine.js';
import type { Database } from '../store/schema.js';
import type { TaskService } from '../tasks/task.service.js';
import type { CharacterVerificationService } from '../characters/characterVerification.service.js';
import { guildAnnouncement, lostVerificationMessage, personalReminderMessage } from './messages.js';
import { DeliveryError, type MessageSender } from './sender.js';

/** An announcement more than this late (process down, say) is skipped and logged, not spammed. */
export const MAX_LATENESS_MS = 3 * 3_600_000;
/** Claims older than this are pruned; they only guard against double sends near their time. */
const CLAIM_RETENTION_MS = 14 * 24 * 3_600_000;

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
  /** Names this process in claims, for the logs. */
  instanceId: string;
}

/** What one tick did, for logs and tests. */
export interface TickReport {
  sent: { target: string; event: ResetEvent; occursAt: number }[];
  skippedLate: { target: string; event: ResetEvent; occursAt: number }[];
  refused: { target: string; reason: string }[];
  failed: number;
  /** Lost-verification DMs sent (one per character). */
  lossNotices: number;
}

const PERSONAL_EVENT = { daily: 'daily-reset', weekly: 'weekly-reset' } as const;

/**
 * Sends reset announcements and personal reminders. A cron job ticks every minute; each tick
 * sends whatever has come due, so a boundary, a lead time and a restart after downtime are the
 * same case. Every send is claimed in the store first, so two processes never both send.
 */
export class ResetScheduler {
  private job: ScheduledTask | undefined;
  private running: Promise<TickReport> | undefined;
  /** Keys this process already claimed or saw claimed: saves a write per minute per target. */
  private readonly settled = new Set<string>();
  private lastPrune = 0;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Catches up on what was missed while down, then ticks every minute (UTC). */
  async start(): Promise<TickReport> {
    const report = await this.tick({ startup: true });
    this.job = cron.schedule('* * * * *', () => void this.tick().catch((err: unknown) => this.deps.log.error({ err }, 'Scheduler tick failed')), {
      timezone: 'Etc/UTC',
      name: 'reset-scheduler',
    });
    return report;
  }

  async stop(): Promise<void> {
    await this.job?.destroy();
    this.job = undefined;
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
    const report: TickReport = { sent: [], skippedLate: [], refused: [], failed: 0, lossNotices: 0 };
    for (const g of await this.deps.guildReminders.listEnabled()) {
      for (const event of g.events) {
        const ok = await this.deliver(report, now, startup, { target: `guild:${g.guildId}`, event, leadMs: g.leadMinutes * 60_000, since: g.since }, (occursAt) =>
          this.deps.sender.postToChannel(g.channelId, guildAnnouncement(event, occursAt, g.leadMinutes, g.roleId)),
        );
        if (ok === 'refused') {
          await this.deps.guildReminders.disable(g.guildId, 'Discord refused the channel (deleted, or the bot lost access)');
          this.deps.log.warn({ guildId: g.guildId, channelId: g.channelId }, 'Reminder channel refused: disabled this server\'s reminders');
          report.refused.push({ target: `guild:${g.guildId}`, reason: 'channel refused' });
          break;
        }
      }
    }
    for (const p of await this.deps.personalReminders.listEnabled()) {
      const event = PERSONAL_EVENT[p.cadence];
      const ok = await this.deliver(report, now, startup, { target: `user:${p.userId}`, event, leadMs: p.hoursBefore * 3_600_000, since: p.since }, async (occursAt) => {
        // What this reset closes: the open tasks whose period ends at it.
        const open = (await this.deps.tasks.list(p.userId, { status: 'open' })).filter((t) => t.periodEnd === occursAt);
        if (open.length === 0) return false;
        await this.deps.sender.sendDm(p.discordId, personalReminderMessage(p.cadence, occursAt, open));
        return true;
      });
      if (ok === 'refused') {
        await this.deps.personalReminders.markDmFailed(p.userId);
        this.deps.log.info({ userId: p.userId }, 'DM refused: personal reminder switched off');
        report.refused.push({ target: `user:${p.userId}`, reason: 'dm refused' });
      }
    }
    await this.sendLossNotices(report);
    if (now - this.lastPrune > 3_600_000) await this.prune(now);
    if (report.sent.length || report.skippedLate.length || report.refused.length || report.failed) {
      this.deps.log.info({ sent: report.sent.length, skippedLate: report.skippedLate.length, refused: report.refused.length, failed: report.failed }, 'Scheduler tick');
    }
    return report;
  }

  /**
   * Sends the latest due occurrence of `event` for `target` once. `send` returns false when
   * there was nothing worth sending (the claim still stands: the occurrence is settled).
   */
  private async deliver(
    report: TickReport,
    now: number,
    startup: boolean,
    t: { target: string; event: ResetEvent; leadMs: number; since: number },
    send: (occursAt: number) => Promise<unknown>,
  ): Promise<'sent' | 'refused' | 'none'> {
    const occursAt = previousOccurrence(t.event, now + t.leadMs);
    const key = `${t.target}|${t.event}|${occursAt}`;
    // A server that sets reminders at 15:30 is not told about 15:00 as if it were news.
    if (this.settled.has(key) || occursAt - t.leadMs < t.since) return 'none';
    const claim = { target: t.target, event: t.event, occursAt };
    if (now - (occursAt - t.leadMs) > MAX_LATENESS_MS) {
      this.settled.add(key);
      if (startup && (await claimAnnouncement(this.deps.db, { ...claim, now, by: `${this.deps.instanceId}:skipped` }))) {
        this.deps.log.info({ ...claim, occursAt: new Date(occursAt).toISOString() }, 'Skipped an announcement missed by more than 3 hours');
        report.skippedLate.push(claim);
      }
      return 'none';
    }
    if (!(await claimAnnouncement(this.deps.db, { ...claim, now, by: this.deps.instanceId }))) {
      this.settled.add(key);
      return 'none';
    }
    this.settled.add(key);
    let result: unknown;
    try {
      result = await send(occursAt);
    } catch (err) {
      if (err instanceof DeliveryError && err.kind === 'refused') return 'refused';
      // A transient failure gives the claim back so the next tick (here or elsewhere) retries.
      this.settled.delete(key);
      await releaseClaim(this.deps.db, claim);
      report.failed += 1;
      this.deps.log.warn({ err, target: t.target, event: t.event }, 'Announcement failed; will retry');
      return 'none';
    }
    // Out there now: if recording the time fails, the claim still stands, so nobody sends it again.
    await markSent(this.deps.db, { ...claim, now: this.deps.clock() }).catch((err: unknown) =>
      this.deps.log.error({ err, target: t.target, event: t.event }, 'Sent, but could not record the send time; the claim still stands'),
    );
    if (result !== false) report.sent.push(claim);
    return 'sent';
  }

  /**
   * One DM per lost verification, whichever process verified the new owner: the notice waits in
   * the store, and claiming it before sending keeps it single. A closed DM is not retried.
   */
  private async sendLossNotices(report: TickReport): Promise<void> {
    const v = this.deps.verification;
    if (!v) return;
    for (const n of await v.pendingLossNotices()) {
      if (!(await v.claimLossNotice(n.characterId, n.lostAt))) continue;
      try {
        await this.deps.sender.sendDm(n.discordId, lostVerificationMessage(n.characterName, n.world));
        report.lossNotices += 1;
      } catch (err) {
        this.deps.log.info({ userId: n.userId, err: { message: (err as Error).message } }, 'Could not tell a player their character verification moved');
      }
    }
  }

  private async prune(now: number): Promise<void> {
    this.lastPrune = now;
    const claims = await pruneClaims(this.deps.db, now - CLAIM_RETENTION_MS);
    const sessions = await this.deps.auth.sessions.prune();
    const states = await this.deps.auth.oauth.prune();
    for (const key of this.settled) {
      if (Number(key.split('|')[2]) < now - CLAIM_RETENTION_MS) this.settled.delete(key);
    }
    if (claims || sessions || states) this.deps.log.info({ claims, sessions, states }, 'Pruned expired rows');
  }
}
