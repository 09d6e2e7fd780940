import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProfileRefresher } from '../src/characters/profileRefresher.js';
import { startFakeLodestone, type FakeCharacter, type FakeLodestone } from './fakeLodestone/index.js';
import { startHttpHarness, type HttpHarness, type LoginResult } from './helpers/httpHarness.js';
import { silentLog } from './helpers/testStore.js';

const ALYX: FakeCharacter = { id: '11111111', name: 'Alyx Bergen', world: 'Cerberus', datacenter: 'Chaos', title: 'Warrior of Light', bio: 'Hi there', freeCompany: { id: '9231253336202687179', name: 'Seventh Heaven' } };
const ALYXSON: FakeCharacter = { id: '11111112', name: 'Alyx Bergenson', world: 'Cerberus', datacenter: 'Chaos' };
const TWIN_A: FakeCharacter = { id: '22222221', name: 'Same Name', world: 'Odin', datacenter: 'Light' };
const TWIN_B: FakeCharacter = { id: '22222222', name: 'Same Name', world: 'Odin', datacenter: 'Light' };
const PRIVATE: FakeCharacter = { id: '33333333', name: 'Quiet One', world: 'Tonberry', datacenter: 'Elemental', visibility: 'private' };
const HIDDEN: FakeCharacter = { id: '44444444', name: 'Not Here', world: 'Zalera', datacenter: 'Crystal', visibility: 'hidden' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are checked by the assertions
const json = async (r: Response): Promise<any> => r.json();

let lodestone: FakeLodestone;
let h: HttpHarness;
let a: LoginResult;
let b: LoginResult;

beforeAll(async () => {
  lodestone = await startFakeLodestone({ characters: [ALYX, ALYXSON, TWIN_A, TWIN_B, PRIVATE, HIDDEN] });
  h = await startHttpHarness({ env: { LODESTONE_URL: lodestone.baseUrl, LODESTONE_MIN_GAP_MS: '0', LODESTONE_TIMEOUT_MS: '800', LODESTONE_CACHE_SECONDS: '600', LODESTONE_USER_CALLS_PER_MINUTE: '1000' } });
  a = await h.login();
  b = await h.login();
});
afterAll(async () => {
  await h?.stop();
  await lodestone?.close();
});
beforeEach(() => {
  lodestone.setDelay(0);
  lodestone.setMaintenance(false);
  lodestone.rateLimitNext(0, 0);
  lodestone.dropNext(0);
});

/** Every character row, to prove a failed call changed nothing. */
const snapshot = () => h.store.db.selectFrom('characters').selectAll().orderBy('id').execute();
const pagesAsked = () => lodestone.requests.filter((r) => r.path.startsWith('/lodestone/')).length;
const link = (who: LoginResult, json: unknown) => h.api('/characters', { method: 'POST', token: who.jwt, json });
const unlinkAll = async (who: LoginResult) => {
  for (const c of (await json(await h.api('/characters', { token: who.jwt }))) as { lodestoneId: string }[]) {
    await h.api(`/characters/${c.lodestoneId}`, { method: 'DELETE', token: who.jwt });
  }
};

describe('linking a character read from the Lodestone', () => {
  beforeEach(async () => {
    await unlinkAll(a);
    await unlinkAll(b);
  });

  it('by a profile URL on any regional Lodestone: everything comes from the page', async () => {
    const before = lodestone.requests.length;
    const res = await link(a, { url: `https://eu.finalfantasyxiv.com/lodestone/character/${ALYX.id}/` });
    expect(res.status).toBe(201);
    const c = await json(res);
    expect(c).toMatchObject({
      lodestoneId: ALYX.id,
      name: 'Alyx Bergen',
      world: 'Cerberus',
      datacenter: 'Chaos',
      region: 'eu',
      title: 'Warrior of Light',
      freeCompany: { id: '9231253336202687179', name: 'Seventh Heaven' },
      avatarUrl: lodestone.avatarUrl(ALYX.id),
      portraitUrl: lodestone.portraitUrl(ALYX.id),
      verified: false,
      verifiedAt: null,
      lostVerificationAt: null,
    });
    expect(Date.parse(c.fetchedAt)).toBe(h.clock.now());
    // Read from LODESTONE_URL (the fake), never from the host in the URL, and as a polite named client.
    const asked = lodestone.requests.slice(before);
    expect(asked.map((r) => r.path)).toEqual([`/lodestone/character/${ALYX.id}/`]);
    expect(asked[0]!.userAgent).toMatch(/FFXIV-Tracker/);
  });

  it('by a bare id, ignoring the name, world or images a client sends along', async () => {
    const res = await link(a, { lodestoneId: ALYX.id, name: 'Mallory', world: 'Odin', avatarUrl: 'https://evil.example/x.png' });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ name: 'Alyx Bergen', world: 'Cerberus', avatarUrl: lodestone.avatarUrl(ALYX.id) });
  });

  it('by name and world: the exact name (any case) among partial matches', async () => {
    const res = await link(a, { name: 'alyx bergen', world: 'cerberus' });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ lodestoneId: ALYX.id, name: 'Alyx Bergen' });
  });

  it('by name and world: several matches answer them and link nothing', async () => {
    const before = await snapshot();
    const res = await link(a, { name: 'Same Name', world: 'Odin' });
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.code).toBe('LODESTONE_AMBIGUOUS');
    expect(body.error).toMatch(/profile URL/);
    expect(body.candidates.map((c: { lodestoneId: string }) => c.lodestoneId).sort()).toEqual([TWIN_A.id, TWIN_B.id]);
    expect(await snapshot()).toEqual(before);
  });

  it('by name and world: no exact match says what the search found', async () => {
    const res = await link(a, { name: 'Alyx Berg', world: 'Cerberus' });
    expect(res.status).toBe(404);
    const body = await json(res);
    expect(body.code).toBe('LODESTONE_NOT_FOUND');
    const none = await link(a, { name: 'Nobody Atall', world: 'Cerberus' });
    expect(none.status).toBe(404);
    expect((await json(none)).candidates).toEqual([]);
  });

  it('refuses a URL that is not a Lodestone profile, without fetching anything', async () => {
    const before = lodestone.requests.length;
    for (const url of [
      `https://na.finalfantasyxiv.com.evil.example/lodestone/character/${ALYX.id}/`,
      `http://127.0.0.1:1/lodestone/character/${ALYX.id}/`,
      `https://na.finalfantasyxiv.com/lodestone/freecompany/${ALYX.id}/`,
    ]) {
      const res = await link(a, { url });
      expect(res.status).toBe(400);
      expect((await json(res)).code).toBe('VALIDATION');
    }
    expect(lodestone.requests.length).toBe(before);
  });

  it('refuses an incomplete or contradictory body', async () => {
    for (const body of [{}, { name: 'Alyx Bergen' }, { lodestoneId: ALYX.id, url: `https://na.finalfantasyxiv.com/lodestone/character/${ALYX.id}/` }, { lodestoneId: '12x' }]) {
      const res = await link(a, body);
      expect(res.status).toBe(400);
      expect((await json(res)).code).toBe('VALIDATION');
    }
  });

  it('reads a profile once for several links within the cache time', async () => {
    expect((await link(a, { lodestoneId: ALYX.id })).status).toBe(201);
    const before = pagesAsked();
    expect((await link(b, { lodestoneId: ALYX.id })).status).toBe(201);
    expect(pagesAsked()).toBe(before);
  });

  it('does not let a client rewrite what the Lodestone is the source of', async () => {
    await link(a, { lodestoneId: ALYX.id });
    const res = await h.api(`/characters/${ALYX.id}`, { method: 'PATCH', token: a.jwt, json: { name: 'Renamed By Hand' } });
    expect(res.status).toBe(409);
    expect((await json(res)).code).toBe('LODESTONE_MANAGED');
  });
});

describe('every way the Lodestone can fail has its own answer and changes nothing', () => {
  beforeAll(async () => {
    await unlinkAll(a);
  });

  const cases: { name: string; arrange: () => void; id: string; status: number; code: string; retryAfter?: boolean }[] = [
    { name: 'an unknown id', arrange: () => undefined, id: '99999999', status: 404, code: 'LODESTONE_NOT_FOUND' },
    { name: 'a hidden character (403)', arrange: () => undefined, id: HIDDEN.id, status: 403, code: 'LODESTONE_HIDDEN' },
    { name: 'a private profile', arrange: () => undefined, id: PRIVATE.id, status: 403, code: 'LODESTONE_PRIVATE' },
    { name: 'maintenance', arrange: () => lodestone.setMaintenance(true), id: '55555551', status: 503, code: 'LODESTONE_MAINTENANCE', retryAfter: true },
    { name: 'a 429 with Retry-After', arrange: () => lodestone.rateLimitNext(1, 0), id: '55555552', status: 503, code: 'LODESTONE_RATE_LIMITED', retryAfter: true },
    { name: 'a timeout', arrange: () => lodestone.setDelay(2_000), id: '55555553', status: 502, code: 'LODESTONE_UNAVAILABLE', retryAfter: true },
    { name: 'a dropped connection', arrange: () => lodestone.dropNext(1), id: '55555554', status: 502, code: 'LODESTONE_UNAVAILABLE', retryAfter: true },
  ];

  it.each(cases)('$name → $status $code', async ({ arrange, id, status, code, retryAfter }) => {
    lodestone.upsertCharacter({ id: '55555551', name: 'Fine Fellow', world: 'Odin', datacenter: 'Light' });
    lodestone.upsertCharacter({ id: '55555552', name: 'Fine Fellow', world: 'Odin', datacenter: 'Light' });
    lodestone.upsertCharacter({ id: '55555553', name: 'Fine Fellow', world: 'Odin', datacenter: 'Light' });
    lodestone.upsertCharacter({ id: '55555554', name: 'Fine Fellow', world: 'Odin', datacenter: 'Light' });
    arrange();
    const before = await snapshot();
    const res = await link(a, { lodestoneId: id });
    expect(res.status).toBe(status);
    const body = await json(res);
    expect(body.code).toBe(code);
    expect(body.error).toMatch(/Lodestone|profile/);
    if (retryAfter) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });
});

describe('refresh', () => {
  it('reads afresh after a rename, a world transfer and a data-center move; region-bound tasks follow', async () => {
    await unlinkAll(a);
    const moving: FakeCharacter = { id: '66666666', name: 'Wanderer Sol', world: 'Cerberus', datacenter: 'Chaos' };
    lodestone.upsertCharacter(moving);
    expect((await link(a, { lodestoneId: moving.id })).status).toBe(201);
    const task = await json(await h.api('/tasks', { method: 'POST', token: a.jwt, json: { name: 'Jumbo Cactpot', cadence: 'jumbo-cactpot', characterId: moving.id } }));
    expect(task.region).toBe('eu');
    const tasksBefore = await json(await h.api('/tasks', { token: a.jwt }));
    const endBefore = tasksBefore.find((t: { id: string }) => t.id === task.id).periodEnd;

    lodestone.upsertCharacter({ ...moving, name: 'Wanderer Luna', world: 'Gilgamesh', datacenter: 'Aether' });
    // Within the cache time: a refresh still reads the page again.
    const res = await h.api(`/characters/${moving.id}/refresh`, { method: 'POST', token: a.jwt });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ name: 'Wanderer Luna', world: 'Gilgamesh', datacenter: 'Aether', region: 'na' });
    const tasksAfter = await json(await h.api('/tasks', { token: a.jwt }));
    expect(tasksAfter.find((t: { id: string }) => t.id === task.id).region).toBe('na');
    // The NA drawing (Sun 02:00 UTC) follows the EU one (Sat 19:00 UTC) by seven hours.
    expect(Date.parse(tasksAfter.find((t: { id: string }) => t.id === task.id).periodEnd) - Date.parse(endBefore)).toBe(7 * 3_600_000);
  });

  it('a failed refresh changes nothing; another user cannot refresh yours', async () => {
    const before = await snapshot();
    lodestone.setMaintenance(true);
    const res = await h.api('/characters/66666666/refresh', { method: 'POST', token: a.jwt });
    expect(res.status).toBe(503);
    lodestone.setMaintenance(false);
    expect(await snapshot()).toEqual(before);
    expect((await h.api('/characters/66666666/refresh', { method: 'POST', token: b.jwt })).status).toBe(404);
  });

  it('keeps characters linked by hand, unverified and never read, until their first refresh', async () => {
    await unlinkAll(a);
    lodestone.upsertCharacter({ id: '77777777', name: 'Old Timer', world: 'Balmung', datacenter: 'Crystal' });
    const now = h.clock.now();
    const me = await h.store.db.selectFrom('users').select('id').where('discord_id', '=', a.user.discordId).executeTakeFirstOrThrow();
    await h.store.db
      .insertInto('characters')
      .values({ id: 'legacy-row', user_id: me.id, lodestone_id: '77777777', name: 'Typed By Hand', world: 'Balmung', datacenter: 'Crystal', region: 'na', avatar_url: null, portrait_url: null, created_at: now, updated_at: now })
      .execute();
    const listed = await json(await h.api('/characters', { token: a.jwt }));
    expect(listed).toMatchObject([{ lodestoneId: '77777777', name: 'Typed By Hand', verified: false, fetchedAt: null }]);
    const res = await h.api('/characters/77777777/refresh', { method: 'POST', token: a.jwt });
    expect(await json(res)).toMatchObject({ name: 'Old Timer', fetchedAt: new Date(now).toISOString() });
  });

  it('refreshes stale and never-read profiles in the background, one claim per character', async () => {
    lodestone.upsertCharacter({ id: '77777777', name: 'Old Timer Renamed', world: 'Balmung', datacenter: 'Crystal' });
    h.clock.advance(8 * 24 * 3_600_000);
    const refresher = new ProfileRefresher(h.store.db, h.clock.now, h.services.characters, silentLog, 3);
    const other = new ProfileRefresher(h.store.db, h.clock.now, h.services.characters, silentLog, 3);
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const [r1, r2] = await Promise.all([refresher.runOnce(), other.runOnce()]);
      for (const r of [r1, r2]) {
        if (!r) continue;
        expect(seen.has(r.lodestoneId)).toBe(false);
        seen.add(r.lodestoneId);
      }
    }
    expect(seen.has('77777777')).toBe(true);
    a = await h.login({ id: a.user.discordId });
    b = await h.login({ id: b.user.discordId });
    const c = await json(await h.api('/characters/77777777', { token: a.jwt }));
    expect(c).toMatchObject({ name: 'Old Timer Renamed', fetchedAt: new Date(h.clock.now()).toISOString() });
    expect(await refresher.runOnce()).toBeUndefined();
  });
});

describe('searching before linking', () => {
  it('answers the first page of the Lodestone search, for a session or a characters:read key', async () => {
    const res = await h.api('/lodestone/characters?name=alyx&world=Cerberus', { token: a.jwt });
    expect(res.status).toBe(200);
    const found = await json(res);
    expect(found.map((e: { lodestoneId: string }) => e.lodestoneId).sort()).toEqual([ALYX.id, ALYXSON.id]);
    expect(found.find((e: { lodestoneId: string }) => e.lodestoneId === ALYX.id)).toEqual({ lodestoneId: ALYX.id, name: 'Alyx Bergen', world: 'Cerberus', datacenter: 'Chaos', avatarUrl: lodestone.avatarUrl(ALYX.id) });
    const key = await json(await h.api('/api-keys', { method: 'POST', token: a.jwt, json: { name: 'reader', scopes: ['characters:read'] } }));
    const withKey = await h.api('/lodestone/characters?name=alyx&world=Cerberus', { headers: { 'x-api-key': key.key } });
    expect(withKey.status).toBe(200);
    const tasksOnly = await json(await h.api('/api-keys', { method: 'POST', token: a.jwt, json: { name: 'tasks', scopes: ['tasks:read'] } }));
    expect((await h.api('/lodestone/characters?name=alyx&world=Cerberus', { headers: { 'x-api-key': tasksOnly.key } })).status).toBe(403);
    expect((await h.api('/lodestone/characters?name=alyx&world=Cerberus')).status).toBe(401);
    expect((await h.api('/lodestone/characters?name=alyx', { token: a.jwt })).status).toBe(400);
  });
});

describe('one user cannot hog the Lodestone queue', () => {
  it('answers 429 past LODESTONE_USER_CALLS_PER_MINUTE, without asking the Lodestone, and counts users apart', async () => {
    const strict = await startHttpHarness({ env: { LODESTONE_URL: lodestone.baseUrl, LODESTONE_MIN_GAP_MS: '0', LODESTONE_USER_CALLS_PER_MINUTE: '2' } });
    try {
      const x = await strict.login();
      const y = await strict.login();
      const search = (who: LoginResult) => strict.api('/lodestone/characters?name=alyx&world=Cerberus', { token: who.jwt });
      expect((await search(x)).status).toBe(200);
      expect((await search(x)).status).toBe(200);
      const asked = lodestone.requests.length;
      const third = await search(x);
      expect(third.status).toBe(429);
      expect((await json(third)).code).toBe('TOO_MANY_REQUESTS');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(lodestone.requests.length).toBe(asked);
      expect((await search(y)).status).toBe(200);
      strict.clock.advance(60_000);
      x.jwt = (await strict.login({ id: x.user.discordId })).jwt;
      expect((await search(x)).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });
});
