import { EmbedBuilder, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { REGIONS, type Region } from '../src/resets/cadences.js';
import { currentPeriod, nextOccurrence } from '../src/resets/resetEngine.js';
import { discordTime } from '../src/scheduler/messages.js';

const at = (ms: number) => `${discordTime(ms, 'R')} (${discordTime(ms, 'f')})`;

/** `/reset`: when each period ends, in every reader's own time zone. */
export default {
  data: new SlashCommandBuilder().setName('reset').setDescription('When the daily, weekly and other FFXIV resets happen'),

  async execute(interaction, ctx) {
    const now = ctx.clock();
    const regions = [...new Set((await ctx.services.characters.list(ctx.user.id)).map((c) => c.region))];
    const jumboRegions: readonly Region[] = regions.length > 0 ? regions : REGIONS;
    const fashion = currentPeriod({ cadence: 'fashion-report' }, now);
    const fashionLine =
      fashion.opensAt != null && now < fashion.opensAt
        ? `Judging opens ${at(fashion.opensAt)}`
        : `Judging is open; closes ${at(fashion.end!)}`;
    const embed = new EmbedBuilder()
      .setTitle('FFXIV resets')
      .setColor(0x0984e3)
      .addFields(
        { name: 'Daily reset', value: at(nextOccurrence('daily-reset', now)) },
        { name: 'Weekly reset', value: at(nextOccurrence('weekly-reset', now)) },
        { name: 'Grand Company', value: at(nextOccurrence('gc-reset', now)) },
        { name: 'Fashion Report', value: fashionLine },
        ...jumboRegions.map((r) => ({ name: `Jumbo Cactpot (${r.toUpperCase()})`, value: at(nextOccurrence(`jumbo-cactpot-${r}`, now)) })),
      );
    await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
