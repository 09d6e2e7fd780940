import type { Client } from 'discord.js';
import { startBot, type Bot } from '../../src/bot/bot.js';
import type { Command } from '../../src/bot/command.js';
import { loadCommands } from '../../src/bot/registry.js';
import { parseConfig, type Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord/index.js';
import { createTestContext, silentLog, type TestContext } from './testStore.js';

/** The real bot (a discord.js Client) logged in to the fake Discord, over a real store. */
export interface BotHarness extends TestContext {
  discord: FakeDiscord;
  bot: Bot;
  client: Client;
  commands: Map<string, Command>;
  botConfig: Config;
  stop(): Promise<void>;
}

export async function startBotHarness(opts: { start?: string; log?: Logger; env?: Record<string, string> } = {}): Promise<BotHarness> {
  const discord = await startFakeDiscord();
  const ctx = await createTestContext(opts.start, opts.env);
  const botConfig = parseConfig({
    JWT_SECRET: 'x'.repeat(40),
    DISCORD_TOKEN: discord.botToken,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
  });
  const commands = await loadCommands();
  const bot = await startBot({ config: botConfig, services: ctx.services, clock: ctx.clock.now, log: opts.log ?? silentLog, commands });
  return {
    ...ctx,
    discord,
    bot,
    client: bot.client,
    commands,
    botConfig,
    stop: async () => {
      await bot.stop();
      await discord.close();
      await ctx.close();
    },
  };
}
