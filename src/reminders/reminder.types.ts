import type { ResetEvent } from '../resets/cadences.js';
import type { Locale } from '../i18n/locales.js';

/** A server's announcement settings. */
export interface GuildReminder {
  guildId: string;
  channelId: string;
  roleId: string | null;
  events: ResetEvent[];
  leadMinutes: number;
  /** The language the announcements are written in. */
  language: Locale;
  enabled: boolean;
  disabledReason: string | null;
  /** When these settings were saved: nothing due before then is announced. */
  since: number;
}

/** A user's reminder DM settings. */
export interface PersonalReminder {
  userId: string;
  cadence: 'daily' | 'weekly';
  hoursBefore: number;
  enabled: boolean;
  /** When these settings were saved: nothing due before then is sent. */
  since: number;
}
