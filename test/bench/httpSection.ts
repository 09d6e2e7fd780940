import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { CONNECTIONS, load, type LoadFigures, type RunOptions } from './autocannonRun.js';
import type { ServerInfo } from './benchServer.js';
import { compiled } from './build.js';
import { login, prepareLogins, type PendingLogin } from './loginFlow.js';
import { spawnChild, type BenchChild } from './rpc.js';
import { seedReader, startHttpInteractionsService, startStack } from './httpSetup.js';
import { mb, round, summarize, type Summary } from './stats.js';

/** Sections 1, 3 and 5: the running service under HTTP load, its bot, its memory. */
export interface HttpSectionResult {
  layout: string;
  connections: number;
  seconds: number;
  bare: LoadFigures;
  /** Diagnostic: the bare app answering with GET /tasks's exact bytes, as a constant: what the payload alone costs. */
  bareSized: LoadFigures & { bytes: number };
  /** Diagnostic: the service's cheapest route (every plugin and the request logs, no auth, no store). */
  healthz: LoadFigures;
  getTasks: LoadFigures & { tasks: number };
  /** Diagnostic: the same read at 10 connections, where latency is service time more than queueing. */
  getTasksAt10: LoadFigures;
  completion: LoadFigures & { writes: number; writesPerSec: number; pool: number; poolExhausted: boolean };
  exchange: LoadFigures & { pool: number; poolExhausted: boolean };
  bot: Summary & { tasks: number };
  /** The same round trip with the interaction POSTed to a second process's `/interactions` (DISCORD_INTERACTIONS=http). */
  botHttp: Summary;
  /** `idle` is 1 s after start; `idleSettled` once V8's idle-time memory reducer has run (it does after ~10 s). */
  memoryMB: { idle: number; idleSettled: number; afterLoad: number; peakDuringLoad: number; afterBot: number; afterGc: number; heapUsedAfterGc: number };
  serverLogErrors: number;
}

export const LAYOUT =
  'autocannon (50 connections) runs in the bench process; the service runs in a child process as `npm start` runs it ' +
  '(compiled JS, startApp: HTTP + bot + scheduler, SQLite file, info logs to a file); the fake Discord runs in a third process; ' +
  'the bare baseline in its own child. All share the machine\'s cores.';

/** The lowest RSS over up to 20 s of idling: V8 gives back start-up garbage only after a while. */
async function settledRss(server: BenchChild<ServerInfo>): Promise<number> {
  let low = server.info.rss;
  for (let i = 0; i < 20 && low > server.info.rss * 0.85; i++) {
    await new Promise((r) => setTimeout(r, 1_000));
    low = Math.min(low, await server.call<number>('rss'));
  }
  return low;
}

/** Completion requests/s the write pool is sized for; the run reports it if the pool ran dry anyway. */
const WRITE_POOL_RATE = 5_000;

export async function runHttpSection(seconds: number, warmupSeconds: number): Promise<HttpSectionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-bench-http-'));
  const logFile = join(dir, 'service.log');
  const stack = await startStack(join(dir, 'tracker.db'), dir, logFile, Math.ceil((seconds + warmupSeconds) * WRITE_POOL_RATE));
  const { discord, server, base } = stack;
  try {
    const pids = [process.pid, discord.pid, server.pid];
    let peak = server.info.rss;
    const measured = (o: Omit<RunOptions, 'seconds' | 'server' | 'pids'>) =>
      load({ ...o, seconds, server, pids, onRss: (v) => void (peak = Math.max(peak, v)) });
    const warm = (o: Omit<RunOptions, 'seconds' | 'server' | 'pids'>) => load({ ...o, seconds: warmupSeconds, server, pids });
    const idleSettled = await settledRss(server);
    const reader = await seedReader(stack);

    // (a) the baseline: same machine, same node, nothing but Fastify.
    const bare = await spawnChild<ServerInfo>(compiled('benchServer'), {}, ['bare']);
    const bareRun = { url: `http://127.0.0.1:${bare.info.port}/`, server: bare, pids: [process.pid, discord.pid, server.pid, bare.pid] };
    await load({ ...bareRun, seconds: warmupSeconds });
    const bareFigures = await load({ ...bareRun, seconds });
    const ratio = <T extends LoadFigures>(f: T): T => ({ ...f, ratioToBare: round(f.requestsPerSec / bareFigures.requestsPerSec, 3) });
    const tasksBody = await (await fetch(`${base}/tasks`, { headers: { authorization: `Bearer ${reader.token}` } })).text();
    await bare.call('setBody', tasksBody);
    const sizedRun = { ...bareRun, url: `${bareRun.url}sized` };
    await load({ ...sizedRun, seconds: warmupSeconds });
    const bareSized = ratio({ ...(await load({ ...sizedRun, seconds })), bytes: Buffer.byteLength(tasksBody) });
    await bare.stop();

    await warm({ url: `${base}/healthz` });
    const healthz = ratio(await measured({ url: `${base}/healthz` }));

    // (b) reads.
    const headers = { authorization: `Bearer ${reader.token}` };
    await warm({ url: `${base}/tasks`, headers });
    const getTasks = ratio({ ...(await measured({ url: `${base}/tasks`, headers })), tasks: reader.tasks });
    const getTasksAt10 = ratio(await measured({ url: `${base}/tasks`, headers, connections: 10 }));

    // (c) writes: every request completes a different open task, so none is an idempotent no-op.
    const tokens = await login(base, discord, stack.writers.discordIds);
    const work: { path: string; auth: string }[] = [];
    const perUser = Math.max(...stack.writers.taskIds.map((t) => t.length));
    for (let i = 0; i < perUser; i++) {
      stack.writers.taskIds.forEach((ids, u) => ids[i] && work.push({ path: `/tasks/${ids[i]}/completion`, auth: `Bearer ${tokens[u]}` }));
    }
    let cursor = 0;
    const nextWrite = (req: autocannon.Request) => {
      const w = work[cursor++ % work.length]!;
      return { ...req, path: w.path, headers: { ...req.headers, authorization: w.auth } };
    };
    await warm({ url: base, method: 'PUT', setupRequest: nextWrite });
    const before = await server.call<number>('completions');
    const completionRun = await measured({ url: base, method: 'PUT', setupRequest: nextWrite, until: () => cursor >= work.length });
    // Counted in the store: the number of completions that really happened, not of 200s.
    const writes = (await server.call<number>('completions')) - before;
    const completion = ratio({
      ...completionRun,
      writes,
      writesPerSec: round(writes / completionRun.seconds, 0),
      pool: work.length,
      poolExhausted: cursor >= work.length,
    });

    // (d) logins: each request trades its own fresh state and code (2,000 returning users).
    const user = (i: number) => String(1_400_000_000_000_000_000n + BigInt(i % 2_000));
    const exchangeOpts = (logins: PendingLogin[], used: { n: number }) => ({
      url: `${base}/exchange`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      setupRequest: (req: autocannon.Request) => ({ ...req, body: JSON.stringify(logins[used.n++ % logins.length]) }),
      until: () => used.n >= logins.length,
    });
    const calibration = await prepareLogins(base, discord, Array.from({ length: 1_000 }, (_, i) => user(i)));
    const warmed = await load({ ...exchangeOpts(calibration, { n: 0 }), seconds: 60, amount: calibration.length, server, pids });
    // Three times the warmed-up rate (the calibration runs on a colder process): enough that the pool
    // outlasts the run; `until` ends it early if not, and the report says so.
    const size = Math.ceil(warmed.requestsPerSec * seconds * 3) + 1_000;
    const logins = await prepareLogins(base, discord, Array.from({ length: size }, (_, i) => user(i)));
    const used = { n: 0 };
    const exchangeRun = await measured(exchangeOpts(logins, used));
    const exchange = ratio({ ...exchangeRun, pool: size, poolExhausted: used.n >= size });
    const afterLoad = await server.call<number>('rss');

    // Section 3: the bot, while the service is otherwise idle.
    await discord.call('waitForBot');
    const samples = await discord.call<number[]>('interactions', { count: 1_000, warmup: 50 });
    const afterBot = await server.call<number>('rss');
    const gc = await server.call<{ rss: number; heapUsed: number }>('afterGc');
    // The same over HTTP interactions: a second process over the same store, no gateway connection.
    const httpBot = await startHttpInteractionsService(stack, join(dir, 'tracker.db'), dir, join(dir, 'service-http.log'));
    let httpSamples: number[];
    try {
      httpSamples = await discord.call<number[]>('interactions', { count: 1_000, warmup: 50, endpoint: `http://127.0.0.1:${httpBot.info.port}/interactions` });
    } finally {
      await httpBot.stop();
    }

    await server.stop();
    const serverLogErrors = [logFile, join(dir, 'service-http.log')]
      .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
      .filter((l) => /"level":(50|60)/.test(l)).length;
    return {
      layout: LAYOUT,
      connections: CONNECTIONS,
      seconds,
      bare: bareFigures,
      bareSized,
      healthz,
      getTasks,
      getTasksAt10,
      completion,
      exchange,
      bot: { ...summarize(samples), tasks: reader.tasks },
      botHttp: summarize(httpSamples),
      memoryMB: { idle: mb(server.info.rss), idleSettled: mb(idleSettled), afterLoad: mb(afterLoad), peakDuringLoad: mb(Math.max(peak, afterLoad)), afterBot: mb(afterBot), afterGc: mb(gc.rss), heapUsedAfterGc: mb(gc.heapUsed) },
      serverLogErrors,
    };
  } finally {
    await server.stop().catch(() => undefined);
    await discord.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
