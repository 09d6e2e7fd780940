import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { migrateToLatest } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/openStore.js';
import { startFakeDiscord } from '../fakeDiscord/index.js';
import { seedOceanFishingServers } from '../helpers/seedAnnouncements.js';
import { serveParent } from './rpc.js';
import { round } from './stats.js';

/** Section 8: the outbox draining one reset's announcements from several processes within the shared budget. */
export interface OutboxResult {
  announcements: number;
  processes: number;
  rate: number;
  seconds: number;
  drainPerSec: number;
  peakPerSecond: number;
  messages: number;
}

const ANNOUNCEMENTS = 2_000;
const PROCESSES = 3;
const RATE = 40;

async function run(): Promise<OutboxResult> {
  const silent = pino({ level: 'silent' });
  const discord = await startFakeDiscord();
  const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
  const url = `file:${join(dir, 'tracker.db')}`;
  const children: ReturnType<typeof spawn>[] = [];
  try {
    const store = await openStore(url, silent);
    await migrateToLatest(store.db, silent);
    await seedOceanFishingServers(store.db, ANNOUNCEMENTS);
    await store.close();

    // The service as `npm start` runs it: the compiled main beside this compiled file.
    const main = fileURLToPath(new URL('../../src/main.js', import.meta.url));
    for (let i = 0; i < PROCESSES; i++) {
      children.push(
        spawn(process.execPath, [main], {
          env: {
            PATH: process.env.PATH ?? '',
            NODE_ENV: 'production',
            HOST: '127.0.0.1',
            PORT: '0',
            LOG_LEVEL: 'warn',
            DATABASE_URL: url,
            DATA_DIR: dir,
            JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
            LODESTONE_URL: 'off',
            DISCORD_TOKEN: discord.botToken,
            DISCORD_CLIENT_ID: discord.clientId,
            DISCORD_API_URL: discord.apiUrl,
            DISCORD_SEND_RATE: String(RATE),
          },
          stdio: 'ignore',
        }),
      );
    }
    const posts = () => discord.requests.filter((r) => r.method === 'POST' && /^\/channels\/93\d+\/messages$/.test(r.path));
    const delivered = () => new Set(discord.messages.filter((m) => m.channel_id.startsWith('93')).map((m) => m.channel_id)).size;
    const deadline = Date.now() + 300_000;
    while (delivered() < ANNOUNCEMENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const at = posts().map((r) => r.at);
    const perSecond = new Map<number, number>();
    for (const t of at) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    const seconds = (Math.max(...at) - Math.min(...at)) / 1000;
    return {
      announcements: ANNOUNCEMENTS,
      processes: PROCESSES,
      rate: RATE,
      seconds: round(seconds, 1),
      drainPerSec: round(delivered() / seconds, 1),
      peakPerSecond: Math.max(...perSecond.values()),
      messages: discord.messages.filter((m) => m.channel_id.startsWith('93')).length,
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

serveParent(null, { run });
