import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHarness, type HttpHarness, type LoginResult } from './helpers/httpHarness.js';
import { captureLog } from './helpers/captureLog.js';
import { renderResetCalendar } from '../src/calendar/icsCalendar.js';

let h: HttpHarness;
let alice: LoginResult;
let bob: LoginResult;
beforeAll(async () => {
  h = await startHttpHarness({ start: '2026-11-23T10:00:00Z' });
  alice = await h.login({ username: 'alice' });
  bob = await h.login({ username: 'bob' });
});
afterAll(async () => h.stop());

type Task = Record<string, unknown> & { id: string; done: boolean };
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

describe('tasks over HTTP', () => {
  it('creates, lists, edits, completes, reopens and deletes a task', async () => {
    const created = await h.api('/tasks', { method: 'POST', token: alice.jwt, json: { name: 'Expert roulette', cadence: 'daily', notes: 'tank' } });
    expect(created.status).toBe(201);
    const t = await json<Task>(created);
    expect(created.headers.get('location')).toBe(`/tasks/${t.id}`);
    expect(t).toMatchObject({
      name: 'Expert roulette', cadence: 'daily', notes: 'tank', done: false, completedAt: null, characterId: null,
      periodStart: '2026-11-22T15:00:00.000Z', periodEnd: '2026-11-23T15:00:00.000Z', presetKey: null,
    });
    expect(Object.keys(t).sort()).toEqual(
      ['characterId', 'cadence', 'completedAt', 'createdAt', 'done', 'hidden', 'id', 'intervalHours', 'name', 'notes', 'opensAt', 'periodEnd', 'periodStart', 'position', 'presetKey', 'region', 'updatedAt'].sort(),
    );

    const done = await json<Task>(await h.api(`/tasks/${t.id}/completion`, { method: 'PUT', token: alice.jwt }));
    expect(done).toMatchObject({ done: true, completedAt: '2026-11-23T10:00:00.000Z' });
    const again = await h.api(`/tasks/${t.id}/completion`, { method: 'PUT', token: alice.jwt });
    expect(again.status).toBe(200);
    expect((await json<Task>(again)).completedAt).toBe(done.completedAt);

    expect((await json<Task[]>(await h.api('/tasks?status=done', { token: alice.jwt }))).map((x) => x.id)).toEqual([t.id]);
    expect(await json<Task[]>(await h.api('/tasks?status=open', { token: alice.jwt }))).toEqual([]);

    const patched = await json<Task>(await h.api(`/tasks/${t.id}`, { method: 'PATCH', token: alice.jwt, json: { name: 'Expert (DRK)', notes: null } }));
    expect(patched).toMatchObject({ name: 'Expert (DRK)', notes: null, done: true });

    const undone = await json<Task>(await h.api(`/tasks/${t.id}/completion`, { method: 'DELETE', token: alice.jwt }));
    expect(undone.done).toBe(false);

    const del = await h.api(`/tasks/${t.id}`, { method: 'DELETE', token: alice.jwt });
    expect(del.status).toBe(204);
    expect((await h.api(`/tasks/${t.id}`, { token: alice.jwt })).status).toBe(404);
  });

  it('a completion reopens at the reset without any write', async () => {
    const t = await json<Task>(await h.api('/tasks', { method: 'POST', token: alice.jwt, json: { name: 'Leveling', cadence: 'daily' } }));
    await h.api(`/tasks/${t.id}/completion`, { method: 'PUT', token: alice.jwt });
    h.clock.set('2026-11-23T15:00:00Z');
    try {
      const completions = await h.store.db.selectFrom('completions').selectAll().execute();
      // The access token has expired by now: log in again as the same Discord user.
      const again = await h.login({ id: alice.user.discordId });
      expect(await json<Task>(await h.api(`/tasks/${t.id}`, { token: again.jwt }))).toMatchObject({ done: false, periodEnd: '2026-11-24T15:00:00.000Z' });
      expect(await h.store.db.selectFrom('completions').selectAll().execute()).toEqual(completions);
    } finally {
      h.clock.set('2026-11-23T10:00:00Z');
    }
  });

  it('refuses bodies that try to set ids, owners or timestamps, and bad filters', async () => {
    const before = (await json<Task[]>(await h.api('/tasks', { token: alice.jwt }))).length;
    for (const body of [
      { name: 'x', cadence: 'daily', id: 'mine' },
      { name: 'x', cadence: 'daily', userId: bob.user.id },
      { name: 'x', cadence: 'daily', createdAt: '2020-01-01T00:00:00Z' },
      { name: '', cadence: 'daily' },
      { name: 'x', cadence: 'fortnightly' },
      { name: 'x'.repeat(101), cadence: 'daily' },
    ]) {
      const r = await h.api('/tasks', { method: 'POST', token: alice.jwt, json: body });
      expect(r.status).toBe(400);
      expect(await json(r)).toMatchObject({ code: 'VALIDATION', error: expect.any(String) });
    }
    expect((await h.api('/tasks?status=maybe', { token: alice.jwt })).status).toBe(400);
    expect((await json<Task[]>(await h.api('/tasks', { token: alice.jwt }))).length).toBe(before);
  });

  it('adds presets in bulk and lists the public catalogue and reset times', async () => {
    const presets = await json<{ key: string; cadence: string }[]>(await h.api('/presets'));
    expect(presets.find((p) => p.key === 'gc-supply-provisioning')?.cadence).toBe('gc-daily');
    const r = await h.api('/tasks/presets', { method: 'POST', token: bob.jwt, json: { keys: ['mini-cactpot', 'wondrous-tails'] } });
    expect(r.status).toBe(201);
    expect((await json<{ added: Task[] }>(r)).added).toHaveLength(2);
    const r2 = await json<{ added: Task[]; skipped: string[] }>(
      await h.api('/tasks/presets', { method: 'POST', token: bob.jwt, json: { keys: ['mini-cactpot', 'fashion-report'] } }),
    );
    expect(r2.added.map((t) => t.presetKey)).toEqual(['fashion-report']);
    expect(r2.skipped).toEqual(['mini-cactpot']);

    const resets = await json<{ periods: { cadence: string; region: string | null; periodEnd: string }[]; events: { event: string; nextReset: string }[] }>(await h.api('/resets'));
    expect(resets.periods.find((p) => p.cadence === 'daily')?.periodEnd).toBe('2026-11-23T15:00:00.000Z');
    expect(resets.periods.find((p) => p.cadence === 'weekly')?.periodEnd).toBe('2026-11-24T08:00:00.000Z');
    expect(resets.periods.find((p) => p.cadence === 'gc-daily')?.periodEnd).toBe('2026-11-23T20:00:00.000Z');
    expect(resets.periods.find((p) => p.region === 'na')?.periodEnd).toBe('2026-11-29T02:00:00.000Z');
    expect(resets.events.find((e) => e.event === 'ocean-fishing')?.nextReset).toBe('2026-11-23T12:00:00.000Z');
  });
});

describe('characters over HTTP', () => {
  const john = { lodestoneId: '12345678', name: 'John Finalfantasy', world: 'Midgardsormr', datacenter: 'Aether', region: 'na' };

  it('links, reads, updates and unlinks a character in the seed shape', async () => {
    expect(await json(await h.api('/characters', { token: alice.jwt }))).toEqual([]);
    const created = await h.api('/characters', { method: 'POST', token: alice.jwt, json: john });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/characters/12345678');
    const c = await json<Record<string, unknown>>(created);
    expect(c).toMatchObject({ ...john, avatarUrl: null, portraitUrl: null, persistentKey: expect.stringMatching(/^[\w-]{27}$/) });
    expect((await h.api('/characters', { method: 'POST', token: alice.jwt, json: john })).status).toBe(409);
    expect((await h.api('/characters', { method: 'POST', token: alice.jwt, json: { ...john, lodestoneId: 'abc' } })).status).toBe(400);

    const task = await json<Task>(await h.api('/tasks', { method: 'POST', token: alice.jwt, json: { name: 'Jumbo', cadence: 'jumbo-cactpot', characterId: c.id } }));
    expect(task).toMatchObject({ region: 'na', periodEnd: '2026-11-29T02:00:00.000Z' });
    expect((await json<Task[]>(await h.api(`/tasks?characterId=${c.id as string}`, { token: alice.jwt }))).map((t) => t.id)).toEqual([task.id]);

    const moved = await json(await h.api('/characters/12345678', { method: 'PATCH', token: alice.jwt, json: { region: 'eu', datacenter: 'Chaos', world: 'Ragnarok' } }));
    expect(moved).toMatchObject({ region: 'eu', world: 'Ragnarok' });
    // The task follows its character's region.
    expect(await json(await h.api(`/tasks/${task.id}`, { token: alice.jwt }))).toMatchObject({ region: 'eu', periodEnd: '2026-11-28T19:00:00.000Z' });

    expect((await h.api('/characters/12345678', { method: 'DELETE', token: alice.jwt })).status).toBe(204);
    expect((await h.api('/characters/12345678', { token: alice.jwt })).status).toBe(404);
    // Its tasks went with it.
    expect((await h.api(`/tasks/${task.id}`, { token: alice.jwt })).status).toBe(404);
  });
});

describe("one user cannot reach another's data", () => {
  it('answers 404 for every route on the other user\'s task and character, and changes nothing', async () => {
    const t = await json<Task>(await h.api('/tasks', { method: 'POST', token: alice.jwt, json: { name: 'Alice task', cadence: 'weekly' } }));
    await h.api('/characters', { method: 'POST', token: alice.jwt, json: { lodestoneId: '999', name: 'Al Ice', world: 'Tonberry', datacenter: 'Elemental', region: 'jp' } });
    const attempts: [string, string, unknown?][] = [
      ['GET', `/tasks/${t.id}`],
      ['PATCH', `/tasks/${t.id}`, { name: 'pwned' }],
      ['PUT', `/tasks/${t.id}/completion`],
      ['DELETE', `/tasks/${t.id}/completion`],
      ['DELETE', `/tasks/${t.id}`],
      ['GET', '/characters/999'],
      ['PATCH', '/characters/999', { name: 'Pwned Name' }],
      ['DELETE', '/characters/999'],
    ];
    for (const [method, path, body] of attempts) {
      const r = await h.api(path, { method, token: bob.jwt, ...(body !== undefined && { json: body }) });
      expect({ method, path, status: r.status }).toEqual({ method, path, status: 404 });
      const text = await r.text();
      expect(text).not.toContain('Alice task');
      expect(text).not.toContain('Al Ice');
    }
    expect((await json<Task[]>(await h.api('/tasks', { token: bob.jwt }))).some((x) => x.id === t.id)).toBe(false);
    expect(await json(await h.api(`/tasks/${t.id}`, { token: alice.jwt }))).toMatchObject({ name: 'Alice task', done: false });
    expect(await json(await h.api('/characters/999', { token: alice.jwt }))).toMatchObject({ name: 'Al Ice' });
  });
});

describe('HTTP edges', () => {
  it('speaks one error shape for unknown routes, wrong types, big bodies and broken JSON', async () => {
    const cases: [Response, number, string][] = [
      [await h.api('/nope'), 404, 'ROUTE_NOT_FOUND'],
      [await h.api('/tasks', { method: 'POST', token: alice.jwt, headers: { 'content-type': 'text/plain' }, body: 'name=x' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await h.api('/tasks', { method: 'POST', token: alice.jwt, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x&cadence=daily' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await h.api('/tasks', { method: 'POST', token: alice.jwt, json: { name: 'x', cadence: 'daily', notes: 'n'.repeat(70_000) } }), 413, 'BODY_TOO_LARGE'],
      [await h.api('/tasks', { method: 'POST', token: alice.jwt, headers: { 'content-type': 'application/json' }, body: '{"name": ' }), 400, 'INVALID_JSON'],
      [await h.api('/tasks', { method: 'POST', token: alice.jwt, headers: { 'content-type': 'application/json' }, body: '' }), 400, 'INVALID_JSON'],
    ];
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = await json<{ code: string; error: string }>(res);
      expect(body).toEqual({ code, error: expect.any(String) });
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+|SELECT|sqlite/i);
    }
  });

  it('sends CORS headers allowing Authorization to the web app origin, and security headers', async () => {
    const pre = await h.api('/tasks', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const other = await h.api('/healthz', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    // JSON answers carry OWASP's REST set, exactly, errors included; pages a browser renders carry helmet's document set.
    const API_SET = {
      'cache-control': 'no-store',
      'content-security-policy': "frame-ancestors 'none'",
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    };
    for (const res of [other, await h.api('/tasks'), await h.api('/no/such/route'), await h.api('/tasks', { method: 'POST', json: {} }), await h.api('/presets')]) {
      for (const [name, value] of Object.entries(API_SET)) expect([res.url, name, res.headers.get(name)]).toEqual([res.url, name, value]);
      expect(res.headers.get('cross-origin-opener-policy')).toBeNull();
    }
    // The reference page: helmet's document set (its CSP is the one the swagger-ui plugin needs; /app/'s is pinned in the browser tests).
    const page = await h.api('/docs/');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('cache-control')).not.toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('cross-origin-resource-policy')).toBe('same-site');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('publishes an OpenAPI document from the zod schemas and a local reference page', async () => {
    const doc = await json<{ openapi: string; paths: Record<string, Record<string, { security?: unknown }>>; components: { securitySchemes: Record<string, unknown> } }>(await h.api('/openapi.json'));
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/login', '/exchange', '/auth/refresh', '/auth/logout', '/users/me', '/tasks', '/tasks/{id}', '/tasks/{id}/completion', '/characters/{lodestoneId}', '/presets', '/resets']) {
      expect(doc.paths).toHaveProperty([p]);
    }
    expect(doc.paths['/tasks']!.get!.security).toEqual([{ bearer: [] }, { apiKey: ['tasks:read'] }]);
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
    const page = await h.api('/docs/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
  });

  it('serves the reset calendar, whole or for one region, and refuses an unknown region', async () => {
    const all = await h.api('/calendar.ics');
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await all.text()).toBe(renderResetCalendar());
    const eu = await h.api('/calendar.ics?region=eu');
    expect(eu.headers.get('content-disposition')).toContain('ffxiv-resets-eu.ics');
    const euText = await eu.text();
    expect(euText).toBe(renderResetCalendar('eu'));
    expect(euText).not.toBe(renderResetCalendar('na'));
    const bad = await h.api('/calendar.ics?region=mars');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION' });
  });

  it('answers readiness from the store', async () => {
    expect(await json(await h.api('/readyz'))).toEqual({ status: 'ok' });
  });
});

describe('when the store is gone', () => {
  it('answers /readyz 503 STORE_UNAVAILABLE and other routes 500 INTERNAL, without a trace, and logs the error', async () => {
    const cap = captureLog('info');
    const broken = await startHttpHarness({ log: cap.log });
    try {
      const { jwt } = await broken.login();
      expect((await broken.api('/readyz')).status).toBe(200);
      await broken.store.close();
      const ready = await broken.api('/readyz');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      const tasks = await broken.api('/tasks', { token: jwt });
      expect(tasks.status).toBe(500);
      const body = (await tasks.json()) as { code: string; error: string };
      expect(body).toEqual({ code: 'INTERNAL', error: expect.any(String) });
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+|driver|destroy/i);
      expect(cap.lines.some((l) => l.msg === 'Unhandled error' && l.level === 50)).toBe(true);
      // Liveness does not depend on the store.
      expect((await broken.api('/healthz')).status).toBe(200);
    } finally {
      await broken.stop();
    }
  });
});
