import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/store/migrate.js';
import { openStore } from '../src/store/openStore.js';
import { startFakeDiscord, type FakeDiscord } from './fakeDiscord/index.js';
import { startServiceProcess, type ServiceProcess } from './helpers/serviceProcess.js';
import { createTestDatabase, type TestDatabase } from './helpers/testDatabase.js';
import { silentLog } from './helpers/testStore.js';
import { seedOceanFishingServers } from './helpers/seedAnnouncements.js';

const ANNOUNCEMENTS = 2_000;
const RATE = 50;
const SECRET = 'outbox-secret-outbox-secret-outbox-secret-0123';

let discord: FakeDiscord | undefined;
let database: TestDatabase | undefined;
const services: ServiceProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of services) s.child.kill('SIGKILL');
  await Promise.all(services.map((s) => s.exited));
  await discord?.close();
  await database?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});


describe('one send budget across processes', () => {
  it(
    `three service processes drain ${ANNOUNCEMENTS} announcements within the budget, each once, though one is killed mid-drain`,
    async () => {
      discord = await startFakeDiscord();
      database = await createTestDatabase();
      const store = await openStore(database.url, silentLog);
      try {
        await migrateToLatest(store.db, silentLog);
        await seedOceanFishingServers(store.db, ANNOUNCEMENTS);
      } finally {
        await store.close();
      }

      const dir = mkdtempSync(join(tmpdir(), 'tracker-outbox-'));
      dirs.push(dir);
      const env = {
        DATABASE_URL: database.url,
        DATA_DIR: dir,
        JWT_SECRET: SECRET,
        DISCORD_TOKEN: discord.botToken,
        DISCORD_CLIENT_ID: discord.clientId,
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_SEND_RATE: String(RATE),
      };
      for (let i = 0; i < 3; i++) services.push(await startServiceProcess(env));

      const posts = () => discord!.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));
      // Mid-drain: a quarter of the messages are out, then one process dies without a word.
      const deadline = Date.now() + 120_000;
      while (posts().length < ANNOUNCEMENTS / 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      services[1]!.child.kill('SIGKILL');
      await services[1]!.exited;

      const delivered = () => new Set(discord!.messages.filter((m) => m.channel_id.startsWith('93')).map((m) => m.channel_id)).size;
      while (delivered() < ANNOUNCEMENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));

      // Each announcement once: one message per channel, whatever was resent after the kill.
      const messages = discord.messages.filter((m) => m.channel_id.startsWith('93'));
      expect(delivered()).toBe(ANNOUNCEMENTS);
      expect(messages).toHaveLength(ANNOUNCEMENTS);
      // The budget held in every one-second window the fake saw, all processes together.
      const perSecond = new Map<number, number>();
      for (const r of posts()) perSecond.set(Math.floor(r.at / 1000), (perSecond.get(Math.floor(r.at / 1000)) ?? 0) + 1);
      const peak = Math.max(...perSecond.values());
      expect(peak).toBeLessThanOrEqual(RATE);
      // The outbox agrees: nothing left, and the work was shared by more than one process.
      const after = await openStore(database.url, silentLog);
      try {
        const rows = await after.db.selectFrom('outbox').select(['claimed_by', 'sent_at']).execute();
        expect(rows).toHaveLength(ANNOUNCEMENTS);
        expect(rows.filter((r) => r.sent_at === null)).toEqual([]);
        expect(new Set(rows.map((r) => r.claimed_by)).size).toBeGreaterThanOrEqual(2);
      } finally {
        await after.close();
      }
    },
    180_000,
  );
});
