import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { cadenceChoices, commandText, regionChoices } from '../src/bot/localizations.js';
import { suggestCharacters, suggestTasks } from '../src/bot/options.js';
import { taskName } from '../src/bot/views/tasksView.js';
import type { Locale } from '../src/i18n/locales.js';
import type { Translate } from '../src/i18n/translator.js';
import type { Cadence } from '../src/resets/cadences.js';
import { discordTime } from '../src/scheduler/messages.js';
import type { TaskView } from '../src/tasks/task.types.js';

const d = commandText('task');

function status(task: TaskView, t: Translate, locale: Locale): string {
  const name = taskName(task, locale);
  if (task.done) return task.periodEnd ? t('bot.task.doneUntil', { name, when: discordTime(task.periodEnd) }) : t('bot.task.done', { name });
  return task.periodEnd ? t('bot.task.openUntil', { name, when: discordTime(task.periodEnd) }) : t('bot.task.open', { name });
}

/** `/task add|done|undo|edit|remove`: one task at a time, with autocomplete on your own tasks. */
export default {
  data: d(new SlashCommandBuilder().setName('task'), 'description')
    .addSubcommand((s) =>
      d(s.setName('add'), 'add.description')
        .addStringOption((o) => d(o.setName('name'), 'add.name').setRequired(true).setMinLength(1).setMaxLength(100))
        .addStringOption((o) =>
          d(o.setName('cadence'), 'add.cadence')
            .setRequired(true)
            .addChoices(...cadenceChoices()),
        )
        .addStringOption((o) => d(o.setName('character'), 'add.character').setAutocomplete(true).setMaxLength(64))
        .addStringOption((o) => d(o.setName('notes'), 'add.notes').setMaxLength(1000))
        .addIntegerOption((o) => d(o.setName('hours'), 'add.hours').setMinValue(1).setMaxValue(720))
        .addStringOption((o) => d(o.setName('region'), 'add.region').addChoices(...regionChoices())),
    )
    .addSubcommand((s) => d(s.setName('done'), 'done.description').addStringOption((o) => d(o.setName('task'), 'which').setRequired(true).setAutocomplete(true)))
    .addSubcommand((s) => d(s.setName('undo'), 'undo.description').addStringOption((o) => d(o.setName('task'), 'which').setRequired(true).setAutocomplete(true)))
    .addSubcommand((s) =>
      d(s.setName('edit'), 'edit.description')
        .addStringOption((o) => d(o.setName('task'), 'which').setRequired(true).setAutocomplete(true))
        .addStringOption((o) => d(o.setName('name'), 'edit.name').setMinLength(1).setMaxLength(100))
        .addStringOption((o) => d(o.setName('notes'), 'edit.notes').setMaxLength(1000)),
    )
    .addSubcommand((s) => d(s.setName('remove'), 'remove.description').addStringOption((o) => d(o.setName('task'), 'which').setRequired(true).setAutocomplete(true))),

  async execute(interaction, ctx) {
    const { tasks } = ctx.services;
    const { t, locale } = ctx;
    const uid = ctx.user.id;
    const reply = (content: string) => interaction.reply({ content, flags: MessageFlags.Ephemeral });
    switch (interaction.options.getSubcommand(true)) {
      case 'add': {
        const task = await tasks.create(uid, {
          name: interaction.options.getString('name', true),
          cadence: interaction.options.getString('cadence', true) as Cadence,
          characterId: interaction.options.getString('character'),
          notes: interaction.options.getString('notes'),
          intervalHours: interaction.options.getInteger('hours'),
          region: interaction.options.getString('region') as TaskView['region'],
        });
        return reply(t('bot.task.added', { status: status(task, t, locale) }));
      }
      case 'done':
        return reply(status(await tasks.complete(uid, interaction.options.getString('task', true)), t, locale));
      case 'undo':
        return reply(status(await tasks.undo(uid, interaction.options.getString('task', true)), t, locale));
      case 'edit': {
        const notes = interaction.options.getString('notes');
        const name = interaction.options.getString('name');
        const task = await tasks.update(uid, interaction.options.getString('task', true), {
          ...(name !== null && { name }),
          ...(notes !== null && { notes: notes === '-' ? null : notes }),
        });
        return reply(t('bot.task.saved', { status: status(task, t, locale) }));
      }
      case 'remove': {
        const task = await tasks.get(uid, interaction.options.getString('task', true));
        await tasks.remove(uid, task.id);
        return reply(t('bot.task.removed', { name: taskName(task, locale) }));
      }
      default:
        return reply(t('bot.unknownSubcommand'));
    }
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'character') return suggestCharacters(interaction, ctx);
    const sub = interaction.options.getSubcommand(false);
    return suggestTasks(interaction, ctx, sub === 'done' ? (t) => !t.done : sub === 'undo' ? (t) => t.done : undefined);
  },
} satisfies Command;
