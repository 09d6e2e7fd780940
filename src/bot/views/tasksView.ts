import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, type InteractionReplyOptions } from 'discord.js';
import type { Character } from '../../characters/character.types.js';
import type { Cadence } from '../../resets/cadences.js';
import { discordTime } from '../../scheduler/messages.js';
import type { TaskView } from '../../tasks/task.types.js';
import { characterLabel } from './characterView.js';

const GROUPS: { cadence: Cadence; title: string }[] = [
  { cadence: 'daily', title: 'Daily' },
  { cadence: 'gc-daily', title: 'Grand Company' },
  { cadence: 'weekly', title: 'Weekly' },
  { cadence: 'fashion-report', title: 'Fashion Report' },
  { cadence: 'jumbo-cactpot', title: 'Jumbo Cactpot' },
  { cadence: 'cooldown', title: 'Cooldowns' },
  { cadence: 'once', title: 'To-do' },
];

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

const line = (t: TaskView) => {
  const mark = t.done ? '✅' : '⬜';
  const extra =
    t.cadence === 'cooldown' && t.done && t.periodEnd
      ? ` · ready ${discordTime(t.periodEnd)}`
      : t.cadence === 'jumbo-cactpot' && t.region
        ? ` · ${t.region.toUpperCase()}`
        : t.cadence === 'fashion-report' && t.opensAt
          ? ` · judging ${discordTime(t.opensAt)}`
          : '';
  return `${mark} ${t.done ? `~~${t.name}~~` : t.name}${extra}`;
};

/** The `/tasks` embed: one field per cadence with progress and its next reset, plus toggle buttons. */
export function renderTasks(tasks: TaskView[], opts: { character?: Character | undefined; now: number }): Pick<InteractionReplyOptions, 'embeds' | 'components' | 'content'> {
  const title = opts.character ? `Tasks — ${characterLabel(opts.character)}` : 'Your tasks';
  const embed = new EmbedBuilder().setTitle(title).setColor(0x6c5ce7);
  if (tasks.length === 0) {
    embed.setDescription('Nothing tracked yet. Add some with `/presets` or `/task add`.');
    return { embeds: [embed], components: [] };
  }
  const done = tasks.filter((t) => t.done).length;
  embed.setDescription(`${done}/${tasks.length} done`);
  for (const g of GROUPS) {
    const group = tasks.filter((t) => t.cadence === g.cadence);
    if (group.length === 0) continue;
    const groupDone = group.filter((t) => t.done).length;
    const resets = group.map((t) => t.periodEnd).filter((e): e is number => e != null && g.cadence !== 'cooldown');
    const next = resets.length > 0 ? ` · resets ${discordTime(Math.min(...resets))}` : '';
    let value = '';
    for (const t of group) {
      const l = `${line(t)}\n`;
      if (value.length + l.length > FIELD_LIMIT - 12) {
        value += '…';
        break;
      }
      value += l;
    }
    embed.addFields({ name: `${g.title} — ${groupDone}/${group.length}${next}`, value: value.trimEnd() });
  }
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  tasks.slice(0, MAX_BUTTONS).forEach((t, i) => {
    if (i % 5 === 0) rows.push(new ActionRowBuilder<ButtonBuilder>());
    rows.at(-1)!.addComponents(
      new ButtonBuilder()
        .setCustomId(toggleId(t.id, opts.character?.id ?? null))
        .setLabel(t.name.length > 80 ? `${t.name.slice(0, 79)}…` : t.name)
        .setStyle(t.done ? ButtonStyle.Success : ButtonStyle.Secondary)
        .setEmoji(t.done ? '✅' : '⬜'),
    );
  });
  if (tasks.length > MAX_BUTTONS) embed.setFooter({ text: `Buttons cover the first ${MAX_BUTTONS} tasks; use /task done for the rest.` });
  return { embeds: [embed], components: rows };
}
