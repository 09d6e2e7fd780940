import type { Interaction } from 'discord.js';
import { isDomainError, type DomainErrorCode } from '../errors.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { Metrics } from '../metrics.js';
import { fromDiscordLocale } from '../i18n/locales.js';
import type { Command, CommandContext } from './command.js';
import { replyEphemeral } from './replies.js';

export interface RouterDeps {
  services: Services;
  clock: Clock;
  log: Logger;
  commands: Map<string, Command>;
  metrics?: Metrics | undefined;
}

/** Told once, at the first command after a reminder DM was refused. */
const DM_FAILED_NOTICE =
  '📪 Your reminder DMs were switched off: Discord would not deliver them (your DMs are closed to this bot). Open them and run `/remind-me before` again.';

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
  TOO_MANY_REQUESTS: '⏳',
  CODE_NOT_FOUND: '🔎',
  CODE_EXPIRED: '⌛',
};

/**
 * The one catch point of the Discord front door: routes an interaction to its command, turns
 * expected failures into a short private message, logs the rest and never lets one escape.
 */
export async function routeInteraction(interaction: Interaction, deps: RouterDeps): Promise<void> {
  const log = deps.log.child({ interactionId: interaction.id });
  // Outside the try: once taken, the notice must reach the user even if the command then fails.
  let dmFailed = false;
  try {
    const command = findCommand(interaction, deps.commands);
    if (!command) {
      log.warn({ type: interaction.type }, 'Interaction for an unknown command');
      if (interaction.isRepliable()) await replyEphemeral(interaction, 'This command is not available any more.');
      return;
    }
    const user = await deps.services.users.upsertFromDiscord({
      discordId: interaction.user.id,
      username: interaction.user.username,
      globalName: interaction.user.globalName,
      avatar: interaction.user.avatar,
      // The language of this interaction: the user's reminder DMs follow the last one.
      locale: fromDiscordLocale(interaction.locale),
    });
    const ctx: CommandContext = { services: deps.services, clock: deps.clock, log, user };
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
    if (dmFailed && interaction.isRepliable()) await replyEphemeral(interaction, DM_FAILED_NOTICE);
    deps.metrics?.interactions.inc({ command: commandName(interaction) ?? 'unknown', outcome: 'ok' });
    if (interaction.isChatInputCommand()) {
      for (const n of await deps.services.groups.takeBoardNotices(user.id)) {
        await replyEphemeral(interaction, `📋 The live board of **${n.groupName}** stopped updating: ${n.reason}. Post it again with \`/group post\`.`);
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
    const message = isDomainError(err) ? `${PREFIX[err.code]} ${err.message}` : '💥 Something went wrong on our side. Try again in a moment.';
    if (!isDomainError(err)) log.error({ err, command: commandName(interaction) }, 'Interaction failed');
    await replyEphemeral(interaction, dmFailed ? `${message}\n\n${DM_FAILED_NOTICE}` : message).catch((e: unknown) => log.warn({ err: e }, 'Could not send the error reply'));
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
