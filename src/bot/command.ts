import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Clock } from '../clock.js';
import type { Locale } from '../i18n/locales.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { User } from '../users/user.types.js';

/** What every handler receives: the services (never the database), the caller as our user, and their language. */
export interface CommandContext {
  services: Services;
  clock: Clock;
  log: Logger;
  user: User;
  /** The reader's language, from `interaction.locale` (Japanese, German, French, English otherwise). */
  locale: Locale;
  /** The catalogue in that language: everything a player reads goes through it. */
  t: Translate;
}

/**
 * One top-level slash command: a file in `commands/` default-exports one of these.
 * Component custom ids start with `<data.name>:` so the router finds their owner.
 */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<unknown>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<unknown>;
  handleComponent?(interaction: MessageComponentInteraction, ctx: CommandContext): Promise<unknown>;
}
