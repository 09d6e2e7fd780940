import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { lodestoneIdSchema, linkCharacterSchema, updateCharacterSchema } from '../../characters/character.schema.js';
import { principalOf, requireUser } from '../authenticate.js';
import { characterSchema, errors } from '../schemas.js';
import type { HttpDeps } from '../server.js';
import { characterJson } from '../views.js';

const params = z.strictObject({ lodestoneId: lodestoneIdSchema });
const security = [{ bearer: [] }];

/** Characters in the seed Character API's shape, addressed by Lodestone id. */
export const characterRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, { services }) => {
  app.addHook('preHandler', requireUser(services.sessions));
  const characters = services.characters;

  app.get(
    '/characters',
    { schema: { tags: ['characters'], summary: 'Your linked characters (possibly empty)', security, response: { 200: z.array(characterSchema), ...errors(401) } } },
    async (req) => (await characters.list(principalOf(req).userId)).map(characterJson),
  );

  app.post(
    '/characters',
    {
      schema: {
        tags: ['characters'],
        summary: 'Link a character',
        security,
        body: linkCharacterSchema,
        response: { 201: characterSchema, ...errors(400, 401, 409, 415) },
      },
    },
    async (req, reply) => {
      const c = await characters.link(principalOf(req).userId, req.body);
      return reply.code(201).header('location', `/characters/${c.lodestoneId}`).send(characterJson(c));
    },
  );

  app.get(
    '/characters/:lodestoneId',
    { schema: { tags: ['characters'], summary: 'One of your characters', security, params, response: { 200: characterSchema, ...errors(400, 401, 404) } } },
    async (req) => characterJson(await characters.get(principalOf(req).userId, req.params.lodestoneId)),
  );

  app.patch(
    '/characters/:lodestoneId',
    {
      schema: {
        tags: ['characters'],
        summary: 'Update a character (name, world, data center, region, images)',
        security,
        params,
        body: updateCharacterSchema,
        response: { 200: characterSchema, ...errors(400, 401, 404, 415) },
      },
    },
    async (req) => characterJson(await characters.update(principalOf(req).userId, req.params.lodestoneId, req.body)),
  );

  app.delete(
    '/characters/:lodestoneId',
    {
      schema: {
        tags: ['characters'],
        summary: 'Unlink a character',
        description: "The character's own tasks are deleted with it; account-wide tasks stay.",
        security,
        params,
        response: { 204: z.null(), ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await characters.unlink(principalOf(req).userId, req.params.lodestoneId);
      return reply.code(204).send(null);
    },
  );
};
