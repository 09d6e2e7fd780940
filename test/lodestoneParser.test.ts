import { describe, expect, it } from 'vitest';
import { cutToBlocks, errorHeadingOf, isMaintenancePage, parseCharacterPage, parseSearchPage, UnreadablePageError } from '../src/lodestone/lodestone.parser.js';
import { SELECTORS } from '../src/lodestone/selectors.js';
import { avatarUrlFor, portraitUrlFor, PRIVATE_NOTICE, renderCharacterPage, renderSearchPage, searchCharacters, type FakeCharacter } from './fakeLodestone/index.js';
import { accessRestrictedPage, maintenancePage, notFoundPage } from './fakeLodestone/errorPages.js';

const IMG = 'http://127.0.0.1:9';
const C: FakeCharacter = {
  id: '12345678',
  name: "Y'shtola Rhul",
  world: 'Sargatanas',
  datacenter: 'Aether',
  title: 'Scion of the Seventh Dawn',
  bio: 'Line one & <script>alert(1)</script>\nXIVT-ABCDEFGH',
  freeCompany: { id: '9231253336202687179', name: 'Scions <3' },
};

describe('reading a character page', () => {
  it('reads every field through the selector table, HTML entities decoded and <br> as a line break', () => {
    expect(parseCharacterPage(renderCharacterPage(C, IMG), C.id)).toEqual({
      lodestoneId: C.id,
      name: "Y'shtola Rhul",
      world: 'Sargatanas',
      datacenter: 'Aether',
      avatarUrl: avatarUrlFor(IMG, C.id),
      portraitUrl: portraitUrlFor(IMG, C.id),
      title: 'Scion of the Seventh Dawn',
      freeCompany: { id: '9231253336202687179', name: 'Scions <3' },
      selfIntroduction: 'Line one & <script>alert(1)</script>\nXIVT-ABCDEFGH',
      isPrivate: false,
    });
  });

  it('reads the same from the cut-down blocks as from the whole page', () => {
    for (const c of [C, { ...C, title: null, freeCompany: null, bio: '' }, { ...C, titlePosition: 'before' as const }]) {
      const page = renderCharacterPage(c, IMG);
      const blocks = cutToBlocks(page, SELECTORS.character.blocks)!;
      expect(blocks.length).toBeLessThan(page.length / 10);
      expect(parseCharacterPage(blocks, c.id)).toEqual(parseCharacterPage(page, c.id));
    }
  });

  it('sees a private profile by the notice in its content area, not by words in a bio', () => {
    const priv = parseCharacterPage(renderCharacterPage({ ...C, visibility: 'private' }, IMG), C.id);
    expect(priv).toMatchObject({ name: "Y'shtola Rhul", world: 'Sargatanas', isPrivate: true, selfIntroduction: null });
    const trick = parseCharacterPage(renderCharacterPage({ ...C, bio: PRIVATE_NOTICE }, IMG), C.id);
    expect(trick).toMatchObject({ isPrivate: false, selfIntroduction: PRIVATE_NOTICE });
  });

  it('reads an empty profile text as the dash the Lodestone prints', () => {
    expect(parseCharacterPage(renderCharacterPage({ ...C, bio: '' }, IMG), C.id).selfIntroduction).toBe('-');
  });

  it('refuses a page without a name or world where the selectors look', () => {
    expect(() => parseCharacterPage(notFoundPage(IMG), '1')).toThrow(UnreadablePageError);
    expect(() => parseCharacterPage('<html><body><p>hello</p></body></html>', '1')).toThrow(UnreadablePageError);
  });

  it('tells the error and maintenance pages apart from a character page', () => {
    expect(errorHeadingOf(notFoundPage(IMG))).toBe('Page not found.');
    expect(errorHeadingOf(accessRestrictedPage(IMG))).toBe('Access Restricted');
    expect(errorHeadingOf(renderCharacterPage(C, IMG))).toBeUndefined();
    expect(isMaintenancePage(maintenancePage(IMG))).toBe(true);
    expect(isMaintenancePage(renderCharacterPage({ ...C, bio: 'Back after the maintenance!' }, IMG))).toBe(false);
  });
});

describe('reading a search page', () => {
  const all: FakeCharacter[] = Array.from({ length: 60 }, (_, i) => ({ id: String(1000 + i), name: `Many Name${i}`, world: i % 2 ? 'Odin' : 'Lich', datacenter: 'Light' }));

  it('reads each result, and only the results (not the side column)', () => {
    const query = { q: 'many', worldname: 'Odin' };
    const entries = parseSearchPage(renderSearchPage(searchCharacters(all, query), IMG, query));
    expect(entries).toHaveLength(30);
    expect(entries[0]).toEqual({ lodestoneId: '1001', name: 'Many Name1', world: 'Odin', datacenter: 'Light', avatarUrl: avatarUrlFor(IMG, '1001') });
  });

  it('reads the first page of many, and no results as an empty list', () => {
    const query = { q: 'many' };
    expect(parseSearchPage(renderSearchPage(searchCharacters(all, query), IMG, query))).toHaveLength(50);
    expect(parseSearchPage(renderSearchPage([], IMG, { q: 'nobody' }))).toEqual([]);
  });
});
