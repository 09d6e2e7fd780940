import { EmbedBuilder, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { Command, CommandContext } from '../src/bot/command.js';
import { commandText, regionChoices } from '../src/bot/localizations.js';
import { suggestCharacters } from '../src/bot/options.js';
import { characterEmbed, characterLabel, VERIFY_CHECK_PREFIX, verificationPrompt } from '../src/bot/views/characterView.js';
import { invalid } from '../src/errors.js';
import { lodestoneIdFromInput } from '../src/lodestone/lodestoneUrl.js';
import { ALL_WORLDS, findWorld } from '../src/characters/worlds.js';
import type { Region } from '../src/resets/cadences.js';

const d = commandText('character');

/** `/character link|list|refresh|verify|unlink`: the characters your tasks can belong to, read from the Lodestone. */
export default {
  data: d(new SlashCommandBuilder().setName('character'), 'description')
    .addSubcommand((s) =>
      d(s.setName('link'), 'link.description')
        .addStringOption((o) => d(o.setName('lodestone'), 'link.lodestone').setMinLength(1).setMaxLength(200))
        .addStringOption((o) => d(o.setName('name'), 'link.name').setMinLength(1).setMaxLength(40))
        .addStringOption((o) => d(o.setName('world'), 'link.world').setAutocomplete(true).setMaxLength(30))
        .addStringOption((o) => d(o.setName('region'), 'link.region').addChoices(...regionChoices())),
    )
    .addSubcommand((s) => d(s.setName('list'), 'list.description'))
    .addSubcommand((s) => d(s.setName('verify'), 'verify.description').addStringOption((o) => d(o.setName('character'), 'which').setRequired(true).setAutocomplete(true)))
    .addSubcommand((s) => d(s.setName('refresh'), 'refresh.description').addStringOption((o) => d(o.setName('character'), 'which').setRequired(true).setAutocomplete(true)))
    .addSubcommand((s) => d(s.setName('unlink'), 'unlink.description').addStringOption((o) => d(o.setName('character'), 'which').setRequired(true).setAutocomplete(true))),

  async execute(interaction, ctx) {
    const { t, locale } = ctx;
    const uid = ctx.user.id;
    switch (interaction.options.getSubcommand(true)) {
      case 'link':
        return link(interaction, ctx);
      case 'list': {
        const list = await ctx.services.characters.list(uid);
        const embed = new EmbedBuilder()
          .setTitle(t('bot.character.listTitle'))
          .setDescription(
            list.length === 0
              ? t('bot.character.none')
              : list
                  .map((c) => {
                    const state = t(c.verified ? 'bot.character.verified' : c.lostVerificationAt ? 'bot.character.lostVerification' : 'bot.character.notVerified');
                    const read = c.fetchedAt === null ? ` · ${t('bot.character.neverRead')}` : '';
                    return `${t('bot.character.line', { label: characterLabel(c), datacenter: c.datacenter, region: c.region.toUpperCase(), lodestoneId: c.lodestoneId, state })}${read}`;
                  })
                  .join('\n')
                  .slice(0, 4096),
          );
        return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
      }
      case 'verify': {
        const v = await ctx.services.verification.start(uid, interaction.options.getString('character', true));
        return interaction.reply({ ...verificationPrompt(v, locale), flags: MessageFlags.Ephemeral });
      }
      case 'refresh': {
        // The Lodestone may take seconds: Discord's 3-second window is kept by deferring.
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const c = await ctx.services.characters.refresh(uid, interaction.options.getString('character', true));
        return interaction.editReply({ embeds: [characterEmbed(c, 'refreshed', locale)] });
      }
      case 'unlink': {
        const { character, tasksRemoved } = await ctx.services.characters.unlink(uid, interaction.options.getString('character', true));
        return interaction.reply({
          content: tasksRemoved ? t('bot.character.unlinkedWithTasks', { name: character.name, count: tasksRemoved }) : t('bot.character.unlinked', { name: character.name }),
          flags: MessageFlags.Ephemeral,
        });
      }
      default:
        return interaction.reply({ content: t('bot.unknownSubcommand'), flags: MessageFlags.Ephemeral });
    }
  },

  async handleComponent(interaction, ctx) {
    if (!interaction.isButton() || !interaction.customId.startsWith(VERIFY_CHECK_PREFIX)) return;
    const lodestoneId = interaction.customId.slice(VERIFY_CHECK_PREFIX.length);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const { character } = await ctx.services.verification.check(ctx.user.id, lodestoneId);
    await interaction.editReply({ content: ctx.t('bot.character.verifiedReply', { name: character.name }), embeds: [characterEmbed(character, 'verified', ctx.locale)] });
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
    if (!id) throw invalid('That is neither a Lodestone id nor a profile URL like https://na.finalfantasyxiv.com/lodestone/character/12345678/.', undefined, { key: 'errors.validation.lodestoneInput' });
    input = { lodestoneId: id };
  } else if (name && world) {
    input = { name, world };
  } else {
    throw invalid('Give your Lodestone profile URL (or id), or your character name and world.', undefined, { key: 'errors.validation.linkNeeds' });
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const c = await ctx.services.characters.link(ctx.user.id, input);
  return interaction.editReply({ content: ctx.t('bot.character.linked'), embeds: [characterEmbed(c, 'linked', ctx.locale)] });
}

/** `LODESTONE_URL=off`: the character as typed, with the data center filled in from the world. */
async function linkByHand(interaction: ChatInputCommandInteraction, ctx: CommandContext, o: { lodestone: string | null; name: string | null; world: string | null }) {
  const id = o.lodestone ? lodestoneIdFromInput(o.lodestone) : undefined;
  if (!id || !o.name || !o.world) {
    throw invalid('This bot cannot read the Lodestone: give the Lodestone id, name and world (and region for a world it does not know).', undefined, { key: 'errors.validation.linkByHandNeeds' });
  }
  const known = findWorld(o.world);
  const region = (interaction.options.getString('region') as Region | null) ?? known?.region;
  if (!region) throw invalid(`I don't know the world "${o.world}": give its region too.`, undefined, { key: 'errors.validation.unknownWorld', values: { world: o.world } });
  const c = await ctx.services.characters.link(ctx.user.id, {
    lodestoneId: id,
    name: o.name,
    world: known?.world ?? o.world,
    datacenter: known?.datacenter ?? 'Unknown',
    region,
  });
  return interaction.reply({
    content: ctx.t('bot.character.linkedByHand', { name: c.name, world: c.world, datacenter: c.datacenter, region: c.region.toUpperCase() }),
    flags: MessageFlags.Ephemeral,
  });
}
