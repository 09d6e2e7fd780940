import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { Config } from '../config.js';
import type { Command } from './command.js';

/**
 * Registers the slash commands with Discord: to DISCORD_GUILD_ID when set (instant, for
 * development) or globally. A separate step, never done at start-up.
 */
export async function deployCommands(config: Config, commands: Map<string, Command>): Promise<{ count: number; scope: string }> {
  const { token, clientId, guildId, apiUrl } = config.discord;
  if (!token || !clientId) throw new Error('deploy-commands needs DISCORD_TOKEN and DISCORD_CLIENT_ID');
  const body = [...commands.values()].map((c) => c.data.toJSON());
  const rest = new REST({ api: apiUrl }).setToken(token);
  const route = guildId ? Routes.applicationGuildCommands(clientId, guildId) : Routes.applicationCommands(clientId);
  const result = (await rest.put(route, { body })) as unknown[];
  return { count: result.length, scope: guildId ? `guild ${guildId}` : 'global' };
}
