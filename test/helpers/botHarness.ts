import type { AddressInfo } from 'node:net';
import type { Client } from 'discord.js';
import type { FastifyInstance } from 'fastify';
import { startBot, type Bot } from '../../src/bot/bot.js';
import type { Command } from '../../src/bot/command.js';
import { createHttpBot } from '../../src/bot/httpInteractions.js';
import { loadCommands } from '../../src/bot/registry.js';
import { parseConfig, type Config } from '../../src/config.js';
import { buildServer } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord/index.js';
import { createTestContext, silentLog, TEST_SECRET, type TestContext } from './testStore.js';

/** How Discord delivers interactions to the bot under test. */
export type Transport = 'gateway' | 'http';
export const TRANSPORTS: readonly Transport[] = ['gateway', 'http'];

/**
 * The real bot over a real store, fed by the fake Discord: a discord.js Client logged in to its gateway, or (http)
 * the HTTP server's `POST /interactions` with the fake pointed at it as its Interactions Endpoint URL. Tests send
 * interactions with `discord.dispatchInteraction` and get the same `RecordedCallback` either way.
 */
export interface BotHarness extends TestContext {
  transport: Transport;
  discord: FakeDiscord;
  bot: Bot;
  client: Client;
  commands: Map<string, Command>;
  botConfig: Config;
  /** http: the HTTP server serving `/interactions` (and the API) over the same services, and its base URL. */
  http: FastifyInstance | undefined;
  baseUrl: string | undefined;
  stop(): Promise<void>;
}

export async function startBotHarness(
  opts: { start?: string; log?: Logger; env?: Record<string, string>; transport?: Transport } = {},
): Promise<BotHarness> {
  const transport = opts.transport ?? 'gateway';
  const discord = await startFakeDiscord();
  const ctx = await createTestContext(opts.start, opts.env);
  const discordEnv = {
    DISCORD_TOKEN: discord.botToken,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    ...(transport === 'http' && { DISCORD_INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: discord.publicKey }),
  };
  const botConfig = parseConfig({ JWT_SECRET: 'x'.repeat(40), ...discordEnv });
  const commands = await loadCommands();
  const log = opts.log ?? silentLog;
  const deps = { config: botConfig, services: ctx.services, clock: ctx.clock.now, log, commands };

  let bot: Bot;
  let http: FastifyInstance | undefined;
  let baseUrl: string | undefined;
  if (transport === 'http') {
    const httpBot = createHttpBot(deps);
    bot = httpBot;
    const config = parseConfig({ JWT_SECRET: TEST_SECRET, LODESTONE_URL: 'off', ...opts.env, ...discordEnv });
    http = await buildServer({ config, log, store: ctx.store, services: ctx.services, clock: ctx.clock.now, interactions: httpBot });
    await http.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
    await discord.setInteractionsEndpoint(`${baseUrl}/interactions`);
  } else {
    bot = await startBot(deps);
  }
  return {
    ...ctx,
    transport,
    discord,
    bot,
    client: bot.client,
    commands,
    botConfig,
    http,
    baseUrl,
    stop: async () => {
      await http?.close();
      await bot.stop();
      await discord.close();
      await ctx.close();
    },
  };
}
