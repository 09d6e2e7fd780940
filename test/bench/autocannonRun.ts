import autocannon from 'autocannon';
import { foreignCores, snapshot } from './machineLoad.js';
import type { BenchChild } from './rpc.js';
import { round } from './stats.js';

/** One HTTP load run, as reported. */
export interface LoadFigures {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  seconds: number;
  connections: number;
  non2xx: number;
  errors: number;
  /** Server CPU time per request (user + system, µs) and the share of one core the server used. */
  serverCpuUsPerRequest: number;
  serverCoreShare: number;
  /** Share of a core autocannon's process used: shows the load generator was not the limit. */
  loadGenCoreShare: number;
  /** Cores' worth of CPU taken by processes that are not the bench's (should be ~0). */
  foreignCores?: number;
  /** Requests/s as a share of the bare Fastify route's. */
  ratioToBare?: number;
}

export const CONNECTIONS = 50;

export interface RunOptions {
  url: string;
  seconds: number;
  method?: 'GET' | 'PUT' | 'POST';
  headers?: Record<string, string>;
  /** Called for every request: lets each one carry its own task, token or login. */
  setupRequest?: (req: autocannon.Request) => autocannon.Request;
  /** Default 50. */
  connections?: number;
  /** Stop after this many requests (for calibration runs). */
  amount?: number;
  /** The server process: its CPU time is read around the run. */
  server: BenchChild<unknown>;
  /** Every process of the bench, to tell its CPU use from other work on the machine. */
  pids: readonly number[];
  /** Called with the server's RSS every 500 ms during the run. */
  onRss?: (rss: number) => void;
  /** Ends the run early once true (a pool of one-use requests ran dry). */
  until?: () => boolean;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** Runs autocannon with 50 connections from this process; the server lives in another one. */
export async function load(o: RunOptions): Promise<LoadFigures> {
  const timer = o.onRss ? setInterval(() => void o.server.call<number>('rss').then(o.onRss, () => undefined), 500) : undefined;
  try {
    const serverCpu0 = await o.server.call<number>('cpu');
    const ownCpu0 = cpuNow();
    const machine0 = snapshot(o.pids);
    const r = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: o.url,
          connections: o.connections ?? CONNECTIONS,
          duration: o.seconds,
          ...(o.amount !== undefined && { amount: o.amount }),
          requests: [{ method: o.method ?? 'GET', headers: o.headers ?? {}, ...(o.setupRequest && { setupRequest: o.setupRequest }) }],
          // autocannon only notices stop() at its next sample; sample often when a run may be cut short.
          ...(o.until && { sampleInt: 100 }),
        } as autocannon.Options,
        (err, result) => {
          clearInterval(watch);
          if (err) reject(err instanceof Error ? err : new Error(String(err)));
          else resolve(result);
        },
      );
      const watch = setInterval(() => o.until?.() && instance.stop(), 20);
    });
    const machine1 = snapshot(o.pids);
    const ownCpu = cpuNow() - ownCpu0;
    const serverCpu = (await o.server.call<number>('cpu')) - serverCpu0;
    const foreign = foreignCores(machine0, machine1);
    // Total over elapsed time rather than `requests.average` (whole seconds only), so a short run counts right.
    return {
      requestsPerSec: round(r.requests.total / r.duration, 0),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      requests: r.requests.total,
      seconds: round(r.duration, 2),
      connections: r.connections,
      non2xx: r.non2xx,
      errors: r.errors,
      serverCpuUsPerRequest: round(serverCpu / Math.max(1, r.requests.total), 0),
      serverCoreShare: round(serverCpu / 1e6 / r.duration, 2),
      loadGenCoreShare: round(ownCpu / 1e6 / r.duration, 2),
      ...(foreign !== undefined && { foreignCores: foreign }),
    };
  } finally {
    if (timer) clearInterval(timer);
  }
}
