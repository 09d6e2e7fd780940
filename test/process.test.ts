import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { nextOccurrence } from '../src/resets/resetEngine.js';
import { buildServices } from '../src/services.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { openStore } from '../src/store/openStore.js';
import { startFakeDiscord, type FakeDiscord } from './fakeDiscord/index.js';
import { REPO_ROOT, startServiceProcess, type ServiceProcess } from './helpers/serviceProcess.js';
import { silentLog } from './helpers/testStore.js';

// These run the real service as `npm start` does, in its own process, on SQLite files.
const SECRET = 'process-test-secret-process-test-secret-0123456789';
const dirs: string[] = [];
const services: ServiceProcess[] = [];
const fakes: FakeDiscord[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  for (const f of fakes.splice(0)) await f.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'tracker-proc-'));
  dirs.push(d);
  return d;
}

/** Seeds a user with tasks and an open session straight into the store, before the service starts. */
async function seed(dir: string, tasks: number) {
  const url = `file:${join(dir, 'tracker.db')}`;
  const store = await openStore(url, silentLog);
  await migrateToLatest(store.db, silentLog);
  const s = buildServices({ db: store.db, clock: Date.now, secret: SECRET, config: parseConfig({ JWT_SECRET: SECRET }), log: silentLog });
  const user = await s.users.upsertFromDiscord({ discordId: '1234567890123456789', username: 'burst' });
  const ids: string[] = [];
  for (let i = 0; i < tasks; i++) ids.push((await s.tasks.create(user.id, { name: `task ${i}`, cadence: 'weekly' })).id);
  const { jwt } = await s.sessions.open(user.id, null);
  await store.close();
  return { url, jwt, ids, userId: user.id };
}

const env = (dir: string, url: string, extra: Record<string, string> = {}) => ({ DATABASE_URL: url, DATA_DIR: dir, JWT_SECRET: SECRET, LODESTONE_URL: 'off', ...extra });

describe('crash and restart safety', () => {
  it('keeps every acknowledged completion through kill -9, and the database passes integrity_check', async () => {
    const dir = tempDir();
    const { url, jwt, ids } = await seed(dir, 400);
    const svc = await startServiceProcess(env(dir, url));
    services.push(svc);
    const acked: string[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < ids.length && !killed) {
        const id = ids[next++]!;
        try {
          const r = await fetch(`${svc.base}/tasks/${id}/completion`, { method: 'PUT', headers: { authorization: `Bearer ${jwt}` } });
          if (r.status === 200) acked.push(id);
          if (acked.length >= 150 && !killed) {
            killed = true;
            svc.child.kill('SIGKILL');
          }
        } catch {
          // The process died under this request: it was never acknowledged.
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect((await svc.exited).signal).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(150);

    const db = new Database(url.slice('file:'.length));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set((db.prepare('select task_id from completions').all() as { task_id: string }[]).map((r) => r.task_id));
      expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      db.close();
    }
    // And the restarted service serves them as done.
    const again = await startServiceProcess(env(dir, url));
    services.push(again);
    const tasks = (await (await fetch(`${again.base}/tasks?status=done`, { headers: { authorization: `Bearer ${jwt}` } })).json()) as { id: string }[];
    for (const id of acked) expect(tasks.some((t) => t.id === id)).toBe(true);
  }, 60_000);

  it('stops on SIGTERM: refuses new work, finishes the request in flight, closes the bot and the store, exits 0 within 10 s', async () => {
    const dir = tempDir();
    const { url } = await seed(dir, 1);
    const discord = await startFakeDiscord();
    fakes.push(discord);
    const svc = await startServiceProcess(
      env(dir, url, {
        DISCORD_TOKEN: discord.botToken,
        DISCORD_CLIENT_ID: discord.clientId,
        DISCORD_CLIENT_SECRET: discord.clientSecret,
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_AUTHORIZE_URL: discord.authorizeUrl,
      }),
    );
    services.push(svc);
    await svc.waitForLog((l) => l.msg === 'Discord bot ready');
    expect(discord.gatewayConnections()).toBe(1);

    const login = await fetch(`${svc.base}/login`, { redirect: 'manual' });
    const loc = new URL(login.headers.get('location')!);
    const code = discord.addOAuthUser({ id: '2222222222222222222', username: 'late' }).code(loc.searchParams.get('redirect_uri')!, loc.searchParams.get('code_challenge')!);
    discord.setDelay({ method: 'POST', pathPrefix: '/oauth2/token' }, 1_500);
    const inFlight = fetch(`${svc.base}/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, state: loc.searchParams.get('state') }),
    });
    await discord.waitForRequest((r) => r.path === '/oauth2/token');
    const stopAt = Date.now();
    svc.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    await expect(fetch(`${svc.base}/healthz`)).rejects.toThrow();
    const exit = await svc.exited;
    if (exit.code !== 0) console.log(JSON.stringify(svc.lines.slice(-8).map((l) => [l.time, l.component, l.msg])));
    expect(exit.code).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(10_000);
    expect(svc.lines.some((l) => l.msg === 'Discord bot stopped')).toBe(true);
    expect(svc.lines.at(-1)?.msg).toBe('Stopped');
    expect(discord.gatewayConnections()).toBe(0);
  }, 40_000);

  it('two processes on one SQLite file completing the same tasks at once leave one completion each', async () => {
    const dir = tempDir();
    const { url, jwt, ids } = await seed(dir, 20);
    const a = await startServiceProcess(env(dir, url));
    services.push(a);
    const b = await startServiceProcess(env(dir, url));
    services.push(b);
    const complete = (base: string, id: string) => fetch(`${base}/tasks/${id}/completion`, { method: 'PUT', headers: { authorization: `Bearer ${jwt}` } });
    // Every task is completed by both processes at once, several times over.
    const answers = await Promise.all(ids.flatMap((id) => [0, 1, 2].flatMap(() => [complete(a.base, id), complete(b.base, id)])));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    expect((await Promise.all(answers.map((r) => r.json() as Promise<{ done: boolean }>))).every((t) => t.done)).toBe(true);
    const db = new Database(url.slice('file:'.length), { readonly: true });
    try {
      const rows = db.prepare('select task_id, count(*) as n from completions group by task_id').all() as { task_id: string; n: number }[];
      expect(rows).toHaveLength(ids.length);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      db.close();
    }
  }, 60_000);

  it('a failed start-up still writes its fatal line before exiting 1 (the log stream is buffered)', async () => {
    const dir = tempDir();
    // Something already listens on the port the service is told to use.
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), ...env(dir, `file:${join(dir, 'tracker.db')}`) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((r) => child.once('exit', r));
      expect(code).toBe(1);
      const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { level: number; msg: string; err?: { code?: string } });
      expect(lines.at(-1)).toMatchObject({ level: 60, msg: 'Start-up failed', err: { code: 'EADDRINUSE' } });
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  }, 30_000);

  it('announces a reset missed while down once after restart', async () => {
    // Ocean Fishing departs every two hours, so one is always less than the 3-hour catch-up window ago.
    const wait = nextOccurrence('ocean-fishing', Date.now()) - Date.now();
    if (wait < 30_000) await new Promise((r) => setTimeout(r, wait + 1_000));
    const dir = tempDir();
    const { url } = await seed(dir, 0);
    const db = new Database(url.slice('file:'.length));
    const setAt = Date.now() - 3 * 3_600_000;
    db.prepare(
      `insert into guild_reminders (guild_id, channel_id, role_id, events, lead_minutes, enabled, disabled_reason, updated_by, created_at, updated_at)
       values ('1100000000000000100', '1100000000000000101', null, 'ocean-fishing', 0, 1, null, null, ?, ?)`,
    ).run(setAt, setAt);
    db.close();
    const discord = await startFakeDiscord();
    fakes.push(discord);
    const discordEnv = env(dir, url, { DISCORD_TOKEN: discord.botToken, DISCORD_CLIENT_ID: discord.clientId, DISCORD_API_URL: discord.apiUrl });
    const posts = () => discord.requests.filter((r) => r.method === 'POST' && r.path === '/channels/1100000000000000101/messages');

    const first = await startServiceProcess(discordEnv);
    services.push(first);
    await discord.waitForRequest((r) => r.path === '/channels/1100000000000000101/messages');
    expect((posts()[0]!.body as { content: string }).content).toContain('Ocean Fishing');
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);

    const second = await startServiceProcess(discordEnv);
    services.push(second);
    await second.waitForLog((l) => l.msg === 'Discord bot ready');
    // Stopping waits for start-up, the scheduler's catch-up tick included, to finish.
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    expect(posts()).toHaveLength(1);
  }, 60_000);

  it('npm run backup makes a consistent copy while the service runs', async () => {
    const dir = tempDir();
    const { url, jwt, ids } = await seed(dir, 50);
    const svc = await startServiceProcess(env(dir, url));
    services.push(svc);
    for (const id of ids.slice(0, 25)) await fetch(`${svc.base}/tasks/${id}/completion`, { method: 'PUT', headers: { authorization: `Bearer ${jwt}` } });
    const target = join(dir, 'backup.db');
    const writes = Promise.all(ids.slice(25).map((id) => fetch(`${svc.base}/tasks/${id}/completion`, { method: 'PUT', headers: { authorization: `Bearer ${jwt}` } })));
    const code = await new Promise<number | null>((resolve) => {
      const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', target], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, DATA_DIR: dir, JWT_SECRET: SECRET, LOG_LEVEL: 'silent', LODESTONE_URL: 'off' },
        stdio: 'ignore',
      });
      p.once('exit', resolve);
    });
    await writes;
    expect(code).toBe(0);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = (copy.prepare('select count(*) as n from completions').get() as { n: number }).n;
      expect(n).toBeGreaterThanOrEqual(25);
      expect(n).toBeLessThanOrEqual(50);
      expect((copy.prepare('select count(*) as n from tasks').get() as { n: number }).n).toBe(50);
    } finally {
      copy.close();
    }
  }, 60_000);
});
