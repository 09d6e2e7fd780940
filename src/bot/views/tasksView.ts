import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, type InteractionReplyOptions } from 'discord.js';
import type { Character } from '../../characters/character.types.js';
import type { Locale } from '../../i18n/locales.js';
import { translator, type Translate } from '../../i18n/translator.js';
import type { Cadence } from '../../resets/cadences.js';
import { discordTime } from '../../scheduler/messages.js';
import type { TaskView } from '../../tasks/task.types.js';
import { presetLabel } from '../localizations.js';
import { characterLabel } from './characterView.js';

/** The fields of the checklist, in this order; titles from `bot.tasks.groups`. */
const GROUPS: readonly Cadence[] = ['daily', 'gc-daily', 'weekly', 'fashion-report', 'jumbo-cactpot', 'cooldown', 'once'];

/**
 * A task's name for a reader: a preset in the game's wording of their language (its stored key
 * never changes), unless the player renamed it; a player's own task exactly as they wrote it.
 */
export const taskName = (t: Pick<TaskView, 'name' | 'presetKey'>, locale: Locale): string => (t.presetKey ? presetLabel(t.presetKey, locale, t.name) : t.name);

/** Buttons fit five to a row and five rows to a message. */
const MAX_BUTTONS = 25;
const FIELD_LIMIT = 1024;

export const TOGGLE_PREFIX = 'tasks:toggle:';

/** Encodes the filter in the button so a press can redraw the same view. */
export const toggleId = (taskId: string, characterId: string | null) => `${TOGGLE_PREFIX}${taskId}:${characterId ?? '-'}`;

export function parseToggleId(customId: string): { taskId: string; characterId: string | null } | undefined {
  if (!customId.startsWith(TOGGLE_PREFIX)) return undefined;
  const m = /^([^:]+):([^:]+)$/.exec(customId.slice(TOGGLE_PREFIX.length));
  return m ? { taskId: m[1]!, characterId: m[2] === '-' ? null : m[2]! } : undefined;
}

function line(task: TaskView, locale: Locale, t: Translate): string {
  const mark = task.done ? '✅' : '⬜';
  const name = taskName(task, locale);
  const extra =
    task.cadence === 'cooldown' && task.done && task.periodEnd
      ? ` · ${t('bot.tasks.ready', { when: discordTime(task.periodEnd) })}`
      : task.cadence === 'jumbo-cactpot' && task.region
        ? ` · ${task.region.toUpperCase()}`
        : task.cadence === 'fashion-report' && task.opensAt
          ? ` · ${t('bot.tasks.judging', { when: discordTime(task.opensAt) })}`
          : '';
  return `${mark} ${task.done ? `~~${name}~~` : name}${extra}`;
}

/** The `/tasks` embed in the reader's language: one field per cadence with progress and its next reset, plus toggle buttons. */
export function renderTasks(
  tasks: TaskView[],
  opts: { character?: Character | undefined; now: number; locale?: Locale },
): Pick<InteractionReplyOptions, 'embeds' | 'components' | 'content'> {
  const locale = opts.locale ?? 'en';
  const t = translator(locale);
  const title = opts.character ? t('bot.tasks.titleFor', { character: characterLabel(opts.character) }) : t('bot.tasks.title');
  const embed = new EmbedBuilder().setTitle(title).setColor(0x6c5ce7);
  if (tasks.length === 0) {
    embed.setDescription(t('bot.tasks.empty'));
    return { embeds: [embed], components: [] };
  }
  const done = tasks.filter((x) => x.done).length;
  embed.setDescription(t('bot.tasks.progress', { done, total: tasks.length }));
  for (const cadence of GROUPS) {
    const group = tasks.filter((x) => x.cadence === cadence);
    if (group.length === 0) continue;
    const groupDone = group.filter((x) => x.done).length;
    const resets = group.map((x) => x.periodEnd).filter((e): e is number => e != null && cadence !== 'cooldown');
    const next = resets.length > 0 ? ` · ${t('bot.tasks.resets', { when: discordTime(Math.min(...resets)) })}` : '';
    let value = '';
    for (const task of group) {
      const l = `${line(task, locale, t)}\n`;
      if (value.length + l.length > FIELD_LIMIT - 12) {
        value += '…';
        break;
      }
      value += l;
    }
    const name = `${t('bot.tasks.field', { title: t(`bot.tasks.groups.${cadence}`), done: groupDone, total: group.length })}${next}`;
    embed.addFields({ name: name.slice(0, 256), value: value.trimEnd() });
  }
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  tasks.slice(0, MAX_BUTTONS).forEach((task, i) => {
    if (i % 5 === 0) rows.push(new ActionRowBuilder<ButtonBuilder>());
    const name = taskName(task, locale);
    rows.at(-1)!.addComponents(
      new ButtonBuilder()
        .setCustomId(toggleId(task.id, opts.character?.id ?? null))
        .setLabel(name.length > 80 ? `${name.slice(0, 79)}…` : name)
        .setStyle(task.done ? ButtonStyle.Success : ButtonStyle.Secondary)
        .setEmoji(task.done ? '✅' : '⬜'),
    );
  });
  if (tasks.length > MAX_BUTTONS) embed.setFooter({ text: t('bot.tasks.footer', { max: MAX_BUTTONS }) });
  return { embeds: [embed], components: rows };
}
