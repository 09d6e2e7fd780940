import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { chatInput } from './fakeDiscord/index.js';
import { startFakeDiscord, type FakeDiscord } from './fakeDiscord/index.js';
import { freePort } from './helpers/serviceProcess.js';
import { silentLog } from './helpers/testStore.js';

let app: App | undefined;
let discord: FakeDiscord | undefined;
const dirs: string[] = [];
afterAll(async () => {
  await app?.stop();
  await discord?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('metrics', () => {
  it('are served on their own loopback port, never on the API port, with what a host expects', async () => {
    discord = await startFakeDiscord();
    const dir = mkdtempSync(join(tmpdir(), 'tracker-metrics-'));
    dirs.push(dir);
    const metricsPort = await freePort();
    app = await startApp(
      parseConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        DATABASE_URL: `file:${join(dir, 'tracker.db')}`,
        JWT_SECRET: 'metrics-secret-metrics-secret-metrics-0123',
        LODESTONE_URL: 'off',
        DISCORD_TOKEN: discord.botToken,
        DISCORD_CLIENT_ID: discord.clientId,
        DISCORD_API_URL: discord.apiUrl,
        METRICS: 'on',
        METRICS_PORT: String(metricsPort),
      }),
      silentLog,
    );
    const api = `http://127.0.0.1:${(app.http.server.address() as { port: number }).port}`;
    expect((await fetch(`${api}/healthz`)).status).toBe(200);
    expect((await fetch(`${api}/metrics`)).status).toBe(404);
    await discord.dispatchInteraction(chatInput('reset'));
    await discord.dispatchInteraction(chatInput('task', [{ name: 'done', type: 1, options: [{ name: 'task', type: 3, value: 'nope' }] }] as never));

    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/tracker_interactions_total\{command="reset",outcome="ok"\} 1/);
    expect(text).toMatch(/tracker_interactions_total\{command="task",outcome="refused"\} 1/);
    expect(text).toMatch(/tracker_outbox_depth 0/);
    expect(text).toMatch(/tracker_store_query_duration_seconds_count \d+/);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);
  });

  it('are off by default', () => {
    expect(parseConfig({}).metrics).toBeUndefined();
    expect(parseConfig({ METRICS: 'on' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
  });
});
