import type { Kysely } from 'kysely';
import { isLocale, type Locale } from '../i18n/locales.js';
import type { Clock } from '../clock.js';
import type { Database, PersonalReminderRow } from '../store/schema.js';
import { parseInput } from '../validation.js';
import { personalReminderSchema, type PersonalReminderInput } from './reminder.schema.js';
import type { PersonalReminder } from './reminder.types.js';

/** "DM me N hours before the reset with what I still have open." */
export class PersonalReminderService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async set(userId: string, input: PersonalReminderInput): Promise<PersonalReminder> {
    const r = parseInput(personalReminderSchema, input);
    const now = this.clock();
    const values = { cadence: r.cadence, hours_before: r.hoursBefore, enabled: 1, dm_failed_at: null, updated_at: now };
    const row = await this.db
      .insertInto('personal_reminders')
      .values({ user_id: userId, created_at: now, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPersonal(row);
  }

  async get(userId: string): Promise<PersonalReminder | undefined> {
    const row = await this.db.selectFrom('personal_reminders').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row && toPersonal(row);
  }

  /** Returns whether there was one to switch off. */
  async off(userId: string): Promise<boolean> {
    const r = await this.db.deleteFrom('personal_reminders').where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Discord refused the DM (closed DMs): stop trying, and remember to tell the user. */
  async markDmFailed(userId: string): Promise<void> {
    const now = this.clock();
    await this.db.updateTable('personal_reminders').set({ enabled: 0, dm_failed_at: now, updated_at: now }).where('user_id', '=', userId).execute();
  }

  /** True once after a DM failure, so the next command can say why reminders stopped. */
  async takeDmFailureNotice(userId: string): Promise<boolean> {
    // Asked on every command: a primary-key read first, so the common case writes nothing.
    const row = await this.db.selectFrom('personal_reminders').select('dm_failed_at').where('user_id', '=', userId).executeTakeFirst();
    if (row?.dm_failed_at == null) return false;
    const r = await this.db
      .updateTable('personal_reminders')
      .set({ dm_failed_at: null })
      .where('user_id', '=', userId)
      .where('dm_failed_at', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Enabled reminders with the user's Discord id, for the scheduler. */
  /** With each user's Discord id and the language of their last interaction, which the DM follows. */
  async listEnabled(): Promise<(PersonalReminder & { discordId: string; locale: Locale })[]> {
    const rows = await this.db
      .selectFrom('personal_reminders')
      .innerJoin('users', 'users.id', 'personal_reminders.user_id')
      .selectAll('personal_reminders')
      .select(['users.discord_id', 'users.locale'])
      .where('personal_reminders.enabled', '=', 1)
      .orderBy('personal_reminders.user_id')
      .execute();
    return rows.map((r) => ({ ...toPersonal(r), locale: isLocale(r.locale) ? r.locale : 'en', discordId: r.discord_id }));
  }
}

function toPersonal(row: PersonalReminderRow): PersonalReminder {
  return { userId: row.user_id, cadence: row.cadence as 'daily' | 'weekly', hoursBefore: row.hours_before, enabled: row.enabled === 1, since: row.updated_at };
}
