import { EmbedBuilder, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { Command, CommandContext } from '../src/bot/command.js';
import { suggestCharacters } from '../src/bot/options.js';
import { characterEmbed, characterLabel, VERIFY_CHECK_PREFIX, verificationPrompt } from '../src/bot/views/characterView.js';
import { invalid } from '../src/errors.js';
import { lodestoneIdFromInput } from '../src/lodestone/lodestoneUrl.js';
import { ALL_WORLDS, findWorld } from '../src/characters/worlds.js';
import { REGIONS, type Region } from '../src/resets/cadences.js';

/** `/character link|list|refresh|verify|unlink`: the characters your tasks can belong to, read from the Lodestone. */
export default {
  data: new SlashCommandBuilder()
    .setName('character')
    .setDescription('Link, verify, refresh, list or unlink your FFXIV characters')
    .addSubcommand((s) =>
      s
        .setName('link')
        .setDescription('Link a character: your Lodestone profile URL, its id, or name and world')
        .addStringOption((o) => o.setName('lodestone').setDescription('Lodestone profile URL or id (…/lodestone/character/<id>/)').setMinLength(1).setMaxLength(200))
        .addStringOption((o) => o.setName('name').setDescription('Character name (with world, instead of the URL)').setMinLength(1).setMaxLength(40))
        .addStringOption((o) => o.setName('world').setDescription('Home world').setAutocomplete(true).setMaxLength(30))
        .addStringOption((o) =>
          o
            .setName('region')
            .setDescription('Only when this bot cannot read the Lodestone: data-center region')
            .addChoices(...REGIONS.map((r) => ({ name: r.toUpperCase(), value: r }))),
        ),
    )
    .addSubcommand((s) => s.setName('list').setDescription('Your linked characters'))
    .addSubcommand((s) =>
      s
        .setName('verify')
        .setDescription('Prove a character is yours with a code in its Lodestone profile')
        .addStringOption((o) => o.setName('character').setDescription('Which character').setRequired(true).setAutocomplete(true)),
    )
    .addSubcommand((s) =>
      s
        .setName('refresh')
        .setDescription('Read a character again from the Lodestone (rename, world transfer)')
        .addStringOption((o) => o.setName('character').setDescription('Which character').setRequired(true).setAutocomplete(true)),
    )
    .addSubcommand((s) =>
      s
        .setName('unlink')
        .setDescription('Unlink a character (its own tasks are removed)')
        .addStringOption((o) => o.setName('character').setDescription('Which character').setRequired(true).setAutocomplete(true)),
    ),

  async execute(interaction, ctx) {
    const uid = ctx.user.id;
    switch (interaction.options.getSubcommand(true)) {
      case 'link':
        return link(interaction, ctx);
      case 'list': {
        const list = await ctx.services.characters.list(uid);
        const embed = new EmbedBuilder()
          .setTitle('Your characters')
          .setDescription(
            list.length === 0
              ? 'None linked yet: `/character link`.'
              : list
                  .map((c) => {
                    const state = c.verified ? 'verified' : c.lostVerificationAt ? 'verification moved to another account' : 'not verified';
                    const read = c.fetchedAt === null ? ' · never read from the Lodestone' : '';
                    return `**${characterLabel(c)}** — ${c.datacenter}, ${c.region.toUpperCase()} · Lodestone ${c.lodestoneId} · ${state}${read}`;
                  })
                  .join('\n'),
          );
        return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
      }
      case 'verify': {
        const v = await ctx.services.verification.start(uid, interaction.options.getString('character', true));
        return interaction.reply({ ...verificationPrompt(v), flags: MessageFlags.Ephemeral });
      }
      case 'refresh': {
        // The Lodestone may take seconds: Discord's 3-second window is kept by deferring.
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const c = await ctx.services.characters.refresh(uid, interaction.options.getString('character', true));
        return interaction.editReply({ embeds: [characterEmbed(c, 'Refreshed')] });
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

  async handleComponent(interaction, ctx) {
    if (!interaction.isButton() || !interaction.customId.startsWith(VERIFY_CHECK_PREFIX)) return;
    const lodestoneId = interaction.customId.slice(VERIFY_CHECK_PREFIX.length);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const { character } = await ctx.services.verification.check(ctx.user.id, lodestoneId);
    await interaction.editReply({ content: `☑️ Verified: **${character.name}** is yours. You may remove the code from your profile now.`, embeds: [characterEmbed(character, 'Verified')] });
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

async function link(interaction: ChatInputCommandInteraction, ctx: CommandContext) {
  const lodestone = interaction.options.getString('lodestone');
  const name = interaction.options.getString('name');
  const world = interaction.options.getString('world');
  if (!ctx.services.characters.readsLodestone) return linkByHand(interaction, ctx, { lodestone, name, world });

  let input;
  if (lodestone) {
    const id = lodestoneIdFromInput(lodestone);
    if (!id) throw invalid('That is neither a Lodestone id nor a profile URL like https://na.finalfantasyxiv.com/lodestone/character/12345678/.');
    input = { lodestoneId: id };
  } else if (name && world) {
    input = { name, world };
  } else {
    throw invalid('Give your Lodestone profile URL (or id), or your character name and world.');
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const c = await ctx.services.characters.link(ctx.user.id, input);
  return interaction.editReply({ content: 'Prove it is yours with `/character verify` to get the ☑️ mark.', embeds: [characterEmbed(c, 'Linked')] });
}

/** `LODESTONE_URL=off`: the character as typed, with the data center filled in from the world. */
async function linkByHand(interaction: ChatInputCommandInteraction, ctx: CommandContext, o: { lodestone: string | null; name: string | null; world: string | null }) {
  const id = o.lodestone ? lodestoneIdFromInput(o.lodestone) : undefined;
  if (!id || !o.name || !o.world) throw invalid('This bot cannot read the Lodestone: give the Lodestone id, name and world (and region for a world it does not know).');
  const known = findWorld(o.world);
  const region = (interaction.options.getString('region') as Region | null) ?? known?.region;
  if (!region) throw invalid(`I don't know the world "${o.world}": give its region too.`);
  const c = await ctx.services.characters.link(ctx.user.id, {
    lodestoneId: id,
    name: o.name,
    world: known?.world ?? o.world,
    datacenter: known?.datacenter ?? 'Unknown',
    region,
  });
  return interaction.reply({ content: `🔗 Linked **${c.name}** (${c.world}, ${c.datacenter}, ${c.region.toUpperCase()}).`, flags: MessageFlags.Ephemeral });
}
