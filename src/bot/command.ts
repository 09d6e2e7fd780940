import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { User } from '../users/user.types.js';

/** What every handler receives: the services (never the database) and the caller as our user. */
export interface CommandContext {
  services: Services;
  clock: Clock;
  log: Logger;
  user: User;
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
