import { EmbedBuilder, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { suggestCharacters } from '../src/bot/options.js';
import { invalid } from '../src/errors.js';
import { ALL_WORLDS, findWorld } from '../src/characters/worlds.js';
import { REGIONS, type Region } from '../src/resets/cadences.js';

/** `/character link|list|unlink`: the characters your tasks can belong to. */
export default {
  data: new SlashCommandBuilder()
    .setName('character')
    .setDescription('Link, list or unlink your FFXIV characters')
    .addSubcommand((s) =>
      s
        .setName('link')
        .setDescription('Link a character by its Lodestone id')
        .addStringOption((o) => o.setName('lodestone_id').setDescription('The number in your Lodestone profile URL').setRequired(true).setMinLength(1).setMaxLength(10))
        .addStringOption((o) => o.setName('name').setDescription('Character name').setRequired(true).setMinLength(1).setMaxLength(40))
        .addStringOption((o) => o.setName('world').setDescription('Home world').setRequired(true).setAutocomplete(true).setMaxLength(30))
        .addStringOption((o) =>
          o
            .setName('region')
            .setDescription('Data-center region (filled in from the world when left out)')
            .addChoices(...REGIONS.map((r) => ({ name: r.toUpperCase(), value: r }))),
        ),
    )
    .addSubcommand((s) => s.setName('list').setDescription('Your linked characters'))
    .addSubcommand((s) =>
      s
        .setName('unlink')
        .setDescription('Unlink a character (its own tasks are removed)')
        .addStringOption((o) => o.setName('character').setDescription('Which character').setRequired(true).setAutocomplete(true)),
    ),

  async execute(interaction, ctx) {
    const uid = ctx.user.id;
    switch (interaction.options.getSubcommand(true)) {
      case 'link': {
        const worldName = interaction.options.getString('world', true);
        const known = findWorld(worldName);
        const region = (interaction.options.getString('region') as Region | null) ?? known?.region;
        if (!region) throw invalid(`I don't know the world "${worldName}": give its region too.`);
        const c = await ctx.services.characters.link(uid, {
          lodestoneId: interaction.options.getString('lodestone_id', true).trim(),
          name: interaction.options.getString('name', true),
          world: known?.world ?? worldName,
          datacenter: known?.datacenter ?? 'Unknown',
          region,
        });
        return interaction.reply({ content: `🔗 Linked **${c.name}** (${c.world}, ${c.datacenter}, ${c.region.toUpperCase()}).`, flags: MessageFlags.Ephemeral });
      }
      case 'list': {
        const list = await ctx.services.characters.list(uid);
        const embed = new EmbedBuilder()
          .setTitle('Your characters')
          .setDescription(
            list.length === 0
              ? 'None linked yet: `/character link`.'
              : list.map((c) => `**${c.name}** — ${c.world} (${c.datacenter}, ${c.region.toUpperCase()}) · Lodestone ${c.lodestoneId}`).join('\n'),
          );
        return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
      }
      case 'unlink': {
        const { character, tasksRemoved } = await ctx.services.characters.unlink(uid, interaction.options.getString('character', true));
        return interaction.reply({
          content: `Unlinked **${character.name}**${tasksRemoved ? ` and removed its ${tasksRemoved} task(s)` : ''}.`,
          flags: MessageFlags.Ephemeral,
        });
      }
      default:
        return interaction.reply({ content: 'Unknown subcommand.', flags: MessageFlags.Ephemeral });
    }
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'world') {
      const q = String(focused.value).toLowerCase();
      return interaction.respond(
        ALL_WORLDS.filter((w) => w.world.toLowerCase().startsWith(q))
          .slice(0, 25)
          .map((w) => ({ name: `${w.world} (${w.datacenter})`, value: w.world })),
      );
    }
    return suggestCharacters(interaction, ctx);
  },
} satisfies Command;
