import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Board, Group } from '../../groups/group.types.js';
import { requireBroad, securityFor, sessionOnly } from '../access.js';
import { principalOf, requireAccess, requireSession, type AccessDeps } from '../authenticate.js';
import { errors } from '../schemas.js';
import type { HttpDeps } from '../server.js';
import { iso, isoOrNull } from '../views.js';

const groupParams = z.strictObject({ id: z.string().min(1).max(64) });

const groupSchema = z
  .object({
    id: z.string().describe('Also what a member shares to invite someone: joining needs it'),
    guildId: z.string().describe('The Discord server the group belongs to'),
    name: z.string(),
    presets: z.array(z.string()).describe('Tracked preset keys, in column order'),
    memberCount: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Group' });

const boardSchema = z
  .object({
    group: groupSchema,
    presets: z.array(z.object({ key: z.string(), name: z.string(), cadence: z.string() })),
    rows: z.array(
      z.object({
        you: z.boolean().describe('One of your own characters'),
        memberName: z.string(),
        characterName: z.string(),
        world: z.string(),
        verified: z.boolean(),
        cells: z.array(
          z.object({
            presetKey: z.string(),
            state: z.enum(['done', 'open', 'not-tracked']).describe('not-tracked: the member does not track that preset (it is not "open")'),
            periodEnd: z.string().nullable(),
          }),
        ),
      }),
    ),
    nextReset: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'GroupBoard' });

const groupJson = (g: Group) => ({ id: g.id, guildId: g.guildId, name: g.name, presets: g.presets, memberCount: g.memberCount, createdAt: iso(g.createdAt) });

const boardJson = (b: Board, viewerId: string) => ({
  group: groupJson(b.group),
  presets: b.presets,
  rows: b.rows.map((r) => ({
    you: r.userId === viewerId,
    memberName: r.memberName,
    characterName: r.characterName,
    world: r.world,
    verified: r.verified,
    cells: r.cells.map((c) => ({ presetKey: c.presetKey, state: c.state, periodEnd: isoOrNull(c.periodEnd) })),
  })),
  nextReset: isoOrNull(b.nextReset),
  at: iso(b.at),
});

/**
 * Group boards, for members only: anybody else gets 404, never the board. Groups are created in
 * Discord (they belong to a server); here members read boards, join and leave.
 */
export const groupRoutes: FastifyPluginAsyncZod<HttpDeps & { access: AccessDeps }> = async (app, { services, access }) => {
  const groups = services.groups;
  const read = requireAccess(access, 'tasks', 'read');
  const session = requireSession(services.sessions);

  app.get(
    '/groups',
    {
      preHandler: read,
      schema: {
        tags: ['groups'],
        operationId: 'listGroups',
        summary: 'The groups you are a member of',
        security: securityFor('tasks:read'),
        response: { 200: z.array(groupSchema), ...errors(401, 403, 429) },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      requireBroad(caller, 'tasks');
      return (await groups.listForUser(caller.userId)).map(groupJson);
    },
  );

  app.get(
    '/groups/:id',
    {
      preHandler: read,
      // A 304 has no body (RFC 9110 §15.4.5): the serialized `null` would leave a Content-Length of 4 that some clients wait for.
      onSend: (_req, reply, payload, done) => {
        if (reply.statusCode !== 304) return done(null, payload);
        void reply.removeHeader('content-type');
        done(null, '');
      },
      schema: {
        tags: ['groups'],
        operationId: 'getGroupBoard',
        summary: "A group's board: each member character's state of each tracked preset",
        description:
          'Only the tracked presets, never anything else of a member. Answers an `ETag`; send it back as `If-None-Match` ' +
          'to get `304 Not Modified` while the board has not changed: checking costs one small read, so polling every few ' +
          'seconds is cheap. The ETag changes with any member\'s task or character write and on the hour (resets fall on the hour).',
        security: securityFor('tasks:read'),
        params: groupParams,
        response: { 200: boardSchema, 304: z.null().describe('The board is as in your ETag'), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      const caller = principalOf(req);
      requireBroad(caller, 'tasks');
      // The version is one small read; the board itself (~5 ms at 50 × 25) only when it changed.
      const etag = `"${await groups.boardVersion(caller.userId, req.params.id)}"`;
      void reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send(null);
      // boardVersion has just checked the membership.
      return boardJson(await groups.boardOf(req.params.id), caller.userId);
    },
  );

  app.post(
    '/groups/:id/members',
    {
      preHandler: session,
      schema: {
        tags: ['groups'],
        operationId: 'joinGroup',
        summary: 'Join a group (or change the character you joined with)',
        description: 'With `characterId` (our id or a Lodestone id), one of your characters; without it, all of them. Answers the presets you do not track yet.',
        security: sessionOnly,
        params: groupParams,
        body: z.strictObject({ characterId: z.string().min(1).max(64).nullish() }),
        response: {
          200: z.object({ group: groupSchema, missingPresets: z.array(z.string()) }),
          ...errors(400, 401, 403, 404, 409, 415, 429),
        },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      const { group, missingPresets } = await groups.join(caller.userId, req.params.id, req.body.characterId ?? null);
      return { group: groupJson(group), missingPresets };
    },
  );

  app.delete(
    '/groups/:id/members/me',
    {
      preHandler: session,
      schema: {
        tags: ['groups'],
        operationId: 'leaveGroup',
        summary: 'Leave a group',
        security: sessionOnly,
        params: groupParams,
        response: { 204: z.null(), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      await groups.leave(principalOf(req).userId, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
