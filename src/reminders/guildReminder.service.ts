import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { notFound } from '../errors.js';
import type { ResetEvent } from '../resets/cadences.js';
import type { Database, GuildReminderRow } from '../store/schema.js';
import { parseInput } from '../validation.js';
import { DEFAULT_GUILD_EVENTS, guildReminderSchema, type GuildReminderInput } from './reminder.schema.js';
import type { GuildReminder } from './reminder.types.js';
import { isLocale } from '../i18n/locales.js';

/** Per-server reset announcements: where, for which events, how early, mentioning whom. */
export class GuildReminderService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async set(guildId: string, input: GuildReminderInput, updatedBy: string | null): Promise<GuildReminder> {
    const r = parseInput(guildReminderSchema, input);
    const now = this.clock();
    const events = r.events && r.events.length > 0 ? [...new Set(r.events)] : [...DEFAULT_GUILD_EVENTS];
    const values = {
      channel_id: r.channelId,
      role_id: r.roleId ?? null,
      events: events.join(','),
      lead_minutes: r.leadMinutes,
      language: r.language,
      enabled: 1,
      disabled_reason: null,
      updated_by: updatedBy,
      updated_at: now,
    };
    const row = await this.db
      .insertInto('guild_reminders')
      .values({ guild_id: guildId, created_at: now, ...values })
      .onConflict((oc) => oc.column('guild_id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    // The server's live group boards speak its announcement language: they are redrawn in the new one.
    await this.db
      .updateTable('group_boards')
      .set({ dirty: 1 })
      .where('group_id', 'in', (eb) => eb.selectFrom('groups').select('id').where('guild_id', '=', guildId))
      .execute();
    return toGuildReminder(row);
  }

  async get(guildId: string): Promise<GuildReminder | undefined> {
    const row = await this.db.selectFrom('guild_reminders').selectAll().where('guild_id', '=', guildId).executeTakeFirst();
    return row && toGuildReminder(row);
  }

  async off(guildId: string): Promise<void> {
    const r = await this.db.deleteFrom('guild_reminders').where('guild_id', '=', guildId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('Reminder setting for this server');
  }

  /** Called when Discord says the channel is gone or closed to us; the server re-enables with /reminders set. */
  async disable(guildId: string, reason: string): Promise<void> {
    await this.db
      .updateTable('guild_reminders')
      .set({ enabled: 0, disabled_reason: reason, updated_at: this.clock() })
      .where('guild_id', '=', guildId)
      .execute();
  }

  async listEnabled(): Promise<GuildReminder[]> {
    return (await this.db.selectFrom('guild_reminders').selectAll().where('enabled', '=', 1).orderBy('guild_id').execute()).map(toGuildReminder);
  }
}

function toGuildReminder(row: GuildReminderRow): GuildReminder {
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    roleId: row.role_id,
    events: row.events.split(',').filter(Boolean) as ResetEvent[],
    leadMinutes: row.lead_minutes,
    language: isLocale(row.language) ? row.language : 'en',
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    since: row.updated_at,
  };
}
