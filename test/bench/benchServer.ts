import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { startApp } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { buildLogger, serviceLogDestination } from '../../src/log.js';
import { serveParent } from './rpc.js';

/** What the parent learns from a bench server once it listens. */
export interface ServerInfo {
  port: number;
  /** Resident set one second after start, before any load. */
  rss: number;
}

/**
 * A server under load, in its own process. `service` is the real thing, started by `startApp`
 * from the environment exactly as `main` does (HTTP, bot and scheduler), logging at the configured
 * level to BENCH_LOG_FILE instead of stdout. `bare` is the baseline: a minimal Fastify app with
 * one constant route, no logger and no plugins (and `/sized`, a constant body the parent sets). The parent reads memory over IPC: the service
 * itself gains no endpoint.
 */
async function main(mode: string): Promise<void> {
  if (mode === 'bare') {
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ hello: 'world' }));
    // Diagnostic: the same nothing, answering with bytes the parent sets (GET /tasks's answer).
    let sized = Buffer.alloc(0);
    app.get('/sized', async (_req, reply) => reply.type('application/json; charset=utf-8').send(sized));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const setBody = (body: string) => void (sized = Buffer.from(body));
    serveParent({ port: (app.server.address() as AddressInfo).port, rss: process.memoryUsage().rss } satisfies ServerInfo, { rss, cpu, setBody }, () => app.close());
    return;
  }
  const config = readConfig();
  // The same kind of stream `main` logs to, pointed at a file.
  const dest = process.env.BENCH_LOG_FILE ? serviceLogDestination(process.env.BENCH_LOG_FILE) : undefined;
  const app = await startApp(config, buildLogger(config.logLevel, dest));
  // A second for what start-up leaves running (the gateway's READY and GUILD_CREATE, the scheduler's first tick).
  await new Promise((r) => setTimeout(r, 1_000));
  serveParent(
    { port: (app.http.server.address() as AddressInfo).port, rss: process.memoryUsage().rss } satisfies ServerInfo,
    {
      rss,
      cpu,
      /** After a full collection (the service runs with --expose-gc): tells a leak from a heap V8 has not shrunk. */
      afterGc: () => {
        (globalThis as { gc?: () => void }).gc?.();
        const m = process.memoryUsage();
        return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
      },
      /** Completion rows in the store: the honest count of writes a load produced. */
      completions: async () => Number((await sql<{ n: number }>`select count(*) as n from completions`.execute(app.store.db)).rows[0]!.n),
    },
    () => app.stop(),
  );
}

const rss = () => process.memoryUsage().rss;
/** CPU time used so far (user + system), in µs: per request, it shows what the server itself spends. */
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

void main(process.argv[2] ?? 'service');
