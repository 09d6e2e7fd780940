import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/openStore.js';
import { TaskService } from '../src/tasks/task.service.js';
import { taskJson } from '../src/http/views.js';
import { startHttpHarness, type HttpHarness, type LoginResult } from './helpers/httpHarness.js';
import { silentLog } from './helpers/testStore.js';

// GET /tasks answers are cached per user; every way the list can change must show at once.
let h: HttpHarness;
let me: LoginResult;
type Task = { id: string; name: string; done: boolean; region: string | null; periodEnd: string | null };
beforeAll(async () => {
  h = await startHttpHarness({ start: '2026-11-23T10:00:00Z' });
  me = await h.login();
});
afterAll(async () => h.stop());

const list = async (query = '') => (await (await h.api(`/tasks${query}`, { token: me.jwt })).json()) as Task[];
const send = (path: string, method: string, json?: unknown) => h.api(path, { method, token: me.jwt, ...(json !== undefined && { json }) });

describe('the GET /tasks cache never serves a stale list', () => {
  it('shows every write at once', async () => {
    expect(await list()).toEqual([]);
    const t = (await (await send('/tasks', 'POST', { name: 'Expert roulette', cadence: 'daily' })).json()) as Task;
    expect((await list()).map((x) => x.name)).toEqual(['Expert roulette']);
    // The cached answer is what the service computes afresh.
    expect(await list()).toEqual(JSON.parse(JSON.stringify((await h.services.tasks.list(me.user.id)).map(taskJson))));

    await send(`/tasks/${t.id}`, 'PATCH', { name: 'Expert (DRK)' });
    expect((await list())[0]!.name).toBe('Expert (DRK)');
    await send(`/tasks/${t.id}/completion`, 'PUT');
    expect((await list())[0]!.done).toBe(true);
    expect((await list('?status=open')).length).toBe(0);
    await send(`/tasks/${t.id}/completion`, 'DELETE');
    expect((await list())[0]!.done).toBe(false);
    expect((await list('?status=open')).length).toBe(1);

    await send('/tasks/presets', 'POST', { keys: ['mini-cactpot'] });
    expect((await list()).map((x) => x.name)).toEqual(['Expert (DRK)', 'Mini Cactpot']);

    await send('/characters', 'POST', { lodestoneId: '777', name: 'Cache Test', world: 'Odin', datacenter: 'Light', region: 'eu' });
    const c = (await (await send('/characters/777', 'GET')).json()) as { id: string };
    await send('/tasks', 'POST', { name: 'Jumbo', cadence: 'jumbo-cactpot', characterId: c.id });
    expect((await list()).find((x) => x.name === 'Jumbo')?.region).toBe('eu');
    await send('/characters/777', 'PATCH', { region: 'na' });
    expect((await list()).find((x) => x.name === 'Jumbo')).toMatchObject({ region: 'na', periodEnd: '2026-11-29T02:00:00.000Z' });
    await send('/characters/777', 'DELETE');
    expect((await list()).some((x) => x.name === 'Jumbo')).toBe(false);

    await send(`/tasks/${t.id}`, 'DELETE');
    expect((await list()).map((x) => x.name)).toEqual(['Mini Cactpot']);
  });

  it('reopens tasks at the reset without any write', async () => {
    const [mini] = await list();
    await send(`/tasks/${mini!.id}/completion`, 'PUT');
    expect((await list())[0]!.done).toBe(true);
    h.clock.set('2026-11-23T14:59:00.000Z');
    me = await h.login({ id: me.user.discordId }); // the old access token has expired by now
    expect((await list())[0]!.done).toBe(true);
    h.clock.set('2026-11-23T15:00:00.000Z');
    expect((await list())[0]).toMatchObject({ done: false, periodEnd: '2026-11-24T15:00:00.000Z' });
  });

  it('shows a write made by another process on the same database', async () => {
    const [mini] = await list();
    expect(mini!.done).toBe(false);
    const other = await openStore(h.url, silentLog);
    try {
      await new TaskService(other.db, h.clock.now).complete(me.user.id, mini!.id);
    } finally {
      await other.close();
    }
    expect((await list())[0]!.done).toBe(true);
  });
});
