import { ChannelType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, InteractionContextType } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { commandText, languageChoices, storedReason } from '../src/bot/localizations.js';
import { splitList, suggestListItems } from '../src/bot/options.js';
import { invalid } from '../src/errors.js';
import { RESET_EVENTS, type ResetEvent } from '../src/resets/cadences.js';
import { nextOccurrence } from '../src/resets/resetEngine.js';
import { discordTime, eventTitle } from '../src/scheduler/messages.js';
import type { GuildReminder } from '../src/reminders/reminder.types.js';
import { fromDiscordLocale, type Locale } from '../src/i18n/locales.js';
import { translator } from '../src/i18n/translator.js';

/** A server's settings for the one reading them: in their language, naming the language the announcements use. */
function describe(r: GuildReminder, now: number, locale: Locale): string {
  const t = translator(locale);
  const lead = r.leadMinutes > 0 ? t('bot.reminders.leadBefore', { minutes: r.leadMinutes }) : t('bot.reminders.leadAt');
  const header = r.roleId ? t('bot.reminders.headerRole', { channel: r.channelId, lead, role: r.roleId }) : t('bot.reminders.header', { channel: r.channelId, lead });
  const lines = r.events.map((e) => t('bot.reminders.line', { title: eventTitle(e, locale), when: discordTime(nextOccurrence(e, now)) }));
  return [
    `${r.enabled ? '🔔' : '🔕'} ${header}`,
    ...lines,
    t('bot.reminders.language', { language: t(`bot.choices.language.${r.language}`) }),
    ...(r.enabled ? [] : [t('bot.reminders.paused', { reason: r.disabledReason ?? t('bot.reminders.pausedNoReason') })]),
  ].join('\n');
}

/** Refused here, in the reader's language, before the service would refuse it in English. */
function checkEvents(events: string[]): ResetEvent[] {
  const unknown = events.find((e) => !(RESET_EVENTS as readonly string[]).includes(e));
  if (unknown !== undefined) {
    const list = RESET_EVENTS.join(', ');
    throw invalid(`events: Unknown event: ${unknown}. Choose from: ${list}.`, undefined, { key: 'errors.validation.unknownEvent', values: { event: unknown, events: list } });
  }
  return events as ResetEvent[];
}

const d = commandText('reminders');

/** `/reminders`: a server's reset announcements (Manage Server only). */
export default {
  data: d(new SlashCommandBuilder().setName('reminders'), 'description')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      d(s.setName('set'), 'set.description')
        .addChannelOption((o) => d(o.setName('channel'), 'set.channel').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement))
        .addRoleOption((o) => d(o.setName('role'), 'set.role'))
        .addStringOption((o) => d(o.setName('events'), 'set.events').setAutocomplete(true).setMaxLength(300))
        .addIntegerOption((o) => d(o.setName('lead_minutes'), 'set.lead_minutes').setMinValue(0).setMaxValue(1440))
        // Each language named in itself, as a reader looks for it.
        .addStringOption((o) => d(o.setName('language'), 'set.language').addChoices(...languageChoices())),
    )
    .addSubcommand((s) => d(s.setName('off'), 'off.description'))
    .addSubcommand((s) => d(s.setName('show'), 'show.description')),

  async execute(interaction, ctx) {
    const { t, locale } = ctx;
    // The default permission is only a default: server admins can change it, so check again.
    if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      return interaction.reply({ content: t('bot.reminders.needPermission'), flags: MessageFlags.Ephemeral });
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
            events: checkEvents(splitList(interaction.options.getString('events') ?? '')),
            leadMinutes: interaction.options.getInteger('lead_minutes') ?? 0,
            // Without a choice, the server's own language, when Discord says it (community servers set one).
            language: (interaction.options.getString('language') as Locale | null) ?? fromDiscordLocale(interaction.guildLocale),
          },
          ctx.user.discordId,
        );
        return interaction.reply({ content: `${t('bot.reminders.saved')}\n${describe(r, ctx.clock(), locale)}`, flags: MessageFlags.Ephemeral });
      }
      case 'off':
        await reminders.off(guildId);
        return interaction.reply({ content: t('bot.reminders.off'), flags: MessageFlags.Ephemeral });
      case 'show': {
        const r = await reminders.get(guildId);
        return interaction.reply({ content: r ? describe(r, ctx.clock(), locale) : t('bot.reminders.none'), flags: MessageFlags.Ephemeral });
      }
      default:
        return interaction.reply({ content: t('bot.unknownSubcommand'), flags: MessageFlags.Ephemeral });
    }
  },

  async autocomplete(interaction, ctx) {
    await interaction.respond(suggestListItems(String(interaction.options.getFocused()), RESET_EVENTS, (e) => eventTitle(e as ResetEvent, ctx.locale)));
  },
} satisfies Command;
