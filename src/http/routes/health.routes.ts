import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../schemas.js';
import type { HttpDeps } from '../server.js';

const ok = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

/** Liveness (`/healthz`) and readiness (`/readyz`: the store answers). */
export const healthRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], operationId: 'getHealth', summary: 'The process is up', security: [], response: { 200: ok } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        operationId: 'getReadiness',
        summary: 'The store is reachable',
        description: '503 `STORE_UNAVAILABLE` when the database does not answer.',
        security: [],
        response: { 200: ok, 503: errorSchema },
      },
    },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(deps.store.db);
        return { status: 'ok' as const };
      } catch (err) {
        app.log.warn({ err }, 'Readiness check failed');
        return reply.code(503).send({ code: 'STORE_UNAVAILABLE', error: 'The database is not reachable.' });
      }
    },
  );
};
