import type { APIEmbed } from 'discord-api-types/v10';
import type { Board, BoardCellState } from '../../groups/group.types.js';
import type { Locale } from '../../i18n/locales.js';
import { translator } from '../../i18n/translator.js';
import type { GuildReminderService } from '../../reminders/guildReminder.service.js';
import { discordTime } from '../../scheduler/messages.js';
import { presetLabel } from '../localizations.js';
import { VERIFIED_MARK } from './characterView.js';

const CELL: Record<BoardCellState, string> = { done: '✅', open: '⬜', 'not-tracked': '➖' };
const DESCRIPTION_LIMIT = 4096;

/**
 * The language of a board posted in a channel, which every member reads: the server's
 * announcement language when it chose one (`/reminders set`), else English. `/group show`
 * answers one reader and uses theirs instead.
 */
export async function boardLanguage(guildReminders: Pick<GuildReminderService, 'get'>, guildId: string): Promise<Locale> {
  return (await guildReminders.get(guildId))?.language ?? 'en';
}

/**
 * A group's board as one embed, the same for `/group show` and the live message the scheduler
 * keeps up to date: a row per member character, a column per tracked preset (named in the
 * game's wording of that language: the group stores only the presets' keys).
 */
export function boardEmbed(board: Board, locale: Locale = 'en'): APIEmbed {
  const t = translator(locale);
  const legend = board.presets
    .map((p, i) => {
      const done = board.rows.filter((r) => r.cells[i]?.state === 'done').length;
      const tracking = board.rows.filter((r) => r.cells[i]?.state !== 'not-tracked').length;
      return `\`${String(i + 1).padStart(2)}\` ${presetLabel(p.key, locale)} — ${done}/${tracking}`;
    })
    .join('\n');
  const lines: string[] = [];
  const tail = board.nextReset ? `\n${t('bot.group.board.nextReset', { relative: discordTime(board.nextReset), time: discordTime(board.nextReset, 'f') })}` : '';
  let used = legend.length + tail.length + 40;
  for (const [i, r] of board.rows.entries()) {
    const line = `${r.cells.map((c) => CELL[c.state]).join('')} **${r.characterName}** (${r.world})${r.verified ? ` ${VERIFIED_MARK}` : ''}`;
    if (used + line.length + 1 > DESCRIPTION_LIMIT - 30) {
      lines.push(t('bot.group.board.more', { count: board.rows.length - i }));
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  const body = board.rows.length === 0 ? t('bot.group.board.nobody') : lines.join('\n');
  return {
    title: `${board.group.name}`,
    color: 0x00b894,
    description: `${legend}\n\n${body}${tail}`.slice(0, DESCRIPTION_LIMIT),
    footer: { text: t('bot.group.board.footer', { count: board.rows.length }) },
    ...(board.nextReset && { timestamp: new Date(board.nextReset).toISOString() }),
  };
}

/** Who still has one tracked preset open, in the reader's language. */
export function whoIsOpen(board: Board, presetKey: string, locale: Locale = 'en'): string {
  const t = translator(locale);
  const i = board.presets.findIndex((p) => p.key === presetKey);
  const preset = board.presets[i];
  if (!preset) return t('bot.group.who.notTracked', { group: board.group.name });
  const name = presetLabel(preset.key, locale);
  const open = board.rows.filter((r) => r.cells[i]?.state === 'open');
  const untracked = board.rows.filter((r) => r.cells[i]?.state === 'not-tracked');
  const names = (rows: typeof open) => rows.map((r) => `**${r.characterName}** (${r.world})`).join(t('bot.listSeparator'));
  const parts = [open.length === 0 ? t('bot.group.who.everyoneDone', { group: board.group.name, preset: name }) : t('bot.group.who.stillOpen', { preset: name, names: names(open) })];
  if (untracked.length > 0) parts.push(t('bot.group.who.notTracking', { names: names(untracked) }));
  return parts.join('\n').slice(0, 2000);
}
