import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { boardEmbed, boardLanguage } from '../bot/views/boardView.js';
import type { GuildReminderService } from '../reminders/guildReminder.service.js';
import type { Clock } from '../clock.js';
import { boardFingerprint } from '../groups/board.js';
import type { GroupService } from '../groups/group.service.js';
import type { Logger } from '../log.js';
import type { Database } from '../store/schema.js';
import { DeliveryError, type MessageSender } from './sender.js';

/** At most one edit per board this often, whatever the burst of ticks. */
export const BOARD_EDIT_INTERVAL_MS = 5_000;
/** A process holds a board this long at most; longer than a Discord request may take, so edits never cross. */
const LEASE_MS = 60_000;
const TICK_MS = 2_000;

export interface BoardPublisherDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  groups: Pick<GroupService, 'boardOf'>;
  /** A posted board speaks its server's announcement language (English when none is set). */
  guildReminders?: Pick<GuildReminderService, 'get'>;
  sender: MessageSender;
  instanceId: string;
}

/** What one pass did, for logs and tests. */
export interface BoardPass {
  posted: number;
  edited: number;
  unchanged: number;
  disabled: number;
  failed: number;
}

/**
 * Keeps live board messages up to date. Any task write of a member marks the group's board dirty
 * in the store (TasksVersion); each pass claims due boards one at a time (so two processes never
 * write different versions of one board), renders the board as the store has it now, and posts or
 * edits the message unless it would show the same. A reset rolls a board over by itself.
 */
export class BoardPublisher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<BoardPass> | undefined;

  constructor(private readonly deps: BoardPublisherDeps) {}

  start(): void {
    this.timer ??= setInterval(() => void this.pass().catch((err: unknown) => this.deps.log.error({ err }, 'Board pass failed')), TICK_MS).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass; overlapping calls share the pass in flight. */
  pass(): Promise<BoardPass> {
    this.running ??= this.runPass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runPass(): Promise<BoardPass> {
    const { db, clock } = this.deps;
    const now = clock();
    const report: BoardPass = { posted: 0, edited: 0, unchanged: 0, disabled: 0, failed: 0 };
    const due = await db
      .selectFrom('group_boards')
      .select('group_id')
      .where('disabled_at', 'is', null)
      .where((eb) => eb.or([eb('dirty', '=', 1), eb('message_id', 'is', null), eb('next_reset_at', '<=', now)]))
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .where((eb) => eb.or([eb('last_edited_at', 'is', null), eb('last_edited_at', '<=', now - BOARD_EDIT_INTERVAL_MS)]))
      .limit(100)
      .execute();
    for (const { group_id } of due) await this.publish(group_id, report);
    if (report.posted || report.edited || report.disabled || report.failed) this.deps.log.info({ ...report }, 'Board pass');
    return report;
  }

  private async publish(groupId: string, report: BoardPass): Promise<void> {
    const { db, clock, instanceId } = this.deps;
    const now = clock();
    // Claimed and marked clean at once: a write after this point marks it dirty again for the next pass.
    const claim = await db
      .updateTable('group_boards')
      .set({ claimed_by: instanceId, claimed_until: now + LEASE_MS, dirty: 0 })
      .where('group_id', '=', groupId)
      .where('disabled_at', 'is', null)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .returning(['channel_id', 'message_id', 'rendered_hash', 'created_at'])
      .executeTakeFirst();
    if (!claim) return;
    const release = (set: Partial<{ message_id: string; rendered_hash: string; last_edited_at: number; next_reset_at: number | null; dirty: number; disabled_at: number; disabled_reason: string }>) =>
      db
        .updateTable('group_boards')
        .set({ ...set, claimed_by: null, claimed_until: null })
        .where('group_id', '=', groupId)
        .where('claimed_by', '=', instanceId)
        .execute();

    let board;
    try {
      board = await this.deps.groups.boardOf(groupId);
    } catch (err) {
      await release({ dirty: 1 }).catch(() => undefined);
      throw err;
    }
    const locale = this.deps.guildReminders ? await boardLanguage(this.deps.guildReminders, board.group.guildId) : 'en';
    // The language is part of what the message shows: a server that switches gets its board redrawn.
    const hash = `${boardFingerprint(board)}:${locale}`;
    if (claim.message_id && hash === claim.rendered_hash) {
      await release({ next_reset_at: board.nextReset });
      report.unchanged += 1;
      return;
    }
    const body = { embeds: [boardEmbed(board, locale)], allowed_mentions: { parse: [] } };
    try {
      if (claim.message_id) {
        await this.deps.sender.editMessage(claim.channel_id, claim.message_id, body);
        await release({ rendered_hash: hash, last_edited_at: clock(), next_reset_at: board.nextReset });
        report.edited += 1;
      } else {
        // The first post carries an enforced nonce of this board (its group and when it was asked for): if this
        // process dies before recording the message id, the next claimer gets the same message back, not a second board.
        const nonce = createHash('sha256').update(`${groupId}|${claim.created_at}`).digest('base64url').slice(0, 20);
        const messageId = await this.deps.sender.postMessage(claim.channel_id, { ...body, nonce, enforce_nonce: true });
        await release({ message_id: messageId, rendered_hash: hash, last_edited_at: clock(), next_reset_at: board.nextReset });
        report.posted += 1;
      }
    } catch (err) {
      if (err instanceof DeliveryError && err.kind === 'refused') {
        const reason = claim.message_id ? 'its message or channel was deleted, or the bot lost access' : 'the bot cannot post in that channel';
        await release({ disabled_at: clock(), disabled_reason: reason });
        this.deps.log.warn({ groupId, channelId: claim.channel_id, status: err.status }, 'Board refused by Discord: it stops updating');
        report.disabled += 1;
        return;
      }
      await release({ dirty: 1 });
      this.deps.log.warn({ err, groupId }, 'Board edit failed; will retry');
      report.failed += 1;
    }
  }
}
