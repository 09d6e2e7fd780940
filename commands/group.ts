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
} from 'discord.js';
import type { Command, CommandContext } from '../src/bot/command.js';
import { matches, suggestCharacters } from '../src/bot/options.js';
import { boardEmbed, whoIsOpen } from '../src/bot/views/boardView.js';
import { chosenPresets, CREATE_PREFIX, PICK_PREFIX, presetPicker } from '../src/bot/views/groupPicker.js';
import { invalid } from '../src/errors.js';
import type { GroupActor } from '../src/groups/group.types.js';
import { findPreset } from '../src/tasks/presets.js';

const ADD_MISSING_PREFIX = 'group:addmissing:';

const nameOption = (o: import('discord.js').SlashCommandStringOption) =>
  o.setName('name').setDescription('The group').setRequired(true).setAutocomplete(true).setMinLength(1).setMaxLength(50);

/** `/group`: a static's or free company's shared board of who still has which chore open. */
export default {
  data: new SlashCommandBuilder()
    .setName('group')
    .setDescription('Group boards: who in your static or free company still has what open')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) => s.setName('create').setDescription('Create a group and pick what it tracks').addStringOption((o) => o.setName('name').setDescription('Unique in this server').setRequired(true).setMinLength(1).setMaxLength(50)))
    .addSubcommand((s) =>
      s
        .setName('join')
        .setDescription('Join a group with one of your characters (or all of them)')
        .addStringOption(nameOption)
        .addStringOption((o) => o.setName('character').setDescription('Which character (default: all of yours)').setAutocomplete(true).setMaxLength(64)),
    )
    .addSubcommand((s) => s.setName('leave').setDescription('Leave a group').addStringOption(nameOption))
    .addSubcommand((s) => s.setName('show').setDescription("Show a group's board").addStringOption(nameOption))
    .addSubcommand((s) =>
      s
        .setName('who')
        .setDescription('Who still has one of the tracked chores open')
        .addStringOption(nameOption)
        .addStringOption((o) => o.setName('task').setDescription('One of the tracked presets').setRequired(true).setAutocomplete(true).setMaxLength(64)),
    )
    .addSubcommand((s) =>
      s
        .setName('post')
        .setDescription('Post a live board in a channel (owner or Manage Server)')
        .addStringOption(nameOption)
        .addChannelOption((o) => o.setName('channel').setDescription('Where').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)),
    )
    .addSubcommand((s) =>
      s
        .setName('remove-member')
        .setDescription('Take someone off a group (owner or Manage Server)')
        .addStringOption(nameOption)
        .addUserOption((o) => o.setName('user').setDescription('Who').setRequired(true)),
    )
    .addSubcommand((s) => s.setName('delete').setDescription('Delete a group (owner or Manage Server)').addStringOption(nameOption))
    .addSubcommand((s) =>
      s
        .setName('creator-role')
        .setDescription('Let a role create groups, besides Manage Server (Manage Server)')
        .addRoleOption((o) => o.setName('role').setDescription('The role (leave out to allow Manage Server only)')),
    ),

  async execute(interaction, ctx) {
    if (!interaction.inGuild()) return interaction.reply({ content: 'Groups live in a server.', flags: MessageFlags.Ephemeral });
    const groups = ctx.services.groups;
    const guildId = interaction.guildId;
    const actor = actorOf(interaction, ctx);
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'create') {
      const name = interaction.options.getString('name', true).trim();
      if (name.length === 0 || name.includes(',')) throw invalid('A group name has 1 to 50 characters and no commas.');
      // Checked now as well as at Create, so nobody picks presets for nothing.
      if (!actor.canManageServer) {
        const role = await groups.creatorRole(guildId);
        if (!role || !actor.roleIds.includes(role)) throw invalid('Creating groups needs Manage Server or the role this server chose with `/group creator-role`.');
      }
      return interaction.reply({ content: `Pick what **${name}** tracks, then press Create.`, components: presetPicker(name, new Set()), flags: MessageFlags.Ephemeral });
    }
    if (sub === 'creator-role') {
      const role = interaction.options.getRole('role');
      await groups.setCreatorRole(actor, guildId, role?.id ?? null);
      return interaction.reply({ content: role ? `Members with <@&${role.id}> may now create groups.` : 'Only Manage Server may create groups now.', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    }

    const group = await groups.byName(guildId, interaction.options.getString('name', true));
    switch (sub) {
      case 'join': {
        const { missingPresets } = await groups.join(ctx.user.id, group.id, interaction.options.getString('character'));
        const names = missingPresets.map((k) => findPreset(k)?.name ?? k);
        const components =
          missingPresets.length > 0
            ? [
                new ActionRowBuilder<ButtonBuilder>().addComponents(
                  new ButtonBuilder().setCustomId(`${ADD_MISSING_PREFIX}${group.id}`).setLabel(`Track the ${missingPresets.length} missing`).setStyle(ButtonStyle.Primary),
                ),
              ]
            : [];
        const note = names.length > 0 ? `\nYou don't track ${names.join(', ')} yet: the board shows them as not tracked.` : '';
        return interaction.reply({ content: `Joined **${group.name}**.${note}`, components, flags: MessageFlags.Ephemeral });
      }
      case 'leave':
        await groups.leave(ctx.user.id, group.id);
        return interaction.reply({ content: `You left **${group.name}**; your row is off its board.`, flags: MessageFlags.Ephemeral });
      case 'show':
        return interaction.reply({ embeds: [boardEmbed(await groups.boardOf(group.id))], flags: MessageFlags.Ephemeral });
      case 'who':
        return interaction.reply({ content: whoIsOpen(await groups.boardOf(group.id), interaction.options.getString('task', true)), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      case 'post': {
        const channel = interaction.options.getChannel('channel', true);
        const { previous } = await groups.postBoard(actor, group.id, channel.id);
        if (previous?.messageId) await interaction.client.rest.delete(`/channels/${previous.channelId}/messages/${previous.messageId}`).catch(() => undefined);
        return interaction.reply({ content: `The board of **${group.name}** will appear in <#${channel.id}> in a moment and keep itself up to date.`, flags: MessageFlags.Ephemeral });
      }
      case 'remove-member': {
        const target = interaction.options.getUser('user', true);
        const member = await ctx.services.users.findByDiscordId(target.id);
        if (!member) throw invalid(`${target.username} is not in ${group.name}.`);
        await groups.removeMember(actor, group.id, member.id);
        return interaction.reply({ content: `Removed ${target.username} from **${group.name}**.`, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      }
      case 'delete': {
        const { board } = await groups.delete(actor, group.id);
        if (board?.messageId) await interaction.client.rest.delete(`/channels/${board.channelId}/messages/${board.messageId}`).catch(() => undefined);
        return interaction.reply({ content: `Deleted **${group.name}**.`, flags: MessageFlags.Ephemeral });
      }
      default:
        return interaction.reply({ content: 'Unknown subcommand.', flags: MessageFlags.Ephemeral });
    }
  },

  async handleComponent(interaction, ctx) {
    const id = interaction.customId;
    if (interaction.isStringSelectMenu() && id.startsWith(PICK_PREFIX)) {
      const rows = interaction.message.components.map((r) => r.toJSON()) as Parameters<typeof chosenPresets>[0];
      const chosen = chosenPresets(rows, { slot: Number(id.slice(PICK_PREFIX.length)), values: interaction.values });
      const name = createButtonName(rows);
      return interaction.update({ components: presetPicker(name, chosen) });
    }
    if (interaction.isButton() && id.startsWith(CREATE_PREFIX)) {
      if (!interaction.inGuild()) return;
      const rows = interaction.message.components.map((r) => r.toJSON()) as Parameters<typeof chosenPresets>[0];
      const group = await ctx.services.groups.create(actorOf(interaction, ctx), {
        guildId: interaction.guildId,
        name: id.slice(CREATE_PREFIX.length),
        presets: [...chosenPresets(rows)],
      });
      const tracked = group.presets.map((k) => findPreset(k)?.name ?? k).join(', ');
      return interaction.update({ content: `Created **${group.name}**, tracking ${tracked}. Members join with \`/group join\`; \`/group post\` puts a live board in a channel.`, components: [] });
    }
    if (interaction.isButton() && id.startsWith(ADD_MISSING_PREFIX)) {
      const { group, characterId, missingPresets } = await ctx.services.groups.missingPresets(ctx.user.id, id.slice(ADD_MISSING_PREFIX.length));
      const targets = characterId ? [characterId] : (await ctx.services.characters.list(ctx.user.id)).map((c) => c.id);
      let added = 0;
      for (const c of targets) added += (await ctx.services.tasks.addPresets(ctx.user.id, { keys: missingPresets, characterId: c })).added.length;
      return interaction.update({ content: `Added ${added} task(s): **${group.name}** now shows your progress on everything it tracks.`, components: [] });
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
      return interaction.respond(
        group.presets
          .map((k) => ({ key: k, name: findPreset(k)?.name ?? k }))
          .filter((p) => ok(p.name) || ok(p.key))
          .slice(0, 25)
          .map((p) => ({ name: p.name.slice(0, 100), value: p.key })),
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
  throw invalid('This picker is out of date: run `/group create` again.');
}
