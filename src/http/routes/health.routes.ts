import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { HttpDeps } from '../server.js';

/** Liveness (`/healthz`) and readiness (`/readyz`: the store answers). */
export const healthRoutes: FastifyPluginAsync<HttpDeps> = async (app, deps) => {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { tags: ['health'], summary: 'The store is reachable' } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.store.db);
      return { status: 'ok' };
    } catch (err) {
      app.log.warn({ err }, 'Readiness check failed');
      return reply.code(503).send({ code: 'STORE_UNAVAILABLE', error: 'The database is not reachable.' });
    }
  });
};
