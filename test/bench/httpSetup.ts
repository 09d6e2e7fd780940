import { pino } from 'pino';
import { migrateToLatest } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/openStore.js';
import { PRESETS } from '../../src/tasks/presets.js';
import type { ServerInfo } from './benchServer.js';
import { compiled } from './build.js';
import type { FakeDiscordInfo } from './fakeDiscordHost.js';
import { api, login } from './loginFlow.js';
import { spawnChild, type BenchChild } from './rpc.js';
import { seedWriters, type WriterPool } from './seedWriters.js';

/** The service and the fake Discord it talks to, each in its own process, over a fresh SQLite file. */
export interface Stack {
  discord: BenchChild<FakeDiscordInfo>;
  server: BenchChild<ServerInfo>;
  base: string;
  writers: WriterPool;
}

const silent = pino({ level: 'silent' });

/** Applies the real migrations, seeds the write pool, then starts the fake Discord and the service. */
export async function startStack(file: string, dataDir: string, logFile: string, writeTasks: number): Promise<Stack> {
  const fresh = await openStore(`file:${file}`, silent);
  await migrateToLatest(fresh.db, silent);
  await fresh.close();
  const writers = seedWriters(file, writeTasks, Date.now());

  const discord = await spawnChild<FakeDiscordInfo>(compiled('fakeDiscordHost'), {});
  try {
    const server = await spawnChild<ServerInfo>(compiled('benchServer'), serviceEnv(discord.info, file, dataDir, logFile), [], ['--expose-gc']);
    return { discord, server, base: `http://127.0.0.1:${server.info.port}`, writers };
  } catch (err) {
    await discord.stop();
    throw err;
  }
}

/** The service's environment, as an operator would set it, pointed at the fake Discord. */
function serviceEnv(d: FakeDiscordInfo, file: string, dataDir: string, logFile: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${file}`,
    DATA_DIR: dataDir,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    LODESTONE_URL: 'off',
    DISCORD_TOKEN: d.botToken,
    DISCORD_CLIENT_ID: d.clientId,
    DISCORD_CLIENT_SECRET: d.clientSecret,
    DISCORD_API_URL: d.apiUrl,
    DISCORD_AUTHORIZE_URL: d.authorizeUrl,
    // The per-address login limit would turn the /exchange run into a 429 run: all requests come from 127.0.0.1.
    RATE_LIMIT_AUTH_MAX: '1000000000',
    LOG_LEVEL: 'info',
    SCHEDULER: 'on',
    BENCH_LOG_FILE: logFile,
  };
}

/**
 * A second service process over the same store with `DISCORD_INTERACTIONS=http`: no gateway connection, interactions
 * POSTed by the fake Discord to its `/interactions` (the scheduler is off: the first process runs it).
 */
export async function startHttpInteractionsService(stack: Stack, file: string, dataDir: string, logFile: string): Promise<BenchChild<ServerInfo>> {
  const d = stack.discord.info;
  return spawnChild<ServerInfo>(
    compiled('benchServer'),
    { ...serviceEnv(d, file, dataDir, logFile), DISCORD_INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: d.publicKey, SCHEDULER: 'off' },
    [],
    ['--expose-gc'],
  );
}

/**
 * Logs in the Discord user the bot section plays (so both front doors read the same account)
 * and gives them 30 tasks over 2 characters through the API, a third of them done.
 */
export async function seedReader(stack: Stack): Promise<{ token: string; tasks: number }> {
  const { base } = stack;
  const [token] = await login(base, stack.discord, [stack.discord.info.botUserId]);
  const t = { token: token! };
  const chars = [
    { lodestoneId: '12345678', name: 'Alpha Warrior', world: 'Odin', datacenter: 'Light', region: 'eu' },
    { lodestoneId: '23456789', name: 'Beta Mage', world: 'Gilgamesh', datacenter: 'Aether', region: 'na' },
  ];
  for (const c of chars) await api(base, '/characters', { method: 'POST', ...t, json: c });
  const first = PRESETS.slice(0, 24).map((p) => p.key);
  await api(base, '/tasks/presets', { method: 'POST', ...t, json: { keys: first, characterId: chars[0]!.lodestoneId } });
  const second = ['roulette-expert', 'wondrous-tails', 'jumbo-cactpot', 'treasure-map'];
  await api(base, '/tasks/presets', { method: 'POST', ...t, json: { keys: second, characterId: chars[1]!.lodestoneId } });
  await api(base, '/tasks', { method: 'POST', ...t, json: { name: 'Island Sanctuary', cadence: 'weekly' } });
  await api(base, '/tasks', { method: 'POST', ...t, json: { name: 'Relic weapon step', cadence: 'once' } });
  const mine = await api<{ id: string }[]>(base, '/tasks', t);
  if (mine.length !== 30) throw new Error(`the bench user has ${mine.length} tasks, expected 30`);
  for (const task of mine.filter((_, i) => i % 3 === 0)) await api(base, `/tasks/${task.id}/completion`, { method: 'PUT', ...t });
  return { token: t.token, tasks: mine.length };
}
