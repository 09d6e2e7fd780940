import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiKeySchema } from '../../apiKeys/apiKey.service.js';
import { sessionOnly } from '../access.js';
import { principalOf, requireSession } from '../authenticate.js';
import { errors, idParams } from '../schemas.js';
import type { HttpDeps } from '../server.js';
import { keyJson } from '../views.js';

const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the key, to tell keys apart'),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().describe('Updated at most once a minute'),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

/** Managing API keys needs a login session: a key can never mint or list keys. */
export const apiKeyRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, { services }) => {
  app.addHook('preHandler', requireSession(services.sessions));
  const security = sessionOnly;

  app.post(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        operationId: 'createApiKey',
        summary: 'Create an API key (shown once)',
        description:
          'Scopes: `tasks:read`, `tasks:write` (includes completing), `characters:read`, `characters:write`, and `character:<lodestoneId>:read|write` to limit a key to one character\'s tasks. Send it as `x-api-key`.\n\n' +
          '`expiresAt`, when given, must be in the future (400 otherwise). 409 `LIMIT_REACHED` past 25 keys: revoke one first. ' +
          'Needs a login session: an API key is refused (403 `API_KEY_NOT_ALLOWED`).',
        security,
        body: createApiKeySchema,
        response: { 201: apiKeySchema.extend({ key: z.string().describe('Shown only now; store it safely') }), ...errors(400, 401, 403, 409, 415) },
      },
    },
    async (req, reply) => {
      const { key, apiKey } = await services.apiKeys.create(principalOf(req).userId, req.body);
      return reply.code(201).header('cache-control', 'no-store').send({ ...keyJson(apiKey), key });
    },
  );

  app.get(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        operationId: 'listApiKeys',
        summary: 'Your API keys (never the keys themselves)',
        description: 'Revoked keys are not listed; expired ones are, until revoked.',
        security,
        response: { 200: z.array(apiKeySchema), ...errors(401, 403) },
      },
    },
    async (req) => (await services.apiKeys.list(principalOf(req).userId)).map(keyJson),
  );

  app.delete(
    '/api-keys/:id',
    {
      schema: {
        tags: ['api-keys'],
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key at once',
        security,
        params: idParams,
        response: { 204: z.null(), ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await services.apiKeys.revoke(principalOf(req).userId, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
