import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addPresetsSchema, createTaskSchema, reorderTasksSchema, taskFilterSchema, updateTaskSchema } from '../../tasks/task.schema.js';
import { assertCovers, coveredCharacterIds, requireBroad, securityFor } from '../access.js';
import { principalOf, requireAccess, type AccessDeps } from '../authenticate.js';
import { errors, idParams, taskSchema } from '../schemas.js';
import type { TaskListCache } from '../taskListCache.js';
import type { HttpDeps } from '../server.js';
import { taskJson } from '../views.js';


/** The task REST; every route acts only on the caller's own tasks (another user's id is a 404). */
export const taskRoutes: FastifyPluginAsyncZod<HttpDeps & { access: AccessDeps; taskListCache: TaskListCache }> = async (
  app,
  { services, access, clock, taskListCache },
) => {
  const tasks = services.tasks;
  const read = requireAccess(access, 'tasks', 'read');
  const write = requireAccess(access, 'tasks', 'write');

  /**
   * 404 unless the caller may touch this task. Only keys narrowed to characters need the look;
   * for everyone else the service's own ownership check is enough, and no extra read is made.
   */
  const checkVisible = async (caller: ReturnType<typeof principalOf>, id: string) => {
    if (caller.grant.kind === 'all') return;
    const { characterId } = await tasks.get(caller.userId, id);
    assertCovers(caller, characterId && (await services.characters.get(caller.userId, characterId)).lodestoneId, 'Task');
  };

  /** A narrowed key may only create tasks for its characters. */
  const checkNewTaskCharacter = async (caller: ReturnType<typeof principalOf>, characterRef: string | null | undefined) => {
    if (caller.grant.kind === 'all') return;
    if (!characterRef) return requireBroad(caller, 'tasks');
    assertCovers(caller, (await services.characters.get(caller.userId, characterRef)).lodestoneId, 'Character');
  };

  app.get(
    '/tasks',
    {
      preHandler: read,
      schema: {
        tags: ['tasks'],
        operationId: 'listTasks',
        summary: 'Your tasks with live status',
        description:
          'Filters combine. `characterId` (our id or the Lodestone id) must be one of your characters, else 404; with an API key ' +
          'limited to some characters, one of those (a key sees only its characters\' tasks, never account-wide ones).',
        security: securityFor('tasks:read'),
        querystring: taskFilterSchema,
        response: { 200: z.array(taskSchema), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      const caller = principalOf(req);
      const allowed = await coveredCharacterIds(services, caller);
      // A narrowed key asking for another of the owner's characters: not found, as outside the key.
      if (allowed && req.query.characterId) {
        assertCovers(caller, (await services.characters.get(caller.userId, req.query.characterId)).lodestoneId, 'Character');
      }
      if (allowed || caller.tasksVersion == null) {
        const list = await tasks.list(caller.userId, req.query);
        return (allowed ? list.filter((t) => t.characterId != null && allowed.has(t.characterId)) : list).map(taskJson);
      }
      // A login session's list is cached per version; see TaskListCache.
      const { status, ...filter } = req.query;
      const key = `${caller.userId}|${filter.cadence ?? ''}|${filter.characterId ?? ''}|${status ?? ''}|${filter.hidden ?? ''}`;
      const now = clock();
      let body = taskListCache.get(key, caller.tasksVersion, now);
      if (body === undefined) {
        const all = await tasks.list(caller.userId, filter);
        body = Buffer.from(JSON.stringify((status ? all.filter((t) => t.done === (status === 'done')) : all).map(taskJson)));
        // Until the first period in the list ends, the answer stays the same unless a write bumps the version.
        const validUntil = all.reduce((min, t) => (t.periodEnd != null && t.periodEnd < min ? t.periodEnd : min), Number.POSITIVE_INFINITY);
        taskListCache.set(key, caller.tasksVersion, validUntil, body);
      }
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  app.post(
    '/tasks',
    {
      preHandler: write,
      schema: {
        tags: ['tasks'],
        operationId: 'createTask',
        summary: 'Create a task',
        description:
          '`cooldown` tasks need `intervalHours` (and only they take it); `jumbo-cactpot` tasks need a `characterId` or a `region`. ' +
          'Names are trimmed. `characterId` must be one of your characters (404 otherwise); with an API key limited to some ' +
          'characters, one of those, and an account-wide task needs the broad `tasks:write` (403). 409 `LIMIT_REACHED` past 500 tasks.',
        security: securityFor('tasks:write'),
        body: createTaskSchema,
        response: { 201: taskSchema, ...errors(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    async (req, reply) => {
      const caller = principalOf(req);
      await checkNewTaskCharacter(caller, req.body.characterId);
      const t = await tasks.create(caller.userId, req.body);
      return reply.code(201).header('location', `/tasks/${t.id}`).send(taskJson(t));
    },
  );

  app.post(
    '/tasks/presets',
    {
      preHandler: write,
      schema: {
        tags: ['tasks'],
        operationId: 'addPresetTasks',
        summary: 'Add several presets at once',
        description:
          'Keys come from `GET /presets`. Presets already present (for the same character, or account-wide) are skipped and listed in ' +
          '`skipped`. The Jumbo Cactpot needs a `characterId`. Unknown keys refuse the whole call (400); past 500 tasks, 409 `LIMIT_REACHED`.',
        security: securityFor('tasks:write'),
        body: addPresetsSchema,
        response: { 201: z.object({ added: z.array(taskSchema), skipped: z.array(z.string()) }), ...errors(400, 401, 403, 404, 409, 415, 429) },
      },
    },
    async (req, reply) => {
      const caller = principalOf(req);
      await checkNewTaskCharacter(caller, req.body.characterId);
      const r = await tasks.addPresets(caller.userId, req.body);
      return reply.code(201).send({ added: r.added.map(taskJson), skipped: r.skipped });
    },
  );

  app.put(
    '/tasks/order',
    {
      preHandler: write,
      schema: {
        tags: ['tasks'],
        operationId: 'reorderTasks',
        summary: 'Put your tasks in your order',
        description:
          'The given tasks come first, in this order; the others keep theirs after them. Every id must be one of your tasks (404 ' +
          'otherwise, and nothing moves). The bot\'s `/tasks` and every list follow the same order. Needs a login session or a ' +
          'key with the broad `tasks:write` scope.',
        security: securityFor('tasks:write'),
        body: reorderTasksSchema,
        response: { 200: z.array(taskSchema), ...errors(400, 401, 403, 404, 415, 429) },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      requireBroad(caller, 'tasks');
      return (await tasks.reorder(caller.userId, req.body)).map(taskJson);
    },
  );

  app.get(
    '/tasks/:id',
    {
      preHandler: read,
      schema: {
        tags: ['tasks'],
        operationId: 'getTask',
        summary: 'One task',
        security: securityFor('tasks:read'),
        params: idParams,
        response: { 200: taskSchema, ...errors(401, 403, 404, 429) },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      await checkVisible(caller, req.params.id);
      return taskJson(await tasks.get(caller.userId, req.params.id));
    },
  );

  app.patch(
    '/tasks/:id',
    {
      preHandler: write,
      schema: {
        tags: ['tasks'],
        operationId: 'updateTask',
        summary: 'Edit a task: name, notes, cadence, character, place, hidden',
        description:
          'Send at least one field; what you leave out stays. Names are trimmed; empty `notes` (or null) clears them. The task ' +
          'as it will be follows the rules of `POST /tasks`: a `cooldown` has `intervalHours` (kept when it stays a cooldown) ' +
          'and no other cadence takes them (they are dropped when it stops being one); a `jumbo-cactpot` task needs a ' +
          'character or a `region` (400). `characterId` moves the task to one of your characters (404 otherwise), null makes ' +
          'it account-wide; with an API key limited to some characters, to one of those. A preset keeps the game\'s reset: ' +
          'changing its `cadence`, `intervalHours` or `region` answers 409 `PRESET_CADENCE` (it may move to another ' +
          'character, which a preset Jumbo Cactpot needs, but not onto one that already tracks it: 409 `CONFLICT`).\n\n' +
          '**A new cadence keeps the history.** When the reset rule changes (cadence, a cooldown\'s hours, or the ' +
          'Jumbo Cactpot drawing through `region` or the character), every completion stays and the status follows the last ' +
          'one under the new rule: the task is done if that completion falls inside its new current period (a cooldown: if ' +
          'the new interval has not run out since; a to-do: if it was done when changed), else open. So a daily task done since ' +
          'the weekly reset and made weekly stays done; a weekly task done before today\'s daily reset and made daily is open ' +
          'again. A refused edit changes nothing.',
        security: securityFor('tasks:write'),
        params: idParams,
        body: updateTaskSchema,
        response: { 200: taskSchema, ...errors(400, 401, 403, 404, 409, 415, 429) },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      await checkVisible(caller, req.params.id);
      if (req.body.characterId !== undefined) await checkNewTaskCharacter(caller, req.body.characterId);
      return taskJson(await tasks.update(caller.userId, req.params.id, req.body));
    },
  );

  app.delete(
    '/tasks/:id',
    {
      preHandler: write,
      schema: {
        tags: ['tasks'],
        operationId: 'deleteTask',
        summary: 'Delete a task and its history',
        security: securityFor('tasks:write'),
        params: idParams,
        response: { 204: z.null(), ...errors(401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      const caller = principalOf(req);
      await checkVisible(caller, req.params.id);
      await tasks.remove(caller.userId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/tasks/:id/completion',
    {
      preHandler: write,
      schema: {
        tags: ['tasks'],
        operationId: 'completeTask',
        summary: 'Mark done for the current period',
        description: 'Idempotent: completing a task that is already done changes nothing.',
        security: securityFor('tasks:write'),
        params: idParams,
        response: { 200: taskSchema, ...errors(401, 403, 404, 429) },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      await checkVisible(caller, req.params.id);
      return taskJson(await tasks.complete(caller.userId, req.params.id));
    },
  );

  app.delete(
    '/tasks/:id/completion',
    {
      preHandler: write,
      schema: {
        tags: ['tasks'],
        operationId: 'reopenTask',
        summary: 'Reopen for the current period',
        description: 'Idempotent: reopening a task that is open changes nothing.',
        security: securityFor('tasks:write'),
        params: idParams,
        response: { 200: taskSchema, ...errors(401, 403, 404, 429) },
      },
    },
    async (req) => {
      const caller = principalOf(req);
      await checkVisible(caller, req.params.id);
      return taskJson(await tasks.undo(caller.userId, req.params.id));
    },
  );
};
