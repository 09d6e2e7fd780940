/*
 * The character search page (/lodestone/character/?q=…&worldname=…&page=…), desktop layout.
 * Selectors it satisfies (xivapi/lodestone-css-selectors json/search/character.json and pagination.json):
 * div.ldst__window div.entry, a.entry__link (href /lodestone/character/<id>/), p.entry__name,
 * div.entry__chara__face > img, p.entry__world ("World [DC]"), div.entry__chara__lang, li.js__tooltip (data-tooltip
 * "Grand Company / Rank", > img), a.entry__freecompany__link (> span name), ul.btn__pager with a.btn__pager__prev--all,
 * a.btn__pager__prev, a.btn__pager__next, a.btn__pager__next--all. The current page is `li.btn__pager__current`
 * ("Page 1 of 3") as on the real desktop page, not the `a.btn__pager__current` of pagination.json (see README.md).
 */
import { CLASS_JOB_GROUPS, DATA_CENTERS, GRAND_COMPANIES, RACES } from './gameData.js';
import { avatarUrlFor, crestUrl, staticUrl } from './images.js';
import { pageEnd, pageFooter, pageHead, pageTop, sideColumn } from './layout.js';
import type { FakeCharacter, SearchQuery } from './types.js';
import { esc, int, pick, rng } from './util.js';

export const PAGE_SIZE = 50;
/** The real search stops at 20 pages (1,000 characters). */
export const MAX_PAGES = 20;
export const NO_RESULTS = 'Your search yielded no results.';

/**
 * Which characters a search finds, in the order the fake lists them (the order they were added). As on the real site:
 * the name matches as a case-insensitive part of the full name, or exactly (ignoring case) when written in "quotes";
 * an empty name matches everyone; `worldname` is a world, or `_dc_<DataCenter>` (a `_region_<n>` is not filtered on).
 * Characters hidden from everyone (visibility 'hidden') are never listed.
 */
export function searchCharacters(all: Iterable<FakeCharacter>, query: SearchQuery): FakeCharacter[] {
  const raw = query.q.trim().replace(/\s+/g, ' ').toLowerCase();
  const exact = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
  const q = exact ? raw.slice(1, -1).trim() : raw;
  const where = (query.worldname ?? '').trim().toLowerCase();
  const out: FakeCharacter[] = [];
  for (const c of all) {
    if (c.visibility === 'hidden') continue;
    const name = c.name.toLowerCase();
    if (exact ? name !== q : !name.includes(q)) continue;
    if (where.startsWith('_dc_')) {
      if (c.datacenter.toLowerCase() !== where.slice(4)) continue;
    } else if (where !== '' && !where.startsWith('_region_') && c.world.toLowerCase() !== where) {
      continue;
    }
    out.push(c);
  }
  return out;
}

function searchHref(query: SearchQuery, page: number): string {
  const p = new URLSearchParams({ q: query.q, worldname: query.worldname ?? '', classjob: '', race_tribe: '', blog_lang: '', order: '' });
  if (page > 1) p.set('page', String(page));
  return `/lodestone/character/?${p.toString()}`;
}

function pager(query: SearchQuery, page: number, pages: number): string {
  const link = (cls: string, tip: string, target: number, enabled: boolean) =>
    `<li><a href="${enabled ? esc(searchHref(query, target)) : 'javascript:void(0);'}" class="icon-list__pager ${cls} js__tooltip${enabled ? '' : ' btn__pager__no'}" data-tooltip="${tip}"></a></li>`;
  return `                <ul class="btn__pager">
                    ${link('btn__pager__prev--all', 'First', 1, page > 1)}
                    ${link('btn__pager__prev', 'Previous', page - 1, page > 1)}
                    <li class="btn__pager__current">Page ${page} of ${pages}</li>
                    ${link('btn__pager__next', 'Next', page + 1, page < pages)}
                    ${link('btn__pager__next--all', 'Last', pages, page < pages)}
                </ul>`;
}

function entry(c: FakeCharacter, imageBase: string): string {
  const r = rng(`entry:${c.id}`);
  const job = pick(r, pick(r, CLASS_JOB_GROUPS));
  const gc = r() < 0.7 ? pick(r, GRAND_COMPANIES) : undefined;
  const gcLine = gc
    ? `\n                            <li class="js__tooltip" data-tooltip="${esc(gc.name)} / ${esc(pick(r, gc.ranks))}"><img src="${staticUrl(imageBase, `gcrank:${gc.name}`, 'png')}" width="20" height="20" alt=""></li>`
    : '';
  const fc = c.freeCompany
    ? `
                    <a href="/lodestone/freecompany/${esc(c.freeCompany.id)}/" class="entry__freecompany__link">
                        <i class="list__ic__crest">${(['B', 'F', 'S'] as const).map((l) => `<img src="${crestUrl(imageBase, c.freeCompany!.id, l)}" width="18" height="18">`).join('')}</i>
                        <span>${esc(c.freeCompany.name)}</span>
                    </a>`
    : '';
  return `                <div class="entry"><a href="/lodestone/character/${esc(c.id)}/" class="entry__link">
                    <div class="entry__chara__face"><img src="${avatarUrlFor(imageBase, c.id)}" alt=""></div>
                    <div class="entry__box entry__box--world">
                        <p class="entry__name">${esc(c.name)}</p>
                        <p class="entry__world"><i class="xiv-lds xiv-lds-home-world js__tooltip" data-tooltip="Home World"></i>${esc(c.world)} [${esc(c.datacenter)}]</p>
                        <ul class="entry__chara_info">
                            <li><i class="list__ic__class"><img src="${staticUrl(imageBase, `job:${job}`, 'png')}" width="20" height="20" alt=""></i><span>${int(r, 1, 100)}</span></li>${gcLine}
                        </ul>
                    </div>
                    <div class="entry__chara__lang">${pick(r, ['EN', 'EN', 'EN', 'JA', 'DE', 'FR'])}</div>
                </a>${fc}
                </div>`;
}

function searchForm(query: SearchQuery): string {
  const chosen = (query.worldname ?? '').toLowerCase();
  const opt = (value: string, label: string) => `<option value="${esc(value)}"${value.toLowerCase() === chosen ? ' selected' : ''}>${esc(label)}</option>`;
  const worlds = DATA_CENTERS.map(
    (region, i) =>
      `<optgroup label="${esc(region.region)}">${opt(`_region_${i + 1}`, `All ${region.region} Data Centers`)}${region.dcs
        .map(([dc, ws]) => `${opt(`_dc_${dc}`, `${dc} (All Worlds)`)}${ws.map((w) => opt(w, w)).join('')}`)
        .join('')}</optgroup>`,
  ).join('');
  const jobs = CLASS_JOB_GROUPS.flat()
    .map((j, i) => `<option value="${i + 1}">${esc(j)}</option>`)
    .join('');
  const races = RACES.map(
    (r, i) => `<option value="race_${i + 1}">${esc(r.race)}</option>${r.clans.map((c, k) => `<option value="tribe_${i * 2 + k + 1}">&nbsp;&nbsp;${esc(c)}</option>`).join('')}`,
  ).join('');
  const checks = (name: string, items: readonly [string, string][]) =>
    items
      .map(
        ([v, label], i) =>
          `<li><input type="checkbox" name="${name}" value="${v}" id="${name}_${i}" class="form__checkbox" checked><label for="${name}_${i}" class="form__checkbox__label">${esc(label)}</label></li>`,
      )
      .join('');
  return `                <form action="/lodestone/character/" method="get" class="search-form js__search_form">
                    <div class="search-form__inner">
                        <div class="search-form__name"><input type="text" name="q" value="${esc(query.q)}" placeholder="Enter a character name." class="form__input--text"></div>
                        <div class="search-form__select"><div class="select-pulldown"><select name="worldname" class="select-pulldown__open"><option value="">All Worlds</option>${worlds}</select></div></div>
                        <div class="search-form__select"><div class="select-pulldown"><select name="classjob" class="select-pulldown__open"><option value="">All Classes/Jobs</option><option value="_job_TANK">Tank</option><option value="_job_HEALER">Healer</option><option value="_job_DPS">DPS</option><option value="_class_CRAFTER">Crafter</option><option value="_class_GATHERER">Gatherer</option>${jobs}</select></div></div>
                        <div class="search-form__select"><div class="select-pulldown"><select name="race_tribe" class="select-pulldown__open"><option value="">All Races</option>${races}</select></div></div>
                        <ul class="search-form__checkbox">${checks('gcid', [
                          ['1', 'Maelstrom'],
                          ['2', 'Order of the Twin Adder'],
                          ['3', 'Immortal Flames'],
                          ['0', 'No Affiliation'],
                        ])}</ul>
                        <ul class="search-form__checkbox">${checks('blog_lang', [
                          ['ja', 'Japanese'],
                          ['en', 'English'],
                          ['de', 'German'],
                          ['fr', 'French'],
                        ])}</ul>
                        <div class="search-form__select"><div class="select-pulldown"><select name="order" class="select-pulldown__open"><option value="">Sort by</option><option value="1">Name (A - Z)</option><option value="2">Name (Z - A)</option><option value="3">World/DC (A - Z)</option><option value="4">World/DC (Z - A)</option><option value="5">Level (Low - High)</option><option value="6">Level (High - Low)</option></select></div></div>
                        <div class="form__submit"><input type="submit" value="Search" class="btn__color--radius"></div>
                    </div>
                </form>`;
}

/**
 * The full search page for `results`, all the characters the search found (the page shows the `query.page`-th 50 of
 * them, and "N Total" for all of them), or the "no results" page when there are none (or the page is past the end).
 */
export function renderSearchPage(results: FakeCharacter[], imageBase: string, query: SearchQuery): string {
  const path = '/lodestone/character/';
  const head = pageHead({ title: 'Characters', description: 'Search and view characters.', path, imageBase });
  const pages = Math.min(MAX_PAGES, Math.max(1, Math.ceil(results.length / PAGE_SIZE)));
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const shown = page <= pages ? results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) : [];
  const list =
    shown.length === 0
      ? `                <p class="parts__zero">${NO_RESULTS}</p>`
      : `                <div class="parts__total">${results.length} Total</div>
${pager(query, page, pages)}
${shown.map((c) => entry(c, imageBase)).join('\n')}
${pager(query, page, pages)}`;
  return `${head}${pageTop(imageBase, path)}
<div class="ldst__bg">
    <div class="ldst__contents clearfix">

        <div class="ldst__main">
            <div class="ldst__window">
                <h2 class="heading--lg">Character Search</h2>
${searchForm(query)}
${list}
            </div>
        </div>

${sideColumn(imageBase, `search:${query.q}`)}
    </div>
</div>

${pageFooter(imageBase)}${pageEnd(imageBase)}`;
}
