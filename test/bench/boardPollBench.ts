import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { parseConfig } from '../../src/config.js';
import { buildServices } from '../../src/services.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/openStore.js';
import { PRESETS } from '../../src/tasks/presets.js';
import { CONNECTIONS, type LoadFigures } from './autocannonRun.js';
import { foreignCores, snapshot } from './machineLoad.js';
import type { ServerInfo } from './benchServer.js';
import { serveParent, spawnChild, type BenchChild } from './rpc.js';
import { round, summarize } from './stats.js';

/**
 * Section 9: what the web page's board polling costs the service. `GET /groups/:id` of a full board (50 members ×
 * 25 presets) with an `If-None-Match` that matches (304: the board's version is read, the board is not computed)
 * and without one (200: the whole board), under load and one request at a time.
 *
 * The load is a loop of `fetch` calls on 50 concurrent workers rather than autocannon: the service's 304 carries
 * `content-length: 4` (Fastify's serialised `null`; Node sends no body with a 304), and autocannon's parser
 * (http-parser-js) then waits for four body bytes that never come, so its connections stall. Browsers and undici
 * know a 304 has no body. Both runs use the same loop, so they compare with each other; the server CPU per request
 * compares with the other sections too.
 */
export interface PollResult {
  members: number;
  presets: number;
  /** The 200's body. */
  boardKB: number;
  notModified: LoadFigures;
  full: LoadFigures;
  /** The same loop against GET /healthz (no login, no store): what the loop and the HTTP plumbing cost alone. */
  healthz: LoadFigures;
  /** `GroupService.boardVersion` alone, in-process: the store read a 304 costs, which a stream would still need per board. */
  versionReadUs: number;
  /** One connection, requests back to back: the latency a page sees (no queueing behind 49 others). */
  sequential: { n: number; notModifiedP50Ms: number; fullP50Ms: number };
}

const MEMBERS = 50;
const PRESET_COUNT = 25;
const SEQUENTIAL = 500;
const VERSION_READS = 2_000;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const silent = pino({ level: 'silent' });

function seconds(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The group and a login session of one of its members, written straight into a fresh SQLite file. */
async function seed(file: string): Promise<{ groupId: string; jwt: string; presets: number; versionReadUs: number }> {
  const store = await openStore(`file:${file}`, silent);
  try {
    await migrateToLatest(store.db, silent);
    const config = parseConfig({ JWT_SECRET: SECRET, LODESTONE_URL: 'off' });
    const services = buildServices({ db: store.db, clock: Date.now, secret: SECRET, config, log: silent });
    const presets = PRESETS.filter((p) => p.cadence !== 'jumbo-cactpot').slice(0, PRESET_COUNT).map((p) => p.key);
    const owner = await services.users.upsertFromDiscord({ discordId: '1000000000000000000', username: 'owner' });
    const group = await services.groups.create({ userId: owner.id, canManageServer: true, roleIds: [] }, { guildId: '1000000000000000001', name: 'Bench Static', presets });
    let viewer = '';
    for (let i = 0; i < MEMBERS; i++) {
      const u = await services.users.upsertFromDiscord({ discordId: String(1000000000000000100n + BigInt(i)), username: `member${i}` });
      const c = await services.characters.link(u.id, { lodestoneId: String(40_000_000 + i), name: `Member Number${i}`, world: 'Cerberus', datacenter: 'Chaos', region: 'eu' });
      const { added } = await services.tasks.addPresets(u.id, { keys: presets, characterId: c.id });
      for (const t of added.slice(0, 10)) await services.tasks.complete(u.id, t.id);
      await services.groups.join(u.id, group.id, c.id);
      viewer ||= u.id;
    }
    const { jwt } = await services.sessions.open(viewer, null);
    for (let i = 0; i < 200; i++) await services.groups.boardVersion(viewer, group.id);
    const t0 = performance.now();
    for (let i = 0; i < VERSION_READS; i++) await services.groups.boardVersion(viewer, group.id);
    const versionReadUs = round(((performance.now() - t0) * 1000) / VERSION_READS, 0);
    return { groupId: group.id, jwt, presets: presets.length, versionReadUs };
  } finally {
    await store.close();
  }
}

async function run(): Promise<PollResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-poll-'));
  const file = join(dir, 'tracker.db');
  const logFile = join(dir, 'service.log');
  const { groupId, jwt, presets, versionReadUs } = await seed(file);
  // The service as `npm start` runs it (startApp, in a process of its own so that its CPU time is its own), minus the bot.
  // This file runs compiled, next to the compiled bench server (build.ts's `compiled` would resolve from inside the build).
  const server = await spawnChild<ServerInfo>(fileURLToPath(new URL('./benchServer.js', import.meta.url)), {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${file}`,
    DATA_DIR: dir,
    JWT_SECRET: SECRET,
    LODESTONE_URL: 'off',
    LOG_LEVEL: 'info',
    SCHEDULER: 'on',
    BENCH_LOG_FILE: logFile,
  });
  try {
    const url = `http://127.0.0.1:${server.info.port}/groups/${groupId}`;
    const auth = { authorization: `Bearer ${jwt}` };
    const first = await fetch(url, { headers: auth });
    if (first.status !== 200) throw new Error(`GET /groups/:id answered ${first.status}: ${await first.text()}`);
    const boardKB = round(Buffer.byteLength(await first.text()) / 1024, 1);
    // Asked afresh before each run: the ETag also changes on the hour.
    const etag = async () => (await fetch(url, { headers: auth })).headers.get('etag')!;

    const duration = seconds('BENCH_DURATION', 10);
    const warmup = seconds('BENCH_WARMUP', Math.min(3, duration));
    const measure = async (headers: Record<string, string>, status: number) => {
      await fetchLoad(url, headers, status, warmup, server);
      return fetchLoad(url, headers, status, duration, server);
    };
    const notModified = await measure({ ...auth, 'if-none-match': await etag() }, 304);
    const full = await measure(auth, 200);
    const healthUrl = `http://127.0.0.1:${server.info.port}/healthz`;
    await fetchLoad(healthUrl, {}, 200, warmup, server);
    const healthz = await fetchLoad(healthUrl, {}, 200, duration, server);

    const sequential = async (headers: Record<string, string>, status: number) => {
      const times: number[] = [];
      for (let i = 0; i < SEQUENTIAL; i++) {
        const t0 = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        times.push(performance.now() - t0);
        if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}`);
      }
      return round(summarize(times).p50, 2);
    };
    const tag = await etag();
    const notModifiedP50Ms = await sequential({ ...auth, 'if-none-match': tag }, 304);
    const fullP50Ms = await sequential(auth, 200);

    await server.stop();
    const errors = readFileSync(logFile, 'utf8').split('\n').filter((l) => /"level":(50|60)/.test(l)).length;
    if (errors > 0) throw new Error(`the service logged ${errors} errors during the polling runs`);
    return { members: MEMBERS, presets, boardKB, notModified, full, healthz, versionReadUs, sequential: { n: SEQUENTIAL, notModifiedP50Ms, fullP50Ms } };
  } finally {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * `CONNECTIONS` workers each sending the request again as soon as the answer is in, for `seconds`; every answer must
 * have `status` (a 304 run that met a 200 would mean the hour turned and the ETag with it: the run is refused).
 */
async function fetchLoad(url: string, headers: Record<string, string>, status: number, seconds: number, server: BenchChild<unknown> & { pid: number }): Promise<LoadFigures> {
  const serverCpu0 = await server.call<number>('cpu');
  const ownCpu0 = cpuNow();
  const machine0 = snapshot([process.pid, server.pid]);
  const started = performance.now();
  const until = started + seconds * 1000;
  const latencies: number[] = [];
  let unexpected = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          const res = await fetch(url, { headers });
          await res.arrayBuffer();
          if (res.status !== status) unexpected += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const serverCpu = (await server.call<number>('cpu')) - serverCpu0;
  const ownCpu = cpuNow() - ownCpu0;
  const foreign = foreignCores(machine0, snapshot([process.pid, server.pid]));
  if (unexpected > 0) throw new Error(`${unexpected} of ${latencies.length} answers were not ${status} (did the hour turn?)`);
  const l = summarize(latencies);
  return {
    requestsPerSec: round(latencies.length / elapsed, 0),
    p50Ms: round(l.p50, 1),
    p99Ms: round(l.p99, 1),
    requests: latencies.length,
    seconds: round(elapsed, 2),
    connections: CONNECTIONS,
    non2xx: status >= 300 ? latencies.length - errors : 0,
    errors,
    serverCpuUsPerRequest: round(serverCpu / Math.max(1, latencies.length), 0),
    serverCoreShare: round(serverCpu / 1e6 / elapsed, 2),
    loadGenCoreShare: round(ownCpu / 1e6 / elapsed, 2),
    ...(foreign !== undefined && { foreignCores: foreign }),
  };
}

serveParent(null, { run });
