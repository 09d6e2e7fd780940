import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER, chatInput } from './fakeDiscord/index.js';
import { startBotHarness, type BotHarness } from './helpers/botHarness.js';
import { startHttpHarness, type HttpHarness, type LoginResult } from './helpers/httpHarness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the assertions check the bodies
const json = async (r: Response): Promise<any> => r.json();

describe('ordering and hiding tasks over HTTP', () => {
  let h: HttpHarness;
  let a: LoginResult;
  let b: LoginResult;
  const ids: string[] = [];
  beforeAll(async () => {
    h = await startHttpHarness();
    a = await h.login();
    b = await h.login();
    for (const name of ['One', 'Two', 'Three']) ids.push((await json(await h.api('/tasks', { method: 'POST', token: a.jwt, json: { name, cadence: 'daily' } }))).id);
  });
  afterAll(() => h.stop());
  const names = async (query = '') => (await json(await h.api(`/tasks${query}`, { token: a.jwt }))).map((t: { name: string }) => t.name);

  it('puts tasks in the given order, the rest after them, and every list follows', async () => {
    const res = await h.api('/tasks/order', { method: 'PUT', token: a.jwt, json: { ids: [ids[2], ids[0]] } });
    expect(res.status).toBe(200);
    expect((await json(res)).map((t: { name: string; position: number }) => [t.name, t.position])).toEqual([['Three', 0], ['One', 1], ['Two', 2]]);
    expect(await names()).toEqual(['Three', 'One', 'Two']);
  });

  it('hides a task without deleting it; lists leave it out unless asked', async () => {
    const hide = await h.api(`/tasks/${ids[0]}`, { method: 'PATCH', token: a.jwt, json: { hidden: true } });
    expect(await json(hide)).toMatchObject({ name: 'One', hidden: true });
    expect(await names()).toEqual(['Three', 'Two']);
    expect(await names('?hidden=include')).toEqual(['Three', 'One', 'Two']);
    expect(await names('?hidden=only')).toEqual(['One']);
    // It keeps its history: completing it still works, and showing it again brings it back where it was.
    expect((await h.api(`/tasks/${ids[0]}/completion`, { method: 'PUT', token: a.jwt })).status).toBe(200);
    await h.api(`/tasks/${ids[0]}`, { method: 'PATCH', token: a.jwt, json: { hidden: false } });
    expect(await names()).toEqual(['Three', 'One', 'Two']);
  });

  it("refuses someone else's task, a repeated id, or an empty list, and moves nothing", async () => {
    const before = await names();
    const other = (await json(await h.api('/tasks', { method: 'POST', token: b.jwt, json: { name: 'Theirs', cadence: 'daily' } }))).id;
    expect((await h.api('/tasks/order', { method: 'PUT', token: a.jwt, json: { ids: [other, ids[1]] } })).status).toBe(404);
    expect((await h.api('/tasks/order', { method: 'PUT', token: a.jwt, json: { ids: [ids[1], ids[1]] } })).status).toBe(400);
    expect((await h.api('/tasks/order', { method: 'PUT', token: a.jwt, json: { ids: [] } })).status).toBe(400);
    expect(await names()).toEqual(before);
  });
});

describe('the bot follows the order and leaves hidden tasks out', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(() => h.stop());

  it('/tasks shows the player order without the hidden ones', async () => {
    const me = await h.services.users.upsertFromDiscord({ discordId: DEFAULT_USER.id, username: DEFAULT_USER.username });
    const made = [];
    for (const name of ['Alpha', 'Beta', 'Gamma']) made.push(await h.services.tasks.create(me.id, { name, cadence: 'daily' }));
    await h.services.tasks.reorder(me.id, { ids: [made[2]!.id, made[1]!.id, made[0]!.id] });
    await h.services.tasks.update(me.id, made[1]!.id, { hidden: true });
    const cb = await h.discord.dispatchInteraction(chatInput('tasks'));
    const field = cb.data!.embeds![0]!.fields!.map((f) => f.value).join('\n');
    expect(field.indexOf('Gamma')).toBeLessThan(field.indexOf('Alpha'));
    expect(field).not.toContain('Beta');
  });
});
