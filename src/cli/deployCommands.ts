import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { loadCommands } from '../bot/registry.js';
import { readConfig } from '../config.js';
import { buildLogger } from '../log.js';

/**
 * `npm run deploy-commands`: registers the slash commands with Discord, to DISCORD_GUILD_ID
 * when set (instant, for development) or globally. Never done at start-up.
 */
const config = readConfig();
const log = buildLogger(config.logLevel);
const { token, clientId, guildId, apiUrl } = config.discord;
if (!token || !clientId) {
  log.error('deploy-commands needs DISCORD_TOKEN and DISCORD_CLIENT_ID');
  process.exitCode = 1;
} else {
  const body = [...(await loadCommands()).values()].map((c) => c.data.toJSON());
  const rest = new REST({ api: apiUrl }).setToken(token);
  const route = guildId ? Routes.applicationGuildCommands(clientId, guildId) : Routes.applicationCommands(clientId);
  const result = (await rest.put(route, { body })) as unknown[];
  log.info({ count: result.length, scope: guildId ? `guild ${guildId}` : 'global' }, 'Slash commands deployed');
}
