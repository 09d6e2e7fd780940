import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linkRequestSchema, lodestoneIdSchema, lodestoneSearchSchema, updateCharacterSchema } from '../../characters/character.schema.js';
import { assertCovers, coversCharacter, requireBroad, securityFor } from '../access.js';
import { principalOf, requireAccess, type AccessDeps } from '../authenticate.js';
import { characterSchema, codeNotFoundSchema, errors, lodestoneSearchEntrySchema, searchErrorSchema, verificationSchema } from '../schemas.js';
import type { HttpDeps } from '../server.js';
import { characterJson, iso } from '../views.js';

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
        operationId: 'listCharacters',
        summary: 'Your linked characters (possibly empty)',
        description: 'With an API key limited to some characters, only those.',
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
        operationId: 'linkCharacter',
        summary: 'Link a character, read from the Lodestone',
        description:
          'Send one of `{ "lodestoneId" }`, `{ "url" }` (a profile URL on any regional Lodestone; only its id is used, the page is ' +
          'always read from the service\'s own Lodestone) or `{ "name", "world" }` (searched; the name must match exactly, any case, on that ' +
          'world). The character is answered as the Lodestone shows it: name, world, data center, region, images, title and free company ' +
          'are read from its profile, and any of them sent along are ignored. `verified` starts false: see the verification routes.\n\n' +
          'Lodestone failures: 404 `LODESTONE_NOT_FOUND` (no such id, or no exact match, with `candidates`), 409 `LODESTONE_AMBIGUOUS` ' +
          '(several characters of that name, with `candidates`), 403 `LODESTONE_HIDDEN` / `LODESTONE_PRIVATE`, 503 `LODESTONE_MAINTENANCE` ' +
          'or `LODESTONE_RATE_LIMITED` and 502 `LODESTONE_UNAVAILABLE` (timeout, unreachable), each with `Retry-After`. A failure links nothing.\n\n' +
          'With `LODESTONE_URL=off` on the service (see `GET /features`), send the whole character by hand: `lodestoneId`, `name`, ' +
          '`world`, `datacenter`, `region` (and optionally `avatarUrl`, `portraitUrl`); anything less is 400.\n\n' +
          '409 `CONFLICT` if you already linked it, `LIMIT_REACHED` past 40 characters. Needs the broad `characters:write` with an API key.',
        security: securityFor('characters:write'),
        body: linkRequestSchema,
        response: { 201: characterSchema, 404: searchErrorSchema, 409: searchErrorSchema, ...errors(400, 401, 403, 415, 429, 502, 503) },
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
        operationId: 'getCharacter',
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
        operationId: 'updateCharacter',
        summary: 'Update a character linked by hand (name, world, data center, region, images)',
        description:
          'Send at least one field. With the Lodestone on (see `GET /features`), every one of these fields comes from the profile: ' +
          'changing any answers 409 `LODESTONE_MANAGED`; refresh the character instead.',
        security: securityFor('characters:write'),
        params,
        body: updateCharacterSchema,
        response: { 200: characterSchema, ...errors(400, 401, 403, 404, 409, 415, 429) },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      const c = await visible(caller, req.params.lodestoneId);
      return characterJson(await characters.update(caller.userId, c.id, req.body));
    },
  );

  app.post(
    '/characters/:lodestoneId/refresh',
    {
      preHandler: write,
      schema: {
        tags: ['characters'],
        operationId: 'refreshCharacter',
        summary: 'Read the character again from the Lodestone',
        description:
          'Always a fresh read, never the cache: picks up a rename, a world transfer or a data-center move (which changes the region, ' +
          'and with it region-bound tasks such as the Jumbo Cactpot). Lodestone failures as for linking; a failure changes nothing. ' +
          '409 `LODESTONE_OFF` when the service does not read the Lodestone; 429 `TOO_MANY_REQUESTS` past your share of Lodestone reads.',
        security: securityFor('characters:write'),
        params,
        response: { 200: characterSchema, ...errors(400, 401, 403, 404, 409, 429, 502, 503) },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      const c = await visible(caller, req.params.lodestoneId);
      return characterJson(await characters.refresh(caller.userId, c.id));
    },
  );

  app.post(
    '/characters/:lodestoneId/verification',
    {
      preHandler: write,
      schema: {
        tags: ['characters'],
        operationId: 'startCharacterVerification',
        summary: 'Get a code to prove the character is yours',
        description:
          'Answers a short code, bound to you and this character and valid 30 minutes. Paste it into the character\'s Lodestone ' +
          '"Character Profile" text, save, then call `POST /characters/{lodestoneId}/verification/check`. Asking again replaces the code.',
        security: securityFor('characters:write'),
        params,
        response: { 201: verificationSchema, ...errors(400, 401, 403, 404, 409, 415, 429) },
      },
    },
    async (req, reply) => {
      const caller = principalOf(req);
      const c = await visible(caller, req.params.lodestoneId);
      const v = await services.verification.start(caller.userId, c.id);
      return reply.code(201).send({ code: v.code, expiresAt: iso(v.expiresAt), instructions: v.instructions, character: characterJson(v.character) });
    },
  );

  app.post(
    '/characters/:lodestoneId/verification/check',
    {
      preHandler: write,
      schema: {
        tags: ['characters'],
        operationId: 'checkCharacterVerification',
        summary: 'Look for the code in the Lodestone profile',
        description:
          'Reads the profile afresh and looks for the code in the "Character Profile" text only. Found: the character is answered with ' +
          '`verified: true` (the code may then be removed from the profile). One account holds a verified character: if another had it, ' +
          'it moves to you, and that account keeps an unverified link with `lostVerificationAt` set (and a DM where the bot runs). ' +
          '409 `CODE_NOT_FOUND` says what the profile shows instead (`found`: private, empty, other-text); 410 `CODE_EXPIRED` for a code ' +
          'older than 30 minutes or none. Nothing changes on a failure.',
        security: securityFor('characters:write'),
        params,
        response: { 200: characterSchema, 409: codeNotFoundSchema, ...errors(400, 401, 403, 404, 410, 415, 429, 502, 503) },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      const c = await visible(caller, req.params.lodestoneId);
      return characterJson((await services.verification.check(caller.userId, c.id)).character);
    },
  );

  app.get(
    '/lodestone/characters',
    {
      preHandler: read,
      schema: {
        tags: ['characters'],
        operationId: 'searchLodestoneCharacters',
        summary: 'Search the Lodestone for a character by name on a world',
        description:
          'The first page of the Lodestone\'s own search (partial name matches included, possibly none), to pick from before linking. ' +
          '409 `LODESTONE_OFF` when the service does not read the Lodestone; 429 `TOO_MANY_REQUESTS` past your share of Lodestone reads.',
        security: securityFor('characters:read'),
        querystring: lodestoneSearchSchema,
        response: { 200: z.array(lodestoneSearchEntrySchema), ...errors(400, 401, 403, 409, 429, 502, 503) },
      },
    },
    async (req) => characters.search(principalOf(req).userId, req.query),
  );

  app.delete(
    '/characters/:lodestoneId',
    {
      preHandler: write,
      schema: {
        tags: ['characters'],
        operationId: 'unlinkCharacter',
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
