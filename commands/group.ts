import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type Interaction,
  type SlashCommandStringOption,
} from 'discord.js';
import type { Command, CommandContext } from '../src/bot/command.js';
import { commandText, joinNames, presetLabel } from '../src/bot/localizations.js';
import { matches, suggestCharacters } from '../src/bot/options.js';
import { boardEmbed, whoIsOpen } from '../src/bot/views/boardView.js';
import { chosenPresets, CREATE_PREFIX, label, PICK_PREFIX, presetPicker } from '../src/bot/views/groupPicker.js';
import { invalid } from '../src/errors.js';
import type { GroupActor } from '../src/groups/group.types.js';
import type { Locale } from '../src/i18n/locales.js';
import type { Translate } from '../src/i18n/translator.js';

const ADD_MISSING_PREFIX = 'group:addmissing:';

const d = commandText('group');

const nameOption = (o: SlashCommandStringOption) => d(o.setName('name'), 'which').setRequired(true).setAutocomplete(true).setMinLength(1).setMaxLength(50);

/** Preset keys as the reader names them, in the game's wording of their language. */
const presetNames = (keys: readonly string[], locale: Locale, t: Translate) => joinNames(t, keys.map((k) => presetLabel(k, locale)));

/** `/group`: a static's or free company's shared board of who still has which chore open. */
export default {
  data: d(new SlashCommandBuilder().setName('group'), 'description')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      d(s.setName('create'), 'create.description').addStringOption((o) => d(o.setName('name'), 'create.name').setRequired(true).setMinLength(1).setMaxLength(50)),
    )
    .addSubcommand((s) =>
      d(s.setName('join'), 'join.description')
        .addStringOption(nameOption)
        .addStringOption((o) => d(o.setName('character'), 'join.character').setAutocomplete(true).setMaxLength(64)),
    )
    .addSubcommand((s) => d(s.setName('leave'), 'leave.description').addStringOption(nameOption))
    .addSubcommand((s) => d(s.setName('show'), 'show.description').addStringOption(nameOption))
    .addSubcommand((s) =>
      d(s.setName('who'), 'who.description')
        .addStringOption(nameOption)
        .addStringOption((o) => d(o.setName('task'), 'who.task').setRequired(true).setAutocomplete(true).setMaxLength(64)),
    )
    .addSubcommand((s) =>
      d(s.setName('post'), 'post.description')
        .addStringOption(nameOption)
        .addChannelOption((o) => d(o.setName('channel'), 'post.channel').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)),
    )
    .addSubcommand((s) =>
      d(s.setName('remove-member'), 'remove-member.description')
        .addStringOption(nameOption)
        .addUserOption((o) => d(o.setName('user'), 'remove-member.user').setRequired(true)),
    )
    .addSubcommand((s) => d(s.setName('delete'), 'delete.description').addStringOption(nameOption))
    .addSubcommand((s) => d(s.setName('creator-role'), 'creator-role.description').addRoleOption((o) => d(o.setName('role'), 'creator-role.role'))),

  async execute(interaction, ctx) {
    const { t, locale } = ctx;
    if (!interaction.inGuild()) return interaction.reply({ content: t('bot.group.notInServer'), flags: MessageFlags.Ephemeral });
    const groups = ctx.services.groups;
    const guildId = interaction.guildId;
    const actor = actorOf(interaction, ctx);
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'create') {
      const name = interaction.options.getString('name', true).trim();
      if (name.length === 0 || name.includes(',')) throw invalid('A group name has 1 to 50 characters and no commas.', undefined, { key: 'errors.validation.groupName' });
      // Checked now as well as at Create, so nobody picks presets for nothing.
      if (!actor.canManageServer) {
        const role = await groups.creatorRole(guildId);
        if (!role || !actor.roleIds.includes(role)) {
          throw invalid('Creating groups needs Manage Server or the role this server chose with `/group creator-role`.', undefined, { key: 'errors.validation.groupCreateNeedsRole' });
        }
      }
      return interaction.reply({ content: t('bot.group.pick', { name }), components: presetPicker(name, new Set(), locale), flags: MessageFlags.Ephemeral });
    }
    if (sub === 'creator-role') {
      const role = interaction.options.getRole('role');
      await groups.setCreatorRole(actor, guildId, role?.id ?? null);
      return interaction.reply({
        content: role ? t('bot.group.creatorRoleSet', { role: role.id }) : t('bot.group.creatorRoleCleared'),
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
    }

    const group = await groups.byName(guildId, interaction.options.getString('name', true));
    switch (sub) {
      case 'join': {
        const { missingPresets } = await groups.join(ctx.user.id, group.id, interaction.options.getString('character'));
        const components =
          missingPresets.length > 0
            ? [
                new ActionRowBuilder<ButtonBuilder>().addComponents(
                  new ButtonBuilder()
                    .setCustomId(`${ADD_MISSING_PREFIX}${group.id}`)
                    .setLabel(label(t('bot.group.trackMissing', { count: missingPresets.length }), 80))
                    .setStyle(ButtonStyle.Primary),
                ),
              ]
            : [];
        const note = missingPresets.length > 0 ? `\n${t('bot.group.notTracked', { names: presetNames(missingPresets, locale, t) })}` : '';
        return interaction.reply({ content: `${t('bot.group.joined', { name: group.name })}${note}`.slice(0, 2000), components, flags: MessageFlags.Ephemeral });
      }
      case 'leave':
        await groups.leave(ctx.user.id, group.id);
        return interaction.reply({ content: t('bot.group.left', { name: group.name }), flags: MessageFlags.Ephemeral });
      case 'show':
        return interaction.reply({ embeds: [boardEmbed(await groups.boardOf(group.id), locale)], flags: MessageFlags.Ephemeral });
      case 'who':
        return interaction.reply({
          content: whoIsOpen(await groups.boardOf(group.id), interaction.options.getString('task', true), locale),
          flags: MessageFlags.Ephemeral,
          allowedMentions: { parse: [] },
        });
      case 'post': {
        const channel = interaction.options.getChannel('channel', true);
        const { previous } = await groups.postBoard(actor, group.id, channel.id);
        if (previous?.messageId) await interaction.client.rest.delete(`/channels/${previous.channelId}/messages/${previous.messageId}`).catch(() => undefined);
        return interaction.reply({ content: t('bot.group.posted', { name: group.name, channel: channel.id }), flags: MessageFlags.Ephemeral });
      }
      case 'remove-member': {
        const target = interaction.options.getUser('user', true);
        const member = await ctx.services.users.findByDiscordId(target.id);
        if (!member) throw invalid(`${target.username} is not in ${group.name}.`, undefined, { key: 'errors.validation.notInGroup', values: { user: target.username, group: group.name } });
        await groups.removeMember(actor, group.id, member.id);
        return interaction.reply({ content: t('bot.group.removed', { user: target.username, name: group.name }), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      }
      case 'delete': {
        const { board } = await groups.delete(actor, group.id);
        if (board?.messageId) await interaction.client.rest.delete(`/channels/${board.channelId}/messages/${board.messageId}`).catch(() => undefined);
        return interaction.reply({ content: t('bot.group.deleted', { name: group.name }), flags: MessageFlags.Ephemeral });
      }
      default:
        return interaction.reply({ content: t('bot.unknownSubcommand'), flags: MessageFlags.Ephemeral });
    }
  },

  async handleComponent(interaction, ctx) {
    const { t, locale } = ctx;
    const id = interaction.customId;
    if (interaction.isStringSelectMenu() && id.startsWith(PICK_PREFIX)) {
      const rows = interaction.message.components.map((r) => r.toJSON()) as Parameters<typeof chosenPresets>[0];
      const chosen = chosenPresets(rows, { slot: Number(id.slice(PICK_PREFIX.length)), values: interaction.values });
      const name = createButtonName(rows);
      return interaction.update({ components: presetPicker(name, chosen, locale) });
    }
    if (interaction.isButton() && id.startsWith(CREATE_PREFIX)) {
      if (!interaction.inGuild()) return;
      const rows = interaction.message.components.map((r) => r.toJSON()) as Parameters<typeof chosenPresets>[0];
      const group = await ctx.services.groups.create(actorOf(interaction, ctx), {
        guildId: interaction.guildId,
        name: id.slice(CREATE_PREFIX.length),
        presets: [...chosenPresets(rows)],
      });
      return interaction.update({ content: t('bot.group.created', { name: group.name, presets: presetNames(group.presets, locale, t) }).slice(0, 2000), components: [] });
    }
    if (interaction.isButton() && id.startsWith(ADD_MISSING_PREFIX)) {
      const { group, characterId, missingPresets } = await ctx.services.groups.missingPresets(ctx.user.id, id.slice(ADD_MISSING_PREFIX.length));
      const targets = characterId ? [characterId] : (await ctx.services.characters.list(ctx.user.id)).map((c) => c.id);
      let added = 0;
      for (const c of targets) added += (await ctx.services.tasks.addPresets(ctx.user.id, { keys: missingPresets, characterId: c })).added.length;
      return interaction.update({ content: t('bot.group.addedMissing', { count: added, name: group.name }), components: [] });
    }
    return undefined;
  },

  async autocomplete(interaction, ctx) {
    if (!interaction.inGuild()) return interaction.respond([]);
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'name') {
      const found = await ctx.services.groups.search(interaction.guildId, String(focused.value));
      return interaction.respond(found.map((g) => ({ name: g.name, value: g.name })));
    }
    if (focused.name === 'character') return suggestCharacters(interaction, ctx);
    if (focused.name === 'task') {
      const name = interaction.options.getString('name');
      if (!name) return interaction.respond([]);
      const group = await ctx.services.groups.byName(interaction.guildId, name);
      const ok = matches(String(focused.value));
      // Offered in the reader's language; typing the English name or the key finds it too.
      return interaction.respond(
        group.presets
          .map((k) => ({ key: k, name: presetLabel(k, ctx.locale), english: presetLabel(k, 'en') }))
          .filter((p) => ok(p.name) || ok(p.english) || ok(p.key))
          .slice(0, 25)
          .map((p) => ({ name: label(p.name), value: p.key })),
      );
    }
    return interaction.respond([]);
  },
} satisfies Command;

/** The caller as the group service judges them: Manage Server and their roles in this server. */
function actorOf(interaction: Interaction, ctx: CommandContext): GroupActor {
  const roles = interaction.member?.roles;
  const roleIds = !roles ? [] : Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return { userId: ctx.user.id, canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false, roleIds };
}

function createButtonName(rows: Parameters<typeof chosenPresets>[0]): string {
  for (const row of rows) for (const c of row.components) if ('custom_id' in c && c.custom_id.startsWith(CREATE_PREFIX)) return c.custom_id.slice(CREATE_PREFIX.length);
  throw invalid('This picker is out of date: run `/group create` again.', undefined, { key: 'errors.validation.pickerOutdated' });
}
