import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from './log.js';

/**
 * What a host scrapes (Prometheus text format). Built only when METRICS=on; components take it
 * as optional, so with metrics off nothing is counted at all.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'tracker_http_request_duration_seconds',
    help: 'HTTP requests by route (the route pattern, not the URL) and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly interactions = new Counter({
    name: 'tracker_interactions_total',
    help: 'Discord interactions by command and outcome (ok, refused: an expected failure told to the player, error)',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly messages = new Counter({
    name: 'tracker_messages_total',
    help: 'Announcements, reminders and notices: queued, skipped (too late), sent, retried, refused, failed',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly discordRateLimits = new Counter({
    name: 'tracker_discord_rate_limits_total',
    help: '429s (and pre-emptive limits) Discord gave the senders, by whether they were global',
    labelNames: ['global'] as const,
    registers: [this.registry],
  });
  readonly storeQuery = new Histogram({
    name: 'tracker_store_query_duration_seconds',
    help: 'Time the store took per query',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5],
    registers: [this.registry],
  });
  readonly outboxDepth: Gauge;

  /** `depth` answers how many messages wait in the outbox; read at each scrape. */
  constructor(depth: () => Promise<number>) {
    this.outboxDepth = new Gauge({
      name: 'tracker_outbox_depth',
      help: 'Messages waiting in the outbox (all processes)',
      registers: [this.registry],
      async collect() {
        this.set(await depth());
      },
    });
    // Includes nodejs_eventloop_lag_seconds and the heap and GC figures.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }

  /** Serves GET /metrics on its own address, never on the public API port. */
  async listen(port: number, host: string, log: Logger): Promise<Server> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        (err: unknown) => {
          log.error({ err }, 'Metrics scrape failed');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics failed\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    log.info({ metrics: `http://${host}:${(server.address() as { port: number }).port}/metrics` }, 'Metrics listening');
    return server;
  }
}
