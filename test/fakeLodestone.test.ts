/*
 * Self-test of the fake Lodestone, checked with the public selector set xivapi/lodestone-css-selectors
 * (json/character/profile.json, json/search/character.json, json/search/pagination.json) — never with our own parser.
 */
import { parse, type HTMLElement } from 'node-html-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAINTENANCE_TEXT,
  NO_RESULTS,
  PRIVATE_NOTICE,
  renderCharacterPage,
  renderSearchPage,
  searchCharacters,
  startFakeLodestone,
  type FakeCharacter,
  type FakeLodestone,
} from './fakeLodestone/index.js';

// The selector set's own regexes (json/character/profile.json, json/search/character.json).
const SERVER = /^(?<world>.+?)\s*\[(?<dc>.*?)\]$/;
const LORE =
  /^(?<race>Hyur|Elezen|Lalafell|Miqo'te|Roegadyn|Au Ra|Hrothgar|Viera)<br>(?<clan>Midlander|Highlander|Wildwood|Duskwight|Plainsfolk|Dunesfolk|Seeker of the Sun|Keeper of the Moon|Sea Wolf|Hellsguard|Raen|Xaela|Helions|The Lost|Rava|Veena) \/ (?<gender>\W)/;
const FC_ID = /lodestone\/freecompany\/(\S+)\//;
const AVATAR = /\/f\/[0-9a-f]{32}_[0-9a-f]{32}fc0\.jpg\?\d{10}$/;
const PORTRAIT = /\/f\/[0-9a-f]{32}_[0-9a-f]{32}fl0\.jpg\?\d{10}$/;

const ALYX: FakeCharacter = {
  id: '12345678',
  name: 'Alyx Bergen',
  world: 'Cerberus',
  datacenter: 'Chaos',
  title: 'Warrior of Light',
  bio: 'Verification code: ABC-123\nSecond line',
  freeCompany: { id: '9231394073691150529', name: 'Chaotic Cuties' },
};
const KALYXA: FakeCharacter = { id: '22222222', name: 'Kalyxa Moon', world: 'Omega', datacenter: 'Chaos' };
const ALYX_TWIN: FakeCharacter = { id: '33333333', name: 'Alyx Bergen', world: 'Twintania', datacenter: 'Light' };
const NOBODY: FakeCharacter = { id: '44444444', name: "Y'shtola Rhul", world: 'Siren', datacenter: 'Aether', title: null, bio: '' };
const PRIVATE: FakeCharacter = { id: '55555555', name: 'Vento Aureo', world: 'Twintania', datacenter: 'Light', title: 'Goldheart', visibility: 'private' };
const HIDDEN: FakeCharacter = { id: '66666666', name: 'Hidden Alyx', world: 'Cerberus', datacenter: 'Chaos', visibility: 'hidden' };

let fake: FakeLodestone;

beforeEach(async () => {
  fake = await startFakeLodestone({ characters: [ALYX, KALYXA, ALYX_TWIN, NOBODY, PRIVATE, HIDDEN] });
});
afterEach(async () => {
  await fake.close();
});

async function get(path: string, init?: RequestInit): Promise<{ res: Response; body: string; doc: HTMLElement }> {
  const res = await fetch(`${fake.baseUrl}${path}`, init);
  const body = await res.text();
  return { res, body, doc: parse(body) };
}

const text = (doc: HTMLElement, selector: string): string | undefined => doc.querySelector(selector)?.text.trim();
const attr = (doc: HTMLElement, selector: string, name: string): string | undefined => doc.querySelector(selector)?.getAttribute(name)?.trim();
/** innerHTML as a browser serialises it (only &, <, > escaped in text). */
const browserInnerHtml = (el: HTMLElement | null): string => (el?.innerHTML ?? '').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe('character page', () => {
  it('answers every profile selector of the public selector set', async () => {
    const { res, body, doc } = await get(`/character/${ALYX.id}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(Buffer.byteLength(body)).toBeGreaterThan(60_000);
    expect(Buffer.byteLength(body)).toBeLessThan(150_000);

    expect(text(doc, 'p.frame__chara__name')).toBe('Alyx Bergen');
    expect(text(doc, 'p.frame__chara__title')).toBe('Warrior of Light');
    expect(text(doc, 'p.frame__chara__world')!.match(SERVER)?.groups).toEqual({ world: 'Cerberus', dc: 'Chaos' });

    const avatar = attr(doc, 'div.frame__chara__face > img', 'src')!;
    expect(avatar).toBe(fake.avatarUrl(ALYX.id));
    expect(avatar).toMatch(AVATAR);
    expect(avatar.startsWith(fake.baseUrl.replace(/\/lodestone$/, ''))).toBe(true);
    const portrait = attr(doc, 'div.character__detail__image img', 'src')!;
    expect(portrait).toBe(fake.portraitUrl(ALYX.id));
    expect(portrait).toMatch(PORTRAIT);

    const bio = doc.querySelector('div.character__selfintroduction')!;
    expect(bio.innerHTML).toBe('Verification code: ABC-123<br>Second line');

    expect(browserInnerHtml(doc.querySelector('div.character-block:first-of-type p.character-block__name'))).toMatch(LORE);
    expect(text(doc, 'p.character-block__birth')).toMatch(/^\d+(st|nd|rd|th) Sun of the \d(st|nd|rd|th) (Astral|Umbral) Moon$/);
    expect(text(doc, 'div.character-block:nth-child(2) p.character-block__name')).toMatch(/^[\w']+, the \w+$/);
    expect(text(doc, 'div.character-block:nth-child(3) p.character-block__name')).toMatch(/^(Limsa Lominsa|Gridania|Ul'dah)$/);
    const gc = text(doc, 'div.character__profile__data__detail > div:nth-of-type(4) p.character-block__name')!;
    expect(gc).toMatch(/(\w+) \/ \w+/);
    expect(attr(doc, 'div.character__profile__data__detail > div:nth-of-type(4) > img', 'src')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

    const fc = doc.querySelector('div.character__freecompany__name a')!;
    expect(fc.text).toBe('Chaotic Cuties');
    expect(fc.getAttribute('href')!.match(FC_ID)?.[1]).toBe('9231394073691150529');
    expect(doc.querySelectorAll('div.character__freecompany__crest__image > img')).toHaveLength(3);

    const attributes = doc.querySelectorAll('table.character__param__list tr').map((tr) => tr.text.trim().match(/^(?<type>\D+)(?<value>\d+)/)?.groups);
    expect(attributes.length).toBeGreaterThan(10);
    expect(attributes[0]).toEqual({ type: 'Strength', value: expect.stringMatching(/^\d+$/) });
    expect(doc.querySelectorAll('div.character__param > ul div').map((d) => d.text.match(/([A-Z]{2})(\d+)/)?.[1])).toEqual(['HP', 'MP']);
    expect(doc.querySelectorAll('.character__level__list li').length).toBeGreaterThan(30);
  });

  it('prints a prefix title before the name, and no title or free company when there is none', async () => {
    fake.upsertCharacter({ ...ALYX, titlePosition: 'before' });
    const box = (await get(`/character/${ALYX.id}/`)).doc.querySelector('div.frame__chara__box')!;
    expect(box.querySelectorAll('p').map((p) => p.classList.value[0])).toEqual(['frame__chara__title', 'frame__chara__name', 'frame__chara__world']);

    const { doc } = await get(`/character/${NOBODY.id}/`);
    expect(text(doc, 'p.frame__chara__name')).toBe("Y'shtola Rhul");
    expect(doc.querySelector('p.frame__chara__title')).toBeNull();
    expect(doc.querySelector('div.character__freecompany__name')).toBeNull();
    expect(text(doc, 'div.character__selfintroduction')).toBe('-');
  });

  it('HTML-escapes the bio (and names)', async () => {
    fake.upsertCharacter({ ...ALYX, bio: 'Hi <script>alert("x")</script> & Co\nbye', name: "Alyx <b>O'Neil</b>" });
    const { body, doc } = await get(`/character/${ALYX.id}/`);
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<b>O');
    expect(body).toContain('Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co<br />bye');
    expect(doc.querySelector('div.character__selfintroduction')!.text).toBe('Hi <script>alert("x")</script> & Co\nbye');
    expect(text(doc, 'p.frame__chara__name')).toBe("Alyx <b>O'Neil</b>");
  });

  it('answers the path without the trailing slash with the same page', async () => {
    const { res, doc } = await get(`/character/${ALYX.id}`);
    expect(res.status).toBe(200);
    expect(text(doc, 'p.frame__chara__name')).toBe('Alyx Bergen');
  });

  it('private profile: 200, the frame, the notice in .character__content, no profile', async () => {
    const { res, doc } = await get(`/character/${PRIVATE.id}/`);
    expect(res.status).toBe(200);
    expect(text(doc, 'p.frame__chara__name')).toBe('Vento Aureo');
    expect(text(doc, 'p.frame__chara__world')).toBe('Twintania [Light]');
    expect(attr(doc, 'div.frame__chara__face > img', 'src')).toBe(fake.avatarUrl(PRIVATE.id));
    expect(doc.querySelector('.character__content')!.text).toContain(PRIVATE_NOTICE);
    expect(text(doc, '.character__content p.parts__zero')).toBe("This character's profile is private.");
    expect(doc.querySelector('div.character__selfintroduction')).toBeNull();
    expect(doc.querySelector('div.character__detail__image')).toBeNull();
    expect(doc.querySelector('div.character__profile__data__detail')).toBeNull();
  });

  it('hidden character: 403 Access Restricted', async () => {
    const { res, doc } = await get(`/character/${HIDDEN.id}/`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(text(doc, '.error__heading')).toBe('Access Restricted');
    expect(doc.querySelector('p.frame__chara__name')).toBeNull();
  });

  it('unknown id: 404 Page not found.; upsert and remove take effect at once', async () => {
    const missing = await get('/character/99999999/');
    expect(missing.res.status).toBe(404);
    expect(text(missing.doc, '.error__heading')).toBe('Page not found.');

    fake.upsertCharacter({ ...KALYXA, name: 'Kalyxa Renamed', world: 'Moogle' });
    expect(text((await get(`/character/${KALYXA.id}/`)).doc, 'p.frame__chara__world')).toBe('Moogle [Chaos]');
    fake.removeCharacter(KALYXA.id);
    expect((await get(`/character/${KALYXA.id}/`)).res.status).toBe(404);
  });

  it('serves the avatar and portrait JPEGs it prints', async () => {
    for (const url of [fake.avatarUrl(ALYX.id), fake.portraitUrl(ALYX.id)]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([bytes[0], bytes[1], bytes[bytes.length - 2], bytes[bytes.length - 1]]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    }
  });

  it('renders pages without HTTP for any image origin', () => {
    const page = renderCharacterPage(ALYX, 'https://img2.finalfantasyxiv.com');
    const doc = parse(page);
    expect(attr(doc, 'div.frame__chara__face > img', 'src')).toMatch(/^https:\/\/img2\.finalfantasyxiv\.com\/f\/[0-9a-f]{32}_[0-9a-f]{32}fc0\.jpg\?\d{10}$/);
    expect(text(parse(renderCharacterPage(HIDDEN, 'x')), '.error__heading')).toBe('Access Restricted');
    const search = parse(renderSearchPage([ALYX, ALYX_TWIN], 'x', { q: 'alyx' }));
    expect(search.querySelectorAll('div.ldst__window div.entry')).toHaveLength(2);
  });
});

describe('search page', () => {
  const entries = (doc: HTMLElement) => doc.querySelectorAll('div.ldst__window div.entry');
  const names = (doc: HTMLElement) => entries(doc).map((e) => e.querySelector('p.entry__name')!.text);

  it('one match, with every entry selector of the public selector set', async () => {
    const { res, doc } = await get(`/character/?q=${encodeURIComponent('Alyx Bergen')}&worldname=Cerberus`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const [e, ...rest] = entries(doc);
    expect(rest).toHaveLength(0);
    expect(e!.querySelector('a.entry__link')!.getAttribute('href')).toBe(`/lodestone/character/${ALYX.id}/`);
    expect(e!.querySelector('a.entry__link')!.getAttribute('href')!.match(/(\d+)/)?.[1]).toBe(ALYX.id);
    expect(e!.querySelector('p.entry__name')!.text).toBe('Alyx Bergen');
    expect(e!.querySelector('div.entry__chara__face > img')!.getAttribute('src')).toBe(fake.avatarUrl(ALYX.id));
    expect(e!.querySelector('p.entry__world')!.text.trim().match(SERVER)?.groups).toEqual({ world: 'Cerberus', dc: 'Chaos' });
    expect(e!.querySelector('div.entry__chara__lang')!.text).toMatch(/^(EN|JA|DE|FR)$/);
    const fc = e!.querySelector('a.entry__freecompany__link')!;
    expect(fc.getAttribute('href')!.match(/lodestone\/freecompany\/(\d+)\//)?.[1]).toBe('9231394073691150529');
    expect(fc.querySelector('> span')!.text).toBe('Chaotic Cuties');
    const gc = e!.querySelector('li.js__tooltip');
    if (gc) {
      expect(gc.getAttribute('data-tooltip')).toMatch(/^.+ \/ .+$/);
      expect(gc.querySelector('> img')!.getAttribute('src')).toBeTruthy();
    }
    expect(text(doc, '.btn__pager__current')).toBe('Page 1 of 1');
  });

  it('partial, case-insensitive name match; exact match with quotes; world and data center filters; hidden never listed', async () => {
    expect(names((await get('/character/?q=ALYX')).doc)).toEqual(['Alyx Bergen', 'Kalyxa Moon', 'Alyx Bergen']);
    expect(names((await get('/character/?q=%22alyx%20bergen%22')).doc)).toEqual(['Alyx Bergen', 'Alyx Bergen']);
    expect(names((await get('/character/?q=alyx&worldname=Twintania')).doc)).toEqual(['Alyx Bergen']);
    const dc = entries((await get('/character/?q=alyx&worldname=_dc_Chaos')).doc).map((e) => e.querySelector('p.entry__world')!.text.trim());
    expect(dc).toEqual(['Cerberus [Chaos]', 'Omega [Chaos]']);
    expect(searchCharacters([ALYX, HIDDEN], { q: 'alyx' }).map((c) => c.id)).toEqual([ALYX.id]);
  });

  it('zero matches: the no-results notice and no entries', async () => {
    const { res, doc } = await get('/character/?q=Nobody%20Here&worldname=Cerberus');
    expect(res.status).toBe(200);
    expect(entries(doc)).toHaveLength(0);
    expect(text(doc, 'div.ldst__window p.parts__zero')).toBe(NO_RESULTS);
    expect(doc.querySelector('ul.btn__pager')).toBeNull();
  });

  it('50 per page with the pagination block', async () => {
    for (let i = 0; i < 120; i++) fake.upsertCharacter({ id: String(70_000_000 + i), name: `Many Alts${i}`, world: 'Cerberus', datacenter: 'Chaos' });
    const first = (await get('/character/?q=many&worldname=Cerberus')).doc;
    expect(entries(first)).toHaveLength(50);
    expect(text(first, 'div.parts__total')).toBe('120 Total');
    const pager = first.querySelector('ul.btn__pager')!;
    expect(pager.querySelector('.btn__pager__current')!.text).toBe('Page 1 of 3');
    for (const s of ['a.btn__pager__prev--all', 'a.btn__pager__prev', 'a.btn__pager__next', 'a.btn__pager__next--all']) expect(pager.querySelector(s)).not.toBeNull();
    const next = pager.querySelector('a.btn__pager__next')!.getAttribute('href')!;
    expect(next).toMatch(/^\/lodestone\/character\/\?.*page=2/);

    const second = (await get(next.replace(/^\/lodestone/, ''))).doc;
    expect(text(second, '.btn__pager__current')).toBe('Page 2 of 3');
    expect(entries(second)).toHaveLength(50);
    const last = pager.querySelector('a.btn__pager__next--all')!.getAttribute('href')!;
    const third = (await get(last.replace(/^\/lodestone/, ''))).doc;
    expect(text(third, '.btn__pager__current')).toBe('Page 3 of 3');
    expect(entries(third)).toHaveLength(20);
    expect(entries(third)[0]!.querySelector('p.entry__name')!.text).toBe('Many Alts100');
  });
});

describe('failure modes', () => {
  it('maintenance: 503 and the maintenance page on every page, until switched off', async () => {
    fake.setMaintenance(true);
    for (const path of [`/character/${ALYX.id}/`, '/character/?q=alyx', '/character/1/']) {
      const { res, doc } = await get(path);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(text(doc, 'div.error__bg > div.ldst__window.ldst__maintenance h1.maintenance__heading')).toBe('Maintenance');
      expect(text(doc, 'p.maintenance__text')).toBe(MAINTENANCE_TEXT);
      expect(doc.querySelector('p.frame__chara__name')).toBeNull();
    }
    expect((await fetch(fake.avatarUrl(ALYX.id))).status).toBe(200);
    fake.setMaintenance(false);
    expect((await get(`/character/${ALYX.id}/`)).res.status).toBe(200);
  });

  it('rateLimitNext: 429 with Retry-After for the next n requests', async () => {
    fake.rateLimitNext(2, 30);
    for (let i = 0; i < 2; i++) {
      const { res } = await get(`/character/${ALYX.id}/`);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('30');
    }
    expect((await get(`/character/${ALYX.id}/`)).res.status).toBe(200);
  });

  it('setDelay delays every answer; a client timeout aborts; close() does not wait for a delayed answer', async () => {
    fake.setDelay(250);
    const t0 = Date.now();
    expect((await get(`/character/${ALYX.id}/`)).res.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);

    await expect(fetch(`${fake.baseUrl}/character/${ALYX.id}/`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();

    fake.setDelay(10_000);
    const hanging = fetch(`${fake.baseUrl}/character/${ALYX.id}/`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 30));
    const t1 = Date.now();
    await fake.close();
    expect(Date.now() - t1).toBeLessThan(500);
    expect(await hanging).toBe('failed');
  });

  it('dropNext: the connection breaks without an answer, then pages come back', async () => {
    fake.dropNext(1);
    await expect(fetch(`${fake.baseUrl}/character/${ALYX.id}/`)).rejects.toThrow(/fetch failed/);
    expect((await get(`/character/${ALYX.id}/`)).res.status).toBe(200);
  });

  it('records every request', async () => {
    const before = Date.now();
    await get('/character/?q=alyx&worldname=Cerberus', { headers: { 'User-Agent': 'fake-test/1.0' } });
    const r = fake.requests.at(-1)!;
    expect(r).toEqual({
      method: 'GET',
      path: '/lodestone/character/',
      query: { q: 'alyx', worldname: 'Cerberus' },
      userAgent: 'fake-test/1.0',
      at: expect.any(Number),
    });
    expect(r.at).toBeGreaterThanOrEqual(before);
  });
});
