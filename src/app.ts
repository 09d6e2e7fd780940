import { hostname } from 'node:os';
import { REST } from '@discordjs/rest';
import type { FastifyInstance } from 'fastify';
import { startBot, type Bot } from './bot/bot.js';
import { createHttpBot, type HttpBot } from './bot/httpInteractions.js';
import { loadCommands } from './bot/registry.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { buildServer } from './http/server.js';
import type { Logger } from './log.js';
import { ResetScheduler } from './scheduler/resetScheduler.js';
import { restSender } from './scheduler/sender.js';
import { BoardPublisher } from './scheduler/boardPublisher.js';
import { SendBudget } from './outbox/sendBudget.js';
import { outboxDepth } from './outbox/outbox.repository.js';
import type { Metrics } from './metrics.js';
import type { Server } from 'node:http';
import { resolveJwtSecret } from './secrets.js';
import { buildServices, type Services } from './services.js';
import { ProfileRefresher } from './characters/profileRefresher.js';
import { migrateToLatest } from './store/migrate.js';
import { openStore, type Store } from './store/openStore.js';

/** A running instance: everything `main` started, and how to stop it in order. */
export interface App {
  config: Config;
  store: Store;
  services: Services;
  http: FastifyInstance;
  bot: Bot | undefined;
  scheduler: ResetScheduler | undefined;
  boards: BoardPublisher | undefined;
  /** Stops accepting, lets in-flight requests finish, then closes the bot, the scheduler and the store. */
  stop(): Promise<void>;
}

/**
 * The composition root's body, separate from process concerns (signals, exit codes) so tests
 * can start the whole service in-process.
 */
export async function startApp(config: Config, log: Logger, clock: Clock = systemClock): Promise<App> {
  let depthOf: () => Promise<number> = async () => 0;
  // Loaded only when on: prom-client and its default collectors are memory a host without a scraper never needs.
  const metrics: Metrics | undefined = config.metrics ? new (await import('./metrics.js')).Metrics(() => depthOf()) : undefined;
  const store = await openStore(config.databaseUrl, log.child({ component: 'store' }), {
    ...(metrics && { onQuery: (ms: number) => metrics.storeQuery.observe(ms / 1000) }),
  });
  depthOf = () => outboxDepth(store.db);
  try {
    await migrateToLatest(store.db, log.child({ component: 'migrate' }));
  } catch (err) {
    await store.close();
    throw err;
  }
  const secret = resolveJwtSecret(config, log);
  const services = buildServices({ db: store.db, clock, secret, config, log });
  // Interactions over HTTP: a bot with no gateway connection, answering POST /interactions on the API's port.
  let httpBot: HttpBot | undefined;
  if (config.discord.token && config.discord.interactions === 'http') {
    try {
      httpBot = createHttpBot({ config, services, clock, log: log.child({ component: 'bot' }), commands: await loadCommands(), metrics });
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  const http = await buildServer({ config, log, store, services, clock, ...(httpBot && { interactions: httpBot }) });

  // HTTP first: the API serves while the bot connects, and health checks see the process early.
  await http.listen({ port: config.port, host: config.host });

  let bot: Bot | undefined = httpBot;
  let scheduler: ResetScheduler | undefined;
  let boards: BoardPublisher | undefined;
  if (config.discord.token) {
    try {
      bot ??= await startBot({ config, services, clock, log: log.child({ component: 'bot' }), commands: await loadCommands(), metrics });
    } catch (err) {
      await http.close();
      await store.close();
      throw err;
    }
    if (config.scheduler) {
      // Its own REST client: rate limits surface as errors, so the outbox can pause every process.
      const budget = new SendBudget(store.db, config.discord.sendRate);
      const sendRest = new REST({ api: config.discord.apiUrl, rejectOnRateLimit: () => true, timeout: 15_000 }).setToken(config.discord.token);
      const sender = restSender(sendRest, budget);
      const instanceId = `${hostname()}:${process.pid}`;
      boards = new BoardPublisher({ db: store.db, clock, log: log.child({ component: 'boards' }), groups: services.groups, guildReminders: services.guildReminders, sender, instanceId });
      boards.start();
      scheduler = new ResetScheduler({
        db: store.db,
        clock,
        log: log.child({ component: 'scheduler' }),
        guildReminders: services.guildReminders,
        personalReminders: services.personalReminders,
        tasks: services.tasks,
        verification: services.verification,
        auth: services,
        sender,
        budget,
        instanceId,
        metrics,
      });
      await scheduler.start();
    }
  } else {
    log.info(
      { bot: 'off' },
      'Discord bot is off: set DISCORD_TOKEN (bot token) and DISCORD_CLIENT_ID (application id) to turn it on; the web login also needs DISCORD_CLIENT_SECRET',
    );
  }

  const refresher = config.lodestone
    ? new ProfileRefresher(store.db, clock, services.characters, log.child({ component: 'lodestone-refresh' }), config.lodestone.refreshPerMinute)
    : undefined;
  refresher?.start();

  let metricsServer: Server | undefined;
  if (metrics && config.metrics) metricsServer = await metrics.listen(config.metrics.port, config.metrics.host, log.child({ component: 'metrics' }));

  // Without the scheduler (no bot), ended sessions and abandoned logins are still pruned hourly.
  const pruneTimer = scheduler
    ? undefined
    : setInterval(() => {
        void Promise.all([services.sessions.prune(), services.oauth.prune()]).catch((err: unknown) => log.warn({ err }, 'Prune failed'));
      }, 3_600_000).unref();

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      clearInterval(pruneTimer);
      await http.close();
      await refresher?.stop();
      if (metricsServer) await new Promise((resolve) => metricsServer.close(resolve));
      await scheduler?.stop();
      await boards?.stop();
      await bot?.stop();
      await store.close();
      log.info('Stopped');
    })());
  return { config, store, services, http, bot, scheduler, boards, stop };
}
