import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLog } from './helpers/captureLog.js';
import { startHttpHarness, type HttpHarness, type LoginResult } from './helpers/httpHarness.js';

let h: HttpHarness;
let owner: LoginResult;
const cap = captureLog('info');
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

beforeAll(async () => {
  h = await startHttpHarness({ log: cap.log, env: { API_KEY_RATE_MAX: '1000' } });
  owner = await h.login({ username: 'keyholder' });
});
afterAll(async () => h.stop());

async function makeKey(scopes: string[], extra: Record<string, unknown> = {}) {
  const r = await h.api('/api-keys', { method: 'POST', token: owner.jwt, json: { name: `key ${scopes.join(' ')}`, scopes, ...extra } });
  expect(r.status).toBe(201);
  return json<{ id: string; key: string; prefix: string; scopes: string[] }>(r);
}
const withKey = (key: string, path: string, init: RequestInit & { json?: unknown } = {}) =>
  h.api(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-api-key': key } });

async function newTask(characterId?: string) {
  return json<{ id: string }>(await h.api('/tasks', { method: 'POST', token: owner.jwt, json: { name: 'scoped', cadence: 'daily', ...(characterId && { characterId }) } }));
}
let lodestone = 500;
async function newCharacter() {
  lodestone += 1;
  return json<{ id: string; lodestoneId: string }>(
    await h.api('/characters', { method: 'POST', token: owner.jwt, json: { lodestoneId: String(lodestone), name: `Char ${lodestone}`, world: 'Ragnarok', datacenter: 'Chaos', region: 'eu' } }),
  );
}

describe('API key lifecycle', () => {
  it('shows the key once, lists only its prefix, and revokes at once', async () => {
    const created = await makeKey(['tasks:read']);
    expect(created.key).toMatch(/^ffxt_[\w-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const listText = await (await h.api('/api-keys', { token: owner.jwt })).text();
    expect(listText).toContain(created.prefix);
    expect(listText).not.toContain(created.key);
    expect((await withKey(created.key, '/tasks')).status).toBe(200);
    expect((await h.api(`/api-keys/${created.id}`, { method: 'DELETE', token: owner.jwt })).status).toBe(204);
    const refused = await withKey(created.key, '/tasks');
    expect(refused.status).toBe(401);
    expect(await json(refused)).toMatchObject({ code: 'API_KEY_INVALID' });
  });

  it('refuses unknown and expired keys, and bad scopes at creation', async () => {
    expect((await withKey('ffxt_nope', '/tasks')).status).toBe(401);
    const soon = await makeKey(['tasks:read'], { expiresAt: new Date(h.clock.now() + 60_000).toISOString() });
    expect((await withKey(soon.key, '/tasks')).status).toBe(200);
    h.clock.advance(60_000);
    expect(await json(await withKey(soon.key, '/tasks'))).toMatchObject({ code: 'API_KEY_INVALID' });
    for (const scopes of [['tasks:delete'], [], ['character:abc:read'], ['character:1:admin']]) {
      expect((await h.api('/api-keys', { method: 'POST', token: owner.jwt, json: { name: 'bad', scopes } })).status).toBe(400);
    }
    expect((await h.api('/api-keys', { method: 'POST', token: owner.jwt, json: { name: 'past', scopes: ['tasks:read'], expiresAt: '2020-01-01T00:00:00Z' } })).status).toBe(400);
  });

  it('can never create keys, list keys, refresh or log out', async () => {
    const { key } = await makeKey(['tasks:write', 'characters:write']);
    for (const [method, path] of [['POST', '/api-keys'], ['GET', '/api-keys'], ['POST', '/auth/logout'], ['POST', '/auth/logout-all'], ['GET', '/users/me']] as const) {
      const r = await withKey(key, path, { method, ...(method === 'POST' && { json: { name: 'x', scopes: ['tasks:read'] } }) });
      expect({ path, status: r.status }).toEqual({ path, status: 403 });
      expect(await json(r)).toMatchObject({ code: 'API_KEY_NOT_ALLOWED' });
    }
    // A key is not a refresh token either, even put where one goes.
    const refresh = await h.api('/auth/refresh', { method: 'POST', json: { refreshToken: key } });
    expect(refresh.status).toBe(401);
    expect(await json(refresh)).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('cannot be seen or revoked by another user', async () => {
    const { id, key } = await makeKey(['tasks:read']);
    const stranger = await h.login({ username: 'stranger' });
    const listed = await json<{ id: string }[]>(await h.api('/api-keys', { token: stranger.jwt }));
    expect(listed.map((k) => k.id)).not.toContain(id);
    const revoke = await h.api(`/api-keys/${id}`, { method: 'DELETE', token: stranger.jwt });
    expect(revoke.status).toBe(404);
    expect(await json(revoke)).toMatchObject({ code: 'NOT_FOUND' });
    // Still the owner's, and still working.
    expect((await withKey(key, '/tasks')).status).toBe(200);
    expect((await json<{ id: string }[]>(await h.api('/api-keys', { token: owner.jwt }))).map((k) => k.id)).toContain(id);
  });

  it('stops at 25 keys per user with LIMIT_REACHED, and a revoked key frees a place', async () => {
    const other = await h.login({ username: 'collector' });
    const create = () => h.api('/api-keys', { method: 'POST', token: other.jwt, json: { name: 'k', scopes: ['tasks:read'] } });
    let last: { id: string } | undefined;
    for (let i = 0; i < 25; i++) last = (await (await create()).json()) as { id: string };
    const refused = await create();
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'LIMIT_REACHED' });
    expect(((await (await h.api('/api-keys', { token: other.jwt })).json()) as unknown[]).length).toBe(25);
    await h.api(`/api-keys/${last!.id}`, { method: 'DELETE', token: other.jwt });
    expect((await create()).status).toBe(201);
  });

  it('updates last used at most once a minute', async () => {
    const { id, key } = await makeKey(['tasks:read']);
    const lastUsed = async () => (await h.store.db.selectFrom('api_keys').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()).last_used_at;
    await withKey(key, '/tasks');
    const first = await lastUsed();
    expect(first).toBe(h.clock.now());
    h.clock.advance(30_000);
    await withKey(key, '/tasks');
    expect(await lastUsed()).toBe(first);
    h.clock.advance(31_000);
    await withKey(key, '/tasks');
    expect(await lastUsed()).toBe(h.clock.now());
  });
});

describe('scope table: every route × every broad scope', () => {
  type Route = { name: string; scope: string; call: (key: string) => Promise<Response>; ok: number };
  const routes: Route[] = [
    { name: 'GET /tasks', scope: 'tasks:read', ok: 200, call: (k) => withKey(k, '/tasks') },
    { name: 'POST /tasks', scope: 'tasks:write', ok: 201, call: (k) => withKey(k, '/tasks', { method: 'POST', json: { name: 'by key', cadence: 'weekly' } }) },
    { name: 'POST /tasks/presets', scope: 'tasks:write', ok: 201, call: (k) => withKey(k, '/tasks/presets', { method: 'POST', json: { keys: ['mini-cactpot'] } }) },
    { name: 'GET /tasks/:id', scope: 'tasks:read', ok: 200, call: async (k) => withKey(k, `/tasks/${(await newTask()).id}`) },
    { name: 'PATCH /tasks/:id', scope: 'tasks:write', ok: 200, call: async (k) => withKey(k, `/tasks/${(await newTask()).id}`, { method: 'PATCH', json: { name: 'renamed' } }) },
    { name: 'DELETE /tasks/:id', scope: 'tasks:write', ok: 204, call: async (k) => withKey(k, `/tasks/${(await newTask()).id}`, { method: 'DELETE' }) },
    { name: 'PUT /tasks/:id/completion', scope: 'tasks:write', ok: 200, call: async (k) => withKey(k, `/tasks/${(await newTask()).id}/completion`, { method: 'PUT' }) },
    { name: 'DELETE /tasks/:id/completion', scope: 'tasks:write', ok: 200, call: async (k) => withKey(k, `/tasks/${(await newTask()).id}/completion`, { method: 'DELETE' }) },
    { name: 'GET /characters', scope: 'characters:read', ok: 200, call: (k) => withKey(k, '/characters') },
    {
      name: 'POST /characters', scope: 'characters:write', ok: 201,
      call: (k) => withKey(k, '/characters', { method: 'POST', json: { lodestoneId: String(++lodestone), name: 'Key Made', world: 'Odin', datacenter: 'Light', region: 'eu' } }),
    },
    { name: 'GET /characters/:id', scope: 'characters:read', ok: 200, call: async (k) => withKey(k, `/characters/${(await newCharacter()).lodestoneId}`) },
    { name: 'PATCH /characters/:id', scope: 'characters:write', ok: 200, call: async (k) => withKey(k, `/characters/${(await newCharacter()).lodestoneId}`, { method: 'PATCH', json: { name: 'New Name' } }) },
    { name: 'DELETE /characters/:id', scope: 'characters:write', ok: 204, call: async (k) => withKey(k, `/characters/${(await newCharacter()).lodestoneId}`, { method: 'DELETE' }) },
  ];
  const scopes = ['tasks:read', 'tasks:write', 'characters:read', 'characters:write'];
  const covers = (held: string, needed: string) => held === needed || (held.endsWith(':write') && needed === held.replace(':write', ':read'));
  const cases = routes.flatMap((r) => scopes.map((s) => [r.name, s, r] as const));

  it.each(cases)('%s with %s', async (_n, scope, route) => {
    const { id, key } = await makeKey([scope]);
    const res = await route.call(key);
    await h.api(`/api-keys/${id}`, { method: 'DELETE', token: owner.jwt });
    if (covers(scope, route.scope)) {
      expect(res.status).toBe(route.ok);
    } else {
      expect(res.status).toBe(403);
      const body = await json<{ code: string; error: string }>(res);
      expect(body.code).toBe('INSUFFICIENT_SCOPE');
      expect(body.error).toContain(route.scope);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="insufficient_scope"/);
    }
  });
});

describe('a key narrowed to one character', () => {
  it('sees and touches only that character and its tasks', async () => {
    const mine = await newCharacter();
    const other = await newCharacter();
    const myTask = await newTask(mine.id);
    const otherTask = await newTask(other.id);
    const accountTask = await newTask();
    const { key } = await makeKey([`character:${mine.lodestoneId}:write`]);

    const list = await json<{ id: string }[]>(await withKey(key, '/tasks'));
    expect(list.map((t) => t.id)).toEqual([myTask.id]);
    expect((await withKey(key, `/tasks/${myTask.id}/completion`, { method: 'PUT' })).status).toBe(200);
    for (const id of [otherTask.id, accountTask.id]) {
      expect((await withKey(key, `/tasks/${id}`)).status).toBe(404);
      expect((await withKey(key, `/tasks/${id}/completion`, { method: 'PUT' })).status).toBe(404);
      expect((await withKey(key, `/tasks/${id}`, { method: 'DELETE' })).status).toBe(404);
    }
    expect((await withKey(key, '/tasks', { method: 'POST', json: { name: 'x', cadence: 'daily', characterId: other.id } })).status).toBe(404);
    expect((await withKey(key, '/tasks', { method: 'POST', json: { name: 'x', cadence: 'daily' } })).status).toBe(403);
    expect((await withKey(key, '/tasks', { method: 'POST', json: { name: 'x', cadence: 'daily', characterId: mine.id } })).status).toBe(201);
    expect((await json<{ lodestoneId: string }[]>(await withKey(key, '/characters'))).map((c) => c.lodestoneId)).toEqual([mine.lodestoneId]);
    expect((await withKey(key, `/characters/${other.lodestoneId}`)).status).toBe(404);
    // Nothing outside changed.
    expect(await json(await h.api(`/tasks/${otherTask.id}`, { token: owner.jwt }))).toMatchObject({ done: false });
  });

  it('a read-only character key cannot write', async () => {
    const c = await newCharacter();
    const t = await newTask(c.id);
    const { key } = await makeKey([`character:${c.lodestoneId}:read`]);
    expect((await withKey(key, `/tasks/${t.id}`)).status).toBe(200);
    expect(await json(await withKey(key, `/tasks/${t.id}/completion`, { method: 'PUT' }))).toMatchObject({ code: 'INSUFFICIENT_SCOPE' });
  });
});

describe('key limits and logs', () => {
  it('rate-limits each key with 429 and Retry-After', async () => {
    const strict = await startHttpHarness({ env: { API_KEY_RATE_MAX: '3' } });
    try {
      const login = await strict.login();
      const mk = async () =>
        ((await (await strict.api('/api-keys', { method: 'POST', token: login.jwt, json: { name: 'k', scopes: ['tasks:read'] } })).json()) as { key: string }).key;
      const [a, b] = [await mk(), await mk()];
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await strict.api('/tasks', { headers: { 'x-api-key': a } })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await strict.api('/tasks', { headers: { 'x-api-key': a } });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
      expect((await strict.api('/tasks', { headers: { 'x-api-key': b } })).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });

  it('never writes a key to the logs', async () => {
    const { key } = await makeKey(['tasks:read']);
    expect((await withKey(key, '/tasks')).status).toBe(200);
    const inQuery = await h.api(`/tasks?api_key=${key}`);
    expect(inQuery.status).toBe(401);
    expect(await json(inQuery)).toMatchObject({ code: 'TOKEN_IN_QUERY' });
    // Both requests were logged, so the absence below means something.
    expect(cap.lines.filter((l) => (l.req as { url?: string } | undefined)?.url === '/tasks').length).toBeGreaterThanOrEqual(2);
    expect(cap.text()).not.toContain(key);
    expect(cap.text()).not.toContain(key.slice(10));
  });

  it('are described in the OpenAPI document', async () => {
    const doc = await json<{ paths: Record<string, Record<string, { security: unknown }>>; components: { securitySchemes: Record<string, { in?: string; name?: string }> } }>(await h.api('/openapi.json'));
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ in: 'header', name: 'x-api-key' });
    expect(doc.paths['/tasks/{id}/completion']!.put!.security).toEqual([{ bearer: [] }, { apiKey: ['tasks:write'] }]);
    expect(doc.paths['/api-keys']!.post!.security).toEqual([{ bearer: [] }]);
  });
});
