import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { captureLog } from './helpers/captureLog.js';

const dirs: string[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('start-up with zero configuration', () => {
  it('creates the SQLite file, serves /healthz over HTTP and says what the bot needs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-start-'));
    dirs.push(dir);
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, DATABASE_URL: `file:${join(dir, 'sub', 'tracker.db')}` });
    const cap = captureLog('info');
    const { log } = cap;
    const app = await startApp(config, log);
    apps.push(app);
    const address = app.http.server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${address.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${address.port}/readyz`);
    expect(ready.status).toBe(200);
    expect(existsSync(join(dir, 'sub', 'tracker.db'))).toBe(true);
    const botLine = cap.lines.find((l) => l.bot === 'off');
    expect(String(botLine?.msg)).toMatch(/DISCORD_TOKEN/);
    expect(String(botLine?.msg)).toMatch(/DISCORD_CLIENT_ID/);
  });

  it('generates a JWT secret once and reuses it after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-secret-'));
    dirs.push(dir);
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, DATABASE_URL: ':memory:' });
    const first = await startApp(config, captureLog().log);
    await first.stop();
    const secret = readFileSync(join(dir, 'jwt-secret'), 'utf8');
    expect(secret.trim().length).toBeGreaterThanOrEqual(32);
    const cap = captureLog('info');
    const { log } = cap;
    const second = await startApp(config, log);
    apps.push(second);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(secret);
    expect(cap.lines.some((l) => String(l.msg).includes('generated'))).toBe(false);
    // The secret itself never reaches the logs.
    expect(cap.text()).not.toContain(secret.trim());
  });
});
