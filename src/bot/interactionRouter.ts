import type { Interaction } from 'discord.js';
import { isDomainError, type DomainError, type DomainErrorCode } from '../errors.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { Metrics } from '../metrics.js';
import { fromDiscordLocale } from '../i18n/locales.js';
import { translator, type Translate } from '../i18n/translator.js';
import type { Command, CommandContext } from './command.js';
import { storedReason } from './localizations.js';
import { replyEphemeral } from './replies.js';

export interface RouterDeps {
  services: Services;
  clock: Clock;
  log: Logger;
  commands: Map<string, Command>;
  metrics?: Metrics | undefined;
}

// The router's own words (unknown command, failure, the DM-failed and board notices) are in the
// catalogue under `bot.router`, said in the language of the interaction.

/** Wording of expected failures; the service's own sentence follows. */
const PREFIX: Record<DomainErrorCode, string> = {
  NOT_FOUND: '🔍',
  CONFLICT: '⚠️',
  VALIDATION: '✏️',
  LIMIT_REACHED: '🚧',
  FORBIDDEN: '⛔',
  LODESTONE_NOT_FOUND: '🔍',
  LODESTONE_HIDDEN: '🙈',
  LODESTONE_PRIVATE: '🔒',
  LODESTONE_MAINTENANCE: '🛠️',
  LODESTONE_RATE_LIMITED: '⏳',
  LODESTONE_UNAVAILABLE: '📡',
  LODESTONE_AMBIGUOUS: '👥',
  LODESTONE_OFF: '⚠️',
  LODESTONE_MANAGED: '⚠️',
  PRESET_CADENCE: '🔒',
  TOO_MANY_REQUESTS: '⏳',
  CODE_NOT_FOUND: '🔎',
  CODE_EXPIRED: '⌛',
};

/** A refusal in the reader's language when the service gave it a catalogue key, else the service's own sentence. */
export function errorText(err: DomainError, t: Translate): string {
  return err.i18n ? t(err.i18n.key, err.i18n.values) : err.message;
}

/**
 * The one catch point of the Discord front door: routes an interaction to its command, turns
 * expected failures into a short private message, logs the rest and never lets one escape.
 * Everything it and the commands say follows `interaction.locale`.
 */
export async function routeInteraction(interaction: Interaction, deps: RouterDeps): Promise<void> {
  const log = deps.log.child({ interactionId: interaction.id });
  const locale = fromDiscordLocale(interaction.locale);
  const t = translator(locale);
  const dmFailedNotice = () => t('bot.router.dmFailed');
  // Outside the try: once taken, the notice must reach the user even if the command then fails.
  let dmFailed = false;
  try {
    const command = findCommand(interaction, deps.commands);
    if (!command) {
      log.warn({ type: interaction.type }, 'Interaction for an unknown command');
      if (interaction.isRepliable()) await replyEphemeral(interaction, t('bot.router.unknownCommand'));
      return;
    }
    const user = await deps.services.users.upsertFromDiscord({
      discordId: interaction.user.id,
      username: interaction.user.username,
      globalName: interaction.user.globalName,
      avatar: interaction.user.avatar,
      // The language of this interaction: the user's reminder DMs follow the last one.
      locale,
    });
    const ctx: CommandContext = { services: deps.services, clock: deps.clock, log, user, locale, t };
    if (interaction.isAutocomplete()) {
      await command.autocomplete?.(interaction, ctx);
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    // Taken before the command runs, so a command that changes the reminder cannot race it.
    dmFailed = interaction.isChatInputCommand() && (await deps.services.personalReminders.takeDmFailureNotice(user.id));
    if (interaction.isChatInputCommand()) {
      await command.execute(interaction, ctx);
    } else if (interaction.isMessageComponent() && command.handleComponent) {
      await command.handleComponent(interaction, ctx);
    }
    if (dmFailed && interaction.isRepliable()) await replyEphemeral(interaction, dmFailedNotice());
    deps.metrics?.interactions.inc({ command: commandName(interaction) ?? 'unknown', outcome: 'ok' });
    if (interaction.isChatInputCommand()) {
      for (const n of await deps.services.groups.takeBoardNotices(user.id)) {
        await replyEphemeral(interaction, t('bot.router.boardStopped', { group: n.groupName, reason: storedReason(t, n.reason) }));
      }
    }
  } catch (err) {
    deps.metrics?.interactions.inc({ command: commandName(interaction) ?? 'unknown', outcome: isDomainError(err) ? 'refused' : 'error' });
    if (interaction.isAutocomplete()) {
      if (!isDomainError(err)) log.error({ err }, 'Autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
      return;
    }
    if (!interaction.isRepliable()) return;
    const message = isDomainError(err) ? `${PREFIX[err.code]} ${errorText(err, t)}` : t('bot.router.failed');
    if (!isDomainError(err)) log.error({ err, command: commandName(interaction) }, 'Interaction failed');
    await replyEphemeral(interaction, dmFailed ? `${message}\n\n${dmFailedNotice()}` : message).catch((e: unknown) => log.warn({ err: e }, 'Could not send the error reply'));
  }
}

function commandName(interaction: Interaction): string | undefined {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return interaction.commandName;
  if (interaction.isMessageComponent()) return interaction.customId.split(':')[0];
  return undefined;
}

function findCommand(interaction: Interaction, commands: Map<string, Command>): Command | undefined {
  const name = commandName(interaction);
  return name === undefined ? undefined : commands.get(name);
}
