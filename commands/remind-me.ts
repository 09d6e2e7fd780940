import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { cadenceChoices, commandText } from '../src/bot/localizations.js';

const d = commandText('remind-me');

/** `/remind-me`: a DM before the reset listing what you still have open. */
export default {
  data: d(new SlashCommandBuilder().setName('remind-me'), 'description')
    .addSubcommand((s) =>
      d(s.setName('before'), 'before.description')
        .addStringOption((o) =>
          d(o.setName('reset'), 'before.reset')
            .setRequired(true)
            .addChoices(...cadenceChoices(['daily', 'weekly'])),
        )
        .addIntegerOption((o) => d(o.setName('hours'), 'before.hours').setMinValue(1).setMaxValue(72)),
    )
    .addSubcommand((s) => d(s.setName('off'), 'off.description')),

  async execute(interaction, ctx) {
    const { t } = ctx;
    const reminders = ctx.services.personalReminders;
    if (interaction.options.getSubcommand(true) === 'off') {
      const had = await reminders.off(ctx.user.id);
      return interaction.reply({ content: t(had ? 'bot.remindMe.off' : 'bot.remindMe.none'), flags: MessageFlags.Ephemeral });
    }
    const r = await reminders.set(ctx.user.id, {
      cadence: interaction.options.getString('reset', true) as 'daily' | 'weekly',
      hoursBefore: interaction.options.getInteger('hours') ?? 2,
    });
    return interaction.reply({
      content: t(r.cadence === 'daily' ? 'bot.remindMe.daily' : 'bot.remindMe.weekly', { hours: r.hoursBefore }),
      flags: MessageFlags.Ephemeral,
    });
  },
} satisfies Command;
