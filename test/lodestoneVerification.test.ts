import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLodestone, type FakeCharacter, type FakeLodestone } from './fakeLodestone/index.js';
import { startHttpHarness, type HttpHarness, type LoginResult } from './helpers/httpHarness.js';

const MINE: FakeCharacter = { id: '81000001', name: 'Proven Self', world: 'Phoenix', datacenter: 'Light', bio: 'Roleplayer, crafter.' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are checked by the assertions
const json = async (r: Response): Promise<any> => r.json();

let lodestone: FakeLodestone;
let h: HttpHarness;
let a: LoginResult;
let b: LoginResult;

beforeAll(async () => {
  lodestone = await startFakeLodestone({ characters: [MINE] });
  h = await startHttpHarness({ env: { LODESTONE_URL: lodestone.baseUrl, LODESTONE_MIN_GAP_MS: '0', LODESTONE_TIMEOUT_MS: '1000', LODESTONE_USER_CALLS_PER_MINUTE: '1000' } });
  a = await h.login();
  b = await h.login();
});
afterAll(async () => {
  await h?.stop();
  await lodestone?.close();
});

const snapshot = () => h.store.db.selectFrom('characters').selectAll().orderBy('id').execute();
const start = (who: LoginResult, id = MINE.id) => h.api(`/characters/${id}/verification`, { method: 'POST', token: who.jwt });
const check = (who: LoginResult, id = MINE.id) => h.api(`/characters/${id}/verification/check`, { method: 'POST', token: who.jwt });

describe('proving a character is yours', () => {
  it('issues a code bound to you and the character, then finds it in the profile text', async () => {
    expect((await h.api('/characters', { method: 'POST', token: a.jwt, json: { lodestoneId: MINE.id } })).status).toBe(201);
    const res = await start(a);
    expect(res.status).toBe(201);
    const v = await json(res);
    expect(v.code).toMatch(/^XIVT-[A-Z2-9]{8}$/);
    expect(Date.parse(v.expiresAt) - h.clock.now()).toBe(30 * 60_000);
    expect(v.instructions).toMatch(/Character Profile/);
    expect(v.character).toMatchObject({ lodestoneId: MINE.id, verified: false });

    // Not pasted yet: 409 saying what the profile shows instead, and nothing changes.
    const before = await snapshot();
    const notYet = await check(a);
    expect(notYet.status).toBe(409);
    const body = await json(notYet);
    expect(body).toMatchObject({ code: 'CODE_NOT_FOUND', found: 'other-text' });
    expect(body.error).toContain('Roleplayer, crafter.');
    expect(await snapshot()).toEqual(before);

    // Pasted and saved: always read afresh, even though the profile was just read for the link.
    const asked = lodestone.requests.length;
    lodestone.upsertCharacter({ ...MINE, bio: `Roleplayer, crafter.\n${v.code}` });
    const ok = await check(a);
    expect(ok.status).toBe(200);
    expect(lodestone.requests.length).toBe(asked + 1);
    const c = await json(ok);
    expect(c).toMatchObject({ lodestoneId: MINE.id, verified: true, verifiedAt: new Date(h.clock.now()).toISOString(), lostVerificationAt: null });
    // The code is spent.
    expect((await check(a)).status).toBe(410);
  });

  it('does not take the code from anywhere but the self-introduction, nor from a private profile', async () => {
    // b has not linked it yet: not found, like any other user's data.
    expect((await start(b)).status).toBe(404);
    expect((await h.api('/characters', { method: 'POST', token: b.jwt, json: { lodestoneId: MINE.id } })).status).toBe(201);
    const code = (await json(await start(b))).code as string;
    // The code in the title or the free company name is not the profile text.
    lodestone.upsertCharacter({ ...MINE, bio: '-', title: code, freeCompany: { id: '1', name: code } });
    const empty = await check(b);
    expect(empty.status).toBe(409);
    expect(await json(empty)).toMatchObject({ code: 'CODE_NOT_FOUND', found: 'empty' });
    lodestone.upsertCharacter({ ...MINE, bio: code, visibility: 'private' });
    const hidden = await check(b);
    expect(hidden.status).toBe(409);
    const body = await json(hidden);
    expect(body).toMatchObject({ code: 'CODE_NOT_FOUND', found: 'private' });
    expect(body.error).toMatch(/private/);
    const mine = await json(await h.api(`/characters/${MINE.id}`, { token: b.jwt }));
    expect(mine.verified).toBe(false);
  });

  it('moves the verification to a second user who proves it, and tells the first', async () => {
    const code = (await json(await start(b))).code as string;
    lodestone.upsertCharacter({ ...MINE, bio: `now mine ${code.toLowerCase()}` });
    const res = await check(b);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ verified: true });
    const first = await json(await h.api(`/characters/${MINE.id}`, { token: a.jwt }));
    expect(first).toMatchObject({ verified: false, verifiedAt: null, lostVerificationAt: new Date(h.clock.now()).toISOString() });
    // The first user's link stays: unverified links harm nobody.
    expect((await json(await h.api('/characters', { token: a.jwt }))).map((c: { lodestoneId: string }) => c.lodestoneId)).toEqual([MINE.id]);
    const notices = await h.services.verification.pendingLossNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ discordId: a.user.discordId, characterName: MINE.name });
    // One verified owner per character, whatever happens next.
    const verified = await h.store.db.selectFrom('characters').select('user_id').where('lodestone_id', '=', MINE.id).where('verified_at', 'is not', null).execute();
    expect(verified).toHaveLength(1);
  });

  it('refuses an expired code with 410 and an unknown character with 404; another user cannot check yours', async () => {
    await start(a);
    h.clock.advance(30 * 60_000 + 1);
    a = await h.login({ id: a.user.discordId });
    b = await h.login({ id: b.user.discordId });
    const expired = await check(a);
    expect(expired.status).toBe(410);
    expect((await json(expired)).code).toBe('CODE_EXPIRED');
    expect((await start(a, '12345')).status).toBe(404);
    expect((await check(a, '12345')).status).toBe(404);
    const c = await h.login();
    expect((await check(c)).status).toBe(404);
  });

  it('a failed Lodestone read during a check changes nothing', async () => {
    await start(a);
    const before = await snapshot();
    lodestone.setMaintenance(true);
    const res = await check(a);
    lodestone.setMaintenance(false);
    expect(res.status).toBe(503);
    expect((await json(res)).code).toBe('LODESTONE_MAINTENANCE');
    expect(await snapshot()).toEqual(before);
  });
});
