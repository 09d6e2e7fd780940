import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { Metrics } from '../metrics.js';
import type { Command } from './command.js';
import { routeInteraction } from './interactionRouter.js';

export interface BotDeps {
  config: Config;
  services: Services;
  clock: Clock;
  log: Logger;
  commands: Map<string, Command>;
  metrics?: Metrics | undefined;
}

export interface Bot {
  client: Client;
  stop(): Promise<void>;
}

/** Logs the bot in (Guilds intent only: no privileged intents) and routes its interactions. */
export async function startBot(deps: BotDeps): Promise<Bot> {
  const { config, log } = deps;
  if (!config.discord.token) throw new Error('startBot needs DISCORD_TOKEN');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.discord.apiUrl },
    allowedMentions: { parse: [] },
    ...(config.discord.shardCount && {
      shardCount: config.discord.shardCount,
      shards: config.discord.shardIds ? [...config.discord.shardIds] : 'auto',
    }),
  });
  client.on(Events.InteractionCreate, (interaction) => {
    void routeInteraction(interaction, deps);
  });
  client.on(Events.Error, (err) => log.error({ err }, 'Discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn({ shardId, code: event.code }, 'Gateway disconnected'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.discord.token);
  await ready;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, commands: deps.commands.size }, 'Discord bot ready');
  return {
    client,
    stop: async () => {
      await client.destroy();
      log.info('Discord bot stopped');
    },
  };
}
