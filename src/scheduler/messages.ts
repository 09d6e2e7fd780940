import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { ResetEvent } from '../resets/cadences.js';
import type { TaskView } from '../tasks/task.types.js';
import type { Locale } from '../i18n/locales.js';
import { eventText, translator } from '../i18n/translator.js';
import { presetName } from '../i18n/presetText.js';

/** A Discord timestamp: each reader sees it in their own time zone. */
export const discordTime = (ms: number, style: 'R' | 't' | 'f' | 'F' = 'R') => `<t:${Math.floor(ms / 1000)}:${style}>`;

/** A reset event's name, in that language. */
export function eventTitle(event: ResetEvent, locale: Locale = 'en'): string {
  return eventText(event, locale).title;
}

/** A server announcement, in the server's language; the role is pinged only through `allowed_mentions`. */
export function guildAnnouncement(event: ResetEvent, occursAt: number, leadMinutes: number, roleId: string | null, locale: Locale = 'en'): RESTPostAPIChannelMessageJSONBody {
  const { title, body } = eventText(event, locale);
  const t = translator(locale);
  const when = leadMinutes > 0 ? `${discordTime(occursAt)} (${discordTime(occursAt, 't')})` : t('announcement.now');
  const text = t('announcement.line', { title, when, body });
  return {
    content: roleId ? `<@&${roleId}> ${text}` : text,
    allowed_mentions: { parse: [], roles: roleId ? [roleId] : [] },
  };
}

/** The personal DM listing what is still open before a reset, in the user's language (their own task names as they wrote them). */
export function personalReminderMessage(cadence: 'daily' | 'weekly', resetAt: number, open: TaskView[], locale: Locale = 'en'): RESTPostAPIChannelMessageJSONBody {
  const t = translator(locale);
  const lines = open.slice(0, 40).map((task) => `• ${task.presetKey ? presetName(task.presetKey, locale, task.name) : task.name}`);
  if (open.length > 40) lines.push(t('reminder.more', { count: open.length - 40 }));
  return {
    content: `${t(cadence === 'daily' ? 'reminder.daily' : 'reminder.weekly', { when: discordTime(resetAt) })}\n${lines.join('\n')}`,
    allowed_mentions: { parse: [] },
  };
}

/** Told to a player when another player proved one of their linked characters theirs. */
export function lostVerificationMessage(characterName: string, world: string, locale: Locale = 'en'): RESTPostAPIChannelMessageJSONBody {
  return {
    content: translator(locale)('notices.lostVerification', { name: characterName, world }),
    allowed_mentions: { parse: [] },
  };
}
