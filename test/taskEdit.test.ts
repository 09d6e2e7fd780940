import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHarness, type HttpHarness, type LoginResult } from './helpers/httpHarness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the assertions check the bodies
const json = async (r: Response): Promise<any> => r.json();

// Monday 23 November 2026, 10:00 UTC: the daily period began Sunday 15:00, the week Tuesday 17th 08:00.
const START = '2026-11-23T10:00:00Z';

let h: HttpHarness;
let a: LoginResult;
let b: LoginResult;
let lodestone = 900;

beforeAll(async () => {
  h = await startHttpHarness({ start: START });
  a = await h.login();
  b = await h.login();
});
afterAll(() => h.stop());

const create = async (body: Record<string, unknown>, token = a.jwt) => {
  const r = await h.api('/tasks', { method: 'POST', token, json: body });
  expect(r.status).toBe(201);
  return json(r);
};
const preset = async (key: string, characterId?: string) => {
  const r = await h.api('/tasks/presets', { method: 'POST', token: a.jwt, json: { keys: [key], ...(characterId && { characterId }) } });
  expect(r.status).toBe(201);
  return (await json(r)).added[0];
};
const character = async (token = a.jwt, region = 'eu') => {
  lodestone += 1;
  const r = await h.api('/characters', { method: 'POST', token, json: { lodestoneId: String(lodestone), name: `Char ${lodestone}`, world: 'Ragnarok', datacenter: 'Chaos', region } });
  expect(r.status).toBe(201);
  return json(r);
};
const patch = (id: string, body: unknown, token = a.jwt) => h.api(`/tasks/${id}`, { method: 'PATCH', token, json: body });
const get = async (id: string) => json(await h.api(`/tasks/${id}`, { token: a.jwt }));
const complete = (id: string) => h.api(`/tasks/${id}/completion`, { method: 'PUT', token: a.jwt });
const reopen = (id: string) => h.api(`/tasks/${id}/completion`, { method: 'DELETE', token: a.jwt });
/** Moves the service's clock, logging in again (a 15-minute token would not survive the jump). */
const at = async (iso: string) => {
  h.clock.set(iso);
  a = await h.login({ id: a.user.discordId, username: a.user.username });
};

/** Sends an edit that must be refused with `status` and `code`, and checks the task is exactly as before. */
async function refused(id: string, body: unknown, status: number, code: string, token = a.jwt) {
  const before = await get(id);
  const r = await patch(id, body, token);
  expect([r.status, (await json(r)).code]).toEqual([status, code]);
  expect(await get(id)).toEqual(before);
}

describe('editing everything a task has over PATCH /tasks/:id', () => {
  it('changes name, notes, cadence, hours and character, leaving out what is not sent', async () => {
    const c = await character();
    const t = await create({ name: 'Maps', cadence: 'daily', notes: 'gather' });
    const edited = await json(await patch(t.id, { name: '  Timeworn maps ', cadence: 'cooldown', intervalHours: 18, characterId: c.lodestoneId }));
    expect(edited).toMatchObject({ name: 'Timeworn maps', notes: 'gather', cadence: 'cooldown', intervalHours: 18, characterId: c.id, region: 'eu' });
    // Staying a cooldown keeps its hours; another character by our id; then account-wide again.
    expect(await json(await patch(t.id, { notes: '', characterId: null }))).toMatchObject({ notes: null, intervalHours: 18, characterId: null, region: null });
    expect(await json(await patch(t.id, { intervalHours: 20 }))).toMatchObject({ cadence: 'cooldown', intervalHours: 20 });
    // Leaving cooldowns drops the hours.
    expect(await json(await patch(t.id, { cadence: 'weekly' }))).toMatchObject({ cadence: 'weekly', intervalHours: null });
    expect(await get(t.id)).toMatchObject({ name: 'Timeworn maps', cadence: 'weekly', intervalHours: null, characterId: null });
  });

  it('applies the cooldown rules of POST /tasks to the task as it will be', async () => {
    const t = await create({ name: 'Daily thing', cadence: 'daily' });
    await refused(t.id, { cadence: 'cooldown' }, 400, 'VALIDATION');
    await refused(t.id, { intervalHours: 5 }, 400, 'VALIDATION');
    await refused(t.id, { cadence: 'weekly', intervalHours: 5 }, 400, 'VALIDATION');
    const cd = await create({ name: 'Cooldown', cadence: 'cooldown', intervalHours: 12 });
    await refused(cd.id, { intervalHours: null }, 400, 'VALIDATION');
    await refused(cd.id, { intervalHours: 0 }, 400, 'VALIDATION');
    await refused(cd.id, { cadence: 'once', intervalHours: 12 }, 400, 'VALIDATION');
  });

  it('wants a character or a region for a Jumbo Cactpot task of your own', async () => {
    const c = await character(a.jwt, 'jp');
    const t = await create({ name: 'Tickets', cadence: 'daily' });
    await refused(t.id, { cadence: 'jumbo-cactpot' }, 400, 'VALIDATION');
    expect(await json(await patch(t.id, { cadence: 'jumbo-cactpot', characterId: c.id }))).toMatchObject({ cadence: 'jumbo-cactpot', region: 'jp' });
    await refused(t.id, { characterId: null }, 400, 'VALIDATION');
    expect(await json(await patch(t.id, { characterId: null, region: 'oc' }))).toMatchObject({ characterId: null, region: 'oc' });
    await refused(t.id, { region: null }, 400, 'VALIDATION');
  });

  it("keeps a preset's reset the game's (409 PRESET_CADENCE) but lets it move to another character", async () => {
    const [c1, c2] = [await character(), await character(a.jwt, 'na')];
    const roulette = await preset('roulette-expert', c1.id);
    await refused(roulette.id, { cadence: 'weekly' }, 409, 'PRESET_CADENCE');
    await refused(roulette.id, { name: 'Expert', cadence: 'weekly' }, 409, 'PRESET_CADENCE');
    const map = await preset('treasure-map', c1.id);
    await refused(map.id, { intervalHours: 12 }, 409, 'PRESET_CADENCE');
    // Sending what it already is, as a full form does, is no change.
    expect(await json(await patch(map.id, { name: 'Maps', cadence: 'cooldown', intervalHours: 18 }))).toMatchObject({ name: 'Maps', intervalHours: 18 });
    expect(await json(await patch(roulette.id, { characterId: c2.id, notes: 'tomes' }))).toMatchObject({ characterId: c2.id, notes: 'tomes', cadence: 'daily' });
    expect((await patch(roulette.id, { characterId: null })).status).toBe(200);

    const jumbo = await preset('jumbo-cactpot', c1.id);
    await refused(jumbo.id, { region: 'jp' }, 409, 'PRESET_CADENCE');
    // The preset takes its drawing from a character, as when it is added.
    await refused(jumbo.id, { characterId: null }, 400, 'VALIDATION');
    expect(await json(await patch(jumbo.id, { characterId: c2.id }))).toMatchObject({ characterId: c2.id, region: 'na' });
    // One preset per owner: not onto a character that tracks it already.
    const again = await preset('jumbo-cactpot', c1.id);
    await refused(again.id, { characterId: c2.id }, 409, 'CONFLICT');
  });

  it("refuses another user's character or task with 404 and changes nothing", async () => {
    const theirs = await character(b.jwt);
    const t = await create({ name: 'Mine', cadence: 'daily' });
    await refused(t.id, { characterId: theirs.id }, 404, 'NOT_FOUND');
    await refused(t.id, { characterId: theirs.lodestoneId, name: 'Stolen' }, 404, 'NOT_FOUND');
    await refused(t.id, { characterId: 'no-such-character' }, 404, 'NOT_FOUND');
    expect((await patch(t.id, { name: 'Theirs now' }, b.jwt)).status).toBe(404);
    expect((await get(t.id)).name).toBe('Mine');
  });

  it('lets a key limited to some characters move a task only between them', async () => {
    const [inside, outside] = [await character(), await character()];
    const r = await h.api('/api-keys', { method: 'POST', token: a.jwt, json: { name: 'narrow', scopes: [`character:${inside.lodestoneId}:write`, `character:${inside.lodestoneId}:read`] } });
    const { key } = await json(r);
    const t = await create({ name: 'Scoped', cadence: 'daily', characterId: inside.id });
    const withKey = (body: unknown) => h.api(`/tasks/${t.id}`, { method: 'PATCH', headers: { 'x-api-key': key }, json: body });
    expect((await withKey({ characterId: outside.id })).status).toBe(404);
    expect((await withKey({ characterId: null })).status).toBe(403);
    expect((await withKey({ name: 'Scoped, renamed' })).status).toBe(200);
    expect(await get(t.id)).toMatchObject({ name: 'Scoped, renamed', characterId: inside.id });
  });
});

describe('what a new cadence does to the current completion', () => {
  it('keeps a completion that falls inside the new period, and reopening then works', async () => {
    await at(START);
    const t = await create({ name: 'Carry', cadence: 'daily' });
    expect((await complete(t.id)).status).toBe(200);
    // Done Monday 10:00, inside the week that began Tuesday 17th.
    expect(await json(await patch(t.id, { cadence: 'weekly' }))).toMatchObject({ done: true, periodStart: '2026-11-17T08:00:00.000Z' });
    await at('2026-11-23T16:00:00Z');
    // Back to daily after the daily reset: Monday 10:00 is before this period.
    expect(await json(await patch(t.id, { cadence: 'daily' }))).toMatchObject({ done: false });
    expect(await json(await patch(t.id, { cadence: 'weekly' }))).toMatchObject({ done: true });
    expect(await json(await reopen(t.id))).toMatchObject({ done: false });
    expect(await json(await complete(t.id))).toMatchObject({ done: true });
  });

  it('a to-do stays done only if it was done when changed; a cooldown counts from the completion', async () => {
    await at(START);
    const t = await create({ name: 'Todo', cadence: 'daily' });
    await complete(t.id);
    expect(await json(await patch(t.id, { cadence: 'once' }))).toMatchObject({ done: true });
    expect(await json(await reopen(t.id))).toMatchObject({ done: false });

    const old = await create({ name: 'Done yesterday', cadence: 'daily' });
    await complete(old.id);
    await at('2026-11-24T10:00:00Z'); // the next day: open as a daily
    expect(await json(await patch(old.id, { cadence: 'once' }))).toMatchObject({ done: false });
    expect(await json(await complete(old.id))).toMatchObject({ done: true });
    // Reopening a to-do does not bring back what it was done as before.
    expect(await json(await reopen(old.id))).toMatchObject({ done: false });

    const cd = await create({ name: 'Cooldown soon', cadence: 'daily' });
    await complete(cd.id);
    await at('2026-11-24T12:00:00Z');
    expect(await json(await patch(cd.id, { cadence: 'cooldown', intervalHours: 3 }))).toMatchObject({ done: true, periodEnd: '2026-11-24T13:00:00.000Z' });
    expect(await json(await patch(cd.id, { intervalHours: 1 }))).toMatchObject({ done: false });
    await at(START);
  });

  it('follows the drawing of the character a Jumbo Cactpot task moves to', async () => {
    // Saturday 28th 20:00 UTC: past the EU drawing (Sat 19:00), before the NA one (Sun 02:00).
    await at('2026-11-28T18:00:00Z');
    const [eu, na] = [await character(a.jwt, 'eu'), await character(a.jwt, 'na')];
    const t = await create({ name: 'Cactpot', cadence: 'jumbo-cactpot', characterId: na.id });
    await complete(t.id);
    await at('2026-11-28T20:00:00Z');
    expect(await get(t.id)).toMatchObject({ done: true });
    expect(await json(await patch(t.id, { characterId: eu.id }))).toMatchObject({ done: false, region: 'eu' });
    await at(START);
  });
});
