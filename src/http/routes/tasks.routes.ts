import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addPresetsSchema, createTaskSchema, taskFilterSchema, updateTaskSchema } from '../../tasks/task.schema.js';
import { principalOf, requireUser } from '../authenticate.js';
import { errors, taskSchema } from '../schemas.js';
import type { HttpDeps } from '../server.js';
import { taskJson } from '../views.js';

const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const security = [{ bearer: [] }];

/** The task REST; every route acts only on the caller's own tasks (another user's id is a 404). */
export const taskRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, { services }) => {
  app.addHook('preHandler', requireUser(services.sessions));
  const tasks = services.tasks;

  app.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Your tasks with live status',
        security,
        querystring: taskFilterSchema,
        response: { 200: z.array(taskSchema), ...errors(400, 401, 404) },
      },
    },
    async (req) => (await tasks.list(principalOf(req).userId, req.query)).map(taskJson),
  );

  app.post(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Create a task',
        description: '`cooldown` tasks need `intervalHours`; `jumbo-cactpot` tasks need a `characterId` or a `region`.',
        security,
        body: createTaskSchema,
        response: { 201: taskSchema, ...errors(400, 401, 404, 409, 413, 415) },
      },
    },
    async (req, reply) => {
      const t = await tasks.create(principalOf(req).userId, req.body);
      return reply.code(201).header('location', `/tasks/${t.id}`).send(taskJson(t));
    },
  );

  app.post(
    '/tasks/presets',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Add several presets at once',
        description: 'Presets already present (for the same character, or account-wide) are skipped and listed in `skipped`.',
        security,
        body: addPresetsSchema,
        response: { 201: z.object({ added: z.array(taskSchema), skipped: z.array(z.string()) }), ...errors(400, 401, 404, 409, 415) },
      },
    },
    async (req, reply) => {
      const r = await tasks.addPresets(principalOf(req).userId, req.body);
      return reply.code(201).send({ added: r.added.map(taskJson), skipped: r.skipped });
    },
  );

  app.get(
    '/tasks/:id',
    { schema: { tags: ['tasks'], summary: 'One task', security, params: idParams, response: { 200: taskSchema, ...errors(401, 404) } } },
    async (req) => taskJson(await tasks.get(principalOf(req).userId, req.params.id)),
  );

  app.patch(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Rename, edit notes or move a task',
        security,
        params: idParams,
        body: updateTaskSchema,
        response: { 200: taskSchema, ...errors(400, 401, 404, 415) },
      },
    },
    async (req) => taskJson(await tasks.update(principalOf(req).userId, req.params.id, req.body)),
  );

  app.delete(
    '/tasks/:id',
    { schema: { tags: ['tasks'], summary: 'Delete a task and its history', security, params: idParams, response: { 204: z.null(), ...errors(401, 404) } } },
    async (req, reply) => {
      await tasks.remove(principalOf(req).userId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/tasks/:id/completion',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Mark done for the current period',
        description: 'Idempotent: completing a task that is already done changes nothing.',
        security,
        params: idParams,
        response: { 200: taskSchema, ...errors(401, 404) },
      },
    },
    async (req) => taskJson(await tasks.complete(principalOf(req).userId, req.params.id)),
  );

  app.delete(
    '/tasks/:id/completion',
    {
      schema: { tags: ['tasks'], summary: 'Reopen for the current period', security, params: idParams, response: { 200: taskSchema, ...errors(401, 404) } },
    },
    async (req) => taskJson(await tasks.undo(principalOf(req).userId, req.params.id)),
  );
};
