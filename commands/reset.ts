import { EmbedBuilder, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { commandText } from '../src/bot/localizations.js';
import { gameTerm } from '../src/i18n/translator.js';
import { REGIONS, type Region } from '../src/resets/cadences.js';
import { currentPeriod, nextOccurrence } from '../src/resets/resetEngine.js';
import { discordTime } from '../src/scheduler/messages.js';

const at = (ms: number) => `${discordTime(ms, 'R')} (${discordTime(ms, 'f')})`;
const d = commandText('reset');

/** `/reset`: when each period ends, in every reader's own time zone (Discord timestamps) and language. */
export default {
  data: d(new SlashCommandBuilder().setName('reset'), 'description'),

  async execute(interaction, ctx) {
    const { t, locale } = ctx;
    const now = ctx.clock();
    const regions = [...new Set((await ctx.services.characters.list(ctx.user.id)).map((c) => c.region))];
    const jumboRegions: readonly Region[] = regions.length > 0 ? regions : REGIONS;
    const fashion = currentPeriod({ cadence: 'fashion-report' }, now);
    const fashionLine =
      fashion.opensAt != null && now < fashion.opensAt ? t('bot.reset.judgingOpens', { at: at(fashion.opensAt) }) : t('bot.reset.judgingOpen', { at: at(fashion.end!) });
    const embed = new EmbedBuilder()
      .setTitle(t('bot.reset.title'))
      .setColor(0x0984e3)
      .addFields(
        { name: t('resets.daily'), value: at(nextOccurrence('daily-reset', now)) },
        { name: t('resets.weekly'), value: at(nextOccurrence('weekly-reset', now)) },
        { name: gameTerm('grand-company', locale), value: at(nextOccurrence('gc-reset', now)) },
        { name: gameTerm('fashion-report', locale), value: fashionLine },
        ...jumboRegions.map((r) => ({ name: t('resets.jumbo-cactpot', { region: r.toUpperCase() }), value: at(nextOccurrence(`jumbo-cactpot-${r}`, now)) })),
      );
    await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
