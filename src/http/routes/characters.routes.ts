import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { lodestoneIdSchema, linkCharacterSchema, updateCharacterSchema } from '../../characters/character.schema.js';
import { assertCovers, coversCharacter, requireBroad, securityFor } from '../access.js';
import { principalOf, requireAccess, type AccessDeps } from '../authenticate.js';
import { characterSchema, errors } from '../schemas.js';
import type { HttpDeps } from '../server.js';
import { characterJson } from '../views.js';

const params = z.strictObject({ lodestoneId: lodestoneIdSchema });

/** Characters in the seed Character API's shape, addressed by Lodestone id. */
export const characterRoutes: FastifyPluginAsyncZod<HttpDeps & { access: AccessDeps }> = async (app, { services, access }) => {
  const characters = services.characters;
  const read = requireAccess(access, 'characters', 'read');
  const write = requireAccess(access, 'characters', 'write');

  const visible = async (caller: ReturnType<typeof principalOf>, lodestoneId: string) => {
    const c = await characters.get(caller.userId, lodestoneId);
    assertCovers(caller, c.lodestoneId, 'Character');
    return c;
  };

  app.get(
    '/characters',
    {
      preHandler: read,
      schema: {
        tags: ['characters'],
        summary: 'Your linked characters (possibly empty)',
        security: securityFor('characters:read'),
        response: { 200: z.array(characterSchema), ...errors(401, 403, 429) },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      return (await characters.list(caller.userId)).filter((c) => coversCharacter(caller, c.lodestoneId)).map(characterJson);
    },
  );

  app.post(
    '/characters',
    {
      preHandler: write,
      schema: {
        tags: ['characters'],
        summary: 'Link a character',
        security: securityFor('characters:write'),
        body: linkCharacterSchema,
        response: { 201: characterSchema, ...errors(400, 401, 403, 409, 415, 429) },
      },
    },
    async (req, reply) => {
      const caller = principalOf(req);
      requireBroad(caller, 'characters');
      const c = await characters.link(caller.userId, req.body);
      return reply.code(201).header('location', `/characters/${c.lodestoneId}`).send(characterJson(c));
    },
  );

  app.get(
    '/characters/:lodestoneId',
    {
      preHandler: read,
      schema: {
        tags: ['characters'],
        summary: 'One of your characters',
        security: securityFor('characters:read'),
        params,
        response: { 200: characterSchema, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req) => characterJson(await visible(principalOf(req), req.params.lodestoneId)),
  );

  app.patch(
    '/characters/:lodestoneId',
    {
      preHandler: write,
      schema: {
        tags: ['characters'],
        summary: 'Update a character (name, world, data center, region, images)',
        security: securityFor('characters:write'),
        params,
        body: updateCharacterSchema,
        response: { 200: characterSchema, ...errors(400, 401, 403, 404, 415, 429) },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      const c = await visible(caller, req.params.lodestoneId);
      return characterJson(await characters.update(caller.userId, c.id, req.body));
    },
  );

  app.delete(
    '/characters/:lodestoneId',
    {
      preHandler: write,
      schema: {
        tags: ['characters'],
        summary: 'Unlink a character',
        description: "The character's own tasks are deleted with it; account-wide tasks stay.",
        security: securityFor('characters:write'),
        params,
        response: { 204: z.null(), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      const caller = principalOf(req);
      const c = await visible(caller, req.params.lodestoneId);
      await characters.unlink(caller.userId, c.id);
      return reply.code(204).send(null);
    },
  );
};
