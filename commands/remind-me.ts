import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';

/** `/remind-me`: a DM before the reset listing what you still have open. */
export default {
  data: new SlashCommandBuilder()
    .setName('remind-me')
    .setDescription('Get a DM before the reset with your open tasks')
    .addSubcommand((s) =>
      s
        .setName('before')
        .setDescription('DM me before a reset')
        .addStringOption((o) =>
          o
            .setName('reset')
            .setDescription('Which reset')
            .setRequired(true)
            .addChoices({ name: 'Daily (15:00 UTC)', value: 'daily' }, { name: 'Weekly (Tuesday 08:00 UTC)', value: 'weekly' }),
        )
        .addIntegerOption((o) => o.setName('hours').setDescription('How many hours before (default 2; daily: up to 23)').setMinValue(1).setMaxValue(72)),
    )
    .addSubcommand((s) => s.setName('off').setDescription('Stop reminder DMs')),

  async execute(interaction, ctx) {
    const reminders = ctx.services.personalReminders;
    if (interaction.options.getSubcommand(true) === 'off') {
      const had = await reminders.off(ctx.user.id);
      return interaction.reply({ content: had ? '🔕 Reminder DMs are off.' : 'You had no reminder DMs set.', flags: MessageFlags.Ephemeral });
    }
    const r = await reminders.set(ctx.user.id, {
      cadence: interaction.options.getString('reset', true) as 'daily' | 'weekly',
      hoursBefore: interaction.options.getInteger('hours') ?? 2,
    });
    return interaction.reply({
      content: `🔔 I'll DM you ${r.hoursBefore} h before each ${r.cadence} reset with what is still open (nothing if all is done). Keep DMs from this server open.`,
      flags: MessageFlags.Ephemeral,
    });
  },
} satisfies Command;
