import { ChannelType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, InteractionContextType } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { splitList, suggestListItems } from '../src/bot/options.js';
import { RESET_EVENTS, type ResetEvent } from '../src/resets/cadences.js';
import { nextOccurrence } from '../src/resets/resetEngine.js';
import { discordTime, eventTitle } from '../src/scheduler/messages.js';
import type { GuildReminder } from '../src/reminders/reminder.types.js';
import { fromDiscordLocale, type Locale } from '../src/i18n/locales.js';

function describe(r: GuildReminder, now: number): string {
  const lead = r.leadMinutes > 0 ? `${r.leadMinutes} min before` : 'at the time';
  const lines = r.events.map((e) => `• ${eventTitle(e, r.language)} — next ${discordTime(nextOccurrence(e, now))}`);
  return [
    `${r.enabled ? '🔔' : '🔕'} Announcing in <#${r.channelId}> ${lead}${r.roleId ? `, mentioning <@&${r.roleId}>` : ''}:`,
    ...lines,
    ...(r.enabled ? [] : [`Paused: ${r.disabledReason ?? 'disabled'}. Run \`/reminders set\` again to resume.`]),
  ].join('\n');
}


/** `/reminders`: a server's reset announcements (Manage Server only). */
export default {
  data: new SlashCommandBuilder()
    .setName('reminders')
    .setDescription('Reset announcements for this server')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('set')
        .setDescription('Announce resets in a channel')
        .addChannelOption((o) =>
          o.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
        )
        .addRoleOption((o) => o.setName('role').setDescription('Role to mention'))
        .addStringOption((o) =>
          o.setName('events').setDescription('Comma-separated; default daily-reset, weekly-reset').setAutocomplete(true).setMaxLength(300),
        )
        .addIntegerOption((o) => o.setName('lead_minutes').setDescription('Post this many minutes early (0 = at the reset)').setMinValue(0).setMaxValue(1440))
        .addStringOption((o) =>
          o
            .setName('language')
            .setDescription("The announcements' language (default: the server's)")
            // Each language named in itself, as a reader looks for it.
            .addChoices({ name: 'English', value: 'en' }, { name: '日本語', value: 'ja' }, { name: 'Deutsch', value: 'de' }, { name: 'Français', value: 'fr' }),
        ),
    )
    .addSubcommand((s) => s.setName('off').setDescription('Stop announcements in this server'))
    .addSubcommand((s) => s.setName('show').setDescription('Show this server\'s announcement settings')),

  async execute(interaction, ctx) {
    // The default permission is only a default: server admins can change it, so check again.
    if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      return interaction.reply({ content: '🔒 You need the Manage Server permission to change reset announcements.', flags: MessageFlags.Ephemeral });
    }
    const guildId = interaction.guildId;
    const reminders = ctx.services.guildReminders;
    switch (interaction.options.getSubcommand(true)) {
      case 'set': {
        const r = await reminders.set(
          guildId,
          {
            channelId: interaction.options.getChannel('channel', true).id,
            roleId: interaction.options.getRole('role')?.id ?? null,
            // Checked against the known events by the service's schema, which names any it does not know.
            events: splitList(interaction.options.getString('events') ?? '') as ResetEvent[],
            leadMinutes: interaction.options.getInteger('lead_minutes') ?? 0,
            // Without a choice, the server's own language, when Discord says it (community servers set one).
            language: (interaction.options.getString('language') as Locale | null) ?? fromDiscordLocale(interaction.guildLocale),
          },
          ctx.user.discordId,
        );
        return interaction.reply({ content: `Saved.\n${describe(r, ctx.clock())}`, flags: MessageFlags.Ephemeral });
      }
      case 'off':
        await reminders.off(guildId);
        return interaction.reply({ content: '🔕 Reset announcements are off for this server.', flags: MessageFlags.Ephemeral });
      case 'show': {
        const r = await reminders.get(guildId);
        return interaction.reply({ content: r ? describe(r, ctx.clock()) : 'No announcements set up. Use `/reminders set`.', flags: MessageFlags.Ephemeral });
      }
      default:
        return interaction.reply({ content: 'Unknown subcommand.', flags: MessageFlags.Ephemeral });
    }
  },

  async autocomplete(interaction) {
    await interaction.respond(suggestListItems(String(interaction.options.getFocused()), RESET_EVENTS));
  },
} satisfies Command;
