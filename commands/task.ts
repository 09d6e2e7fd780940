import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { suggestCharacters, suggestTasks } from '../src/bot/options.js';
import { CADENCES, REGIONS, type Cadence } from '../src/resets/cadences.js';
import { discordTime } from '../src/scheduler/messages.js';
import type { TaskView } from '../src/tasks/task.types.js';

const CADENCE_LABELS: Record<Cadence, string> = {
  daily: 'Daily (15:00 UTC)',
  weekly: 'Weekly (Tuesday 08:00 UTC)',
  'gc-daily': 'Grand Company (20:00 UTC)',
  'fashion-report': 'Fashion Report (Friday → Tuesday)',
  'jumbo-cactpot': 'Jumbo Cactpot (by region)',
  cooldown: 'Cooldown (every N hours)',
  once: 'Once (a to-do)',
};

const status = (t: TaskView) =>
  t.done ? `✅ **${t.name}** is done${t.periodEnd ? `; it opens again ${discordTime(t.periodEnd)}` : ''}.` : `⬜ **${t.name}** is open${t.periodEnd ? ` until ${discordTime(t.periodEnd)}` : ''}.`;

/** `/task add|done|undo|edit|remove`: one task at a time, with autocomplete on your own tasks. */
export default {
  data: new SlashCommandBuilder()
    .setName('task')
    .setDescription('Add, complete, edit or remove one of your tasks')
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Track a new task')
        .addStringOption((o) => o.setName('name').setDescription('What to do').setRequired(true).setMinLength(1).setMaxLength(100))
        .addStringOption((o) =>
          o
            .setName('cadence')
            .setDescription('When it resets')
            .setRequired(true)
            .addChoices(...CADENCES.map((c) => ({ name: CADENCE_LABELS[c], value: c }))),
        )
        .addStringOption((o) => o.setName('character').setDescription('For one character').setAutocomplete(true).setMaxLength(64))
        .addStringOption((o) => o.setName('notes').setDescription('Anything to remember').setMaxLength(1000))
        .addIntegerOption((o) => o.setName('hours').setDescription('Cooldown length in hours (cooldown tasks)').setMinValue(1).setMaxValue(720))
        .addStringOption((o) =>
          o
            .setName('region')
            .setDescription('Data-center region (Jumbo Cactpot without a character)')
            .addChoices(...REGIONS.map((r) => ({ name: r.toUpperCase(), value: r }))),
        ),
    )
    .addSubcommand((s) =>
      s.setName('done').setDescription('Mark a task done').addStringOption((o) => o.setName('task').setDescription('Which task').setRequired(true).setAutocomplete(true)),
    )
    .addSubcommand((s) =>
      s.setName('undo').setDescription('Reopen a task').addStringOption((o) => o.setName('task').setDescription('Which task').setRequired(true).setAutocomplete(true)),
    )
    .addSubcommand((s) =>
      s
        .setName('edit')
        .setDescription('Rename a task or change its notes')
        .addStringOption((o) => o.setName('task').setDescription('Which task').setRequired(true).setAutocomplete(true))
        .addStringOption((o) => o.setName('name').setDescription('New name').setMinLength(1).setMaxLength(100))
        .addStringOption((o) => o.setName('notes').setDescription('New notes (a single - clears them)').setMaxLength(1000)),
    )
    .addSubcommand((s) =>
      s.setName('remove').setDescription('Stop tracking a task').addStringOption((o) => o.setName('task').setDescription('Which task').setRequired(true).setAutocomplete(true)),
    ),

  async execute(interaction, ctx) {
    const { tasks } = ctx.services;
    const uid = ctx.user.id;
    const reply = (content: string) => interaction.reply({ content, flags: MessageFlags.Ephemeral });
    switch (interaction.options.getSubcommand(true)) {
      case 'add': {
        const t = await tasks.create(uid, {
          name: interaction.options.getString('name', true),
          cadence: interaction.options.getString('cadence', true) as Cadence,
          characterId: interaction.options.getString('character'),
          notes: interaction.options.getString('notes'),
          intervalHours: interaction.options.getInteger('hours'),
          region: interaction.options.getString('region') as TaskView['region'],
        });
        return reply(`Added. ${status(t)}`);
      }
      case 'done':
        return reply(status(await tasks.complete(uid, interaction.options.getString('task', true))));
      case 'undo':
        return reply(status(await tasks.undo(uid, interaction.options.getString('task', true))));
      case 'edit': {
        const notes = interaction.options.getString('notes');
        const name = interaction.options.getString('name');
        const t = await tasks.update(uid, interaction.options.getString('task', true), {
          ...(name !== null && { name }),
          ...(notes !== null && { notes: notes === '-' ? null : notes }),
        });
        return reply(`Saved. ${status(t)}`);
      }
      case 'remove': {
        const t = await tasks.get(uid, interaction.options.getString('task', true));
        await tasks.remove(uid, t.id);
        return reply(`🗑️ Removed **${t.name}**.`);
      }
      default:
        return reply('Unknown subcommand.');
    }
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'character') return suggestCharacters(interaction, ctx);
    const sub = interaction.options.getSubcommand(false);
    return suggestTasks(interaction, ctx, sub === 'done' ? (t) => !t.done : sub === 'undo' ? (t) => t.done : undefined);
  },
} satisfies Command;
