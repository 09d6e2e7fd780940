import { parse, type HTMLElement, type Node } from 'node-html-parser';
import type { LodestoneProfile, LodestoneSearchEntry } from './lodestone.types.js';
import {
  CHARACTER_ID_IN_HREF,
  FREE_COMPANY_ID,
  PRIVATE_PROFILE_NOTICES,
  SELECTORS,
  WORLD_AND_DATACENTER,
} from './selectors.js';

/** The page did not have the structure the selectors expect (a redesign, or not a Lodestone page). */
export class UnreadablePageError extends Error {
  override name = 'UnreadablePageError';
}

// Scripts and styles are kept as raw text rather than parsed: a profile page carries plenty of both.
const PARSE_OPTIONS = { blockTextElements: { script: false, style: false, noscript: false } } as const;

const C = SELECTORS.character;
const S = SELECTORS.search;

/** Reads a character profile page. Throws UnreadablePageError when name or world cannot be found. */
export function parseCharacterPage(html: string, lodestoneId: string): LodestoneProfile {
  const blocks = cutToBlocks(html, C.blocks);
  // No self-introduction block may mean a private profile, which only the whole page can tell
  // (by where its notice stands); a notice's words in the page may be a bio's, or the real notice.
  const mayBePrivate = !blocks?.includes(C.selfIntroduction.split('.')[1]!) || PRIVATE_PROFILE_NOTICES.some((n) => html.includes(n));
  if (blocks !== undefined && !mayBePrivate) {
    try {
      return readCharacter(parse(blocks, PARSE_OPTIONS), lodestoneId);
    } catch (err) {
      if (!(err instanceof UnreadablePageError)) throw err;
    }
  }
  return readCharacter(parse(html, PARSE_OPTIONS), lodestoneId);
}

function readCharacter(root: HTMLElement, lodestoneId: string): LodestoneProfile {
  const name = textOf(root.querySelector(C.name));
  const server = worldAndDatacenter(textOf(root.querySelector(C.worldAndDatacenter)));
  if (!name || !server) throw new UnreadablePageError('The character page has no name or world where the selectors look.');
  const isPrivate = hasPrivateNotice(root);
  const intro = root.querySelector(C.selfIntroduction);
  const fcLink = root.querySelector(C.freeCompanyLink);
  const fcId = fcLink?.getAttribute('href')?.match(FREE_COMPANY_ID)?.[1];
  const fcName = textOf(fcLink);
  return {
    lodestoneId,
    name,
    world: server.world,
    datacenter: server.datacenter,
    avatarUrl: imageSrc(root.querySelector(C.avatar)),
    portraitUrl: imageSrc(root.querySelector(C.portrait)),
    title: textOf(root.querySelector(C.title)) || null,
    freeCompany: fcId && fcName ? { id: fcId, name: fcName } : null,
    selfIntroduction: isPrivate || !intro ? null : multilineText(intro).trim(),
    isPrivate,
  };
}

/** Reads a search results page (an empty list for "no results"). */
export function parseSearchPage(html: string): LodestoneSearchEntry[] {
  const root = parse(html, PARSE_OPTIONS);
  const entries: LodestoneSearchEntry[] = [];
  for (const entry of root.querySelectorAll(S.entry)) {
    const id = entry.querySelector(S.link)?.getAttribute('href')?.match(CHARACTER_ID_IN_HREF)?.[1];
    const name = textOf(entry.querySelector(S.name));
    const server = worldAndDatacenter(textOf(entry.querySelector(S.worldAndDatacenter)));
    // A row without these is not a character result (an ad, a banner): skipped, not fatal.
    if (!id || !name || !server) continue;
    entries.push({ lodestoneId: id, name, world: server.world, datacenter: server.datacenter, avatarUrl: imageSrc(entry.querySelector(S.avatar)) });
  }
  return entries;
}

/** The heading of one of the Lodestone's error pages, if this is one. */
export function errorHeadingOf(html: string): string | undefined {
  // Cheap pre-check: error pages are rare, and most pages need no second parse.
  if (!html.includes('error__heading')) return undefined;
  return textOf(parse(html, PARSE_OPTIONS).querySelector(SELECTORS.page.errorHeading)) || undefined;
}

/** Whether a page is the Lodestone's maintenance page rather than the one asked for. */
export function isMaintenancePage(html: string): boolean {
  // Cheap pre-check: the maintenance page is rare, and most pages need no second parse.
  if (!html.includes('maintenance')) return false;
  return parse(html, PARSE_OPTIONS).querySelector(SELECTORS.page.maintenance) !== null;
}

/**
 * The outer HTML of every element the `tag.class` selectors name, one after another; undefined
 * when an element does not close where expected (the caller then reads the whole page).
 */
export function cutToBlocks(html: string, selectors: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const selector of selectors) {
    const [tag, cls] = selector.split('.') as [string, string];
    const open = new RegExp(`<${tag}\\b[^>]*?\\bclass=["'](?:[^"']*\\s)?${cls}(?:\\s[^"']*)?["'][^>]*>`, 'gi');
    for (const m of html.matchAll(open)) {
      const end = closingOf(html, tag, m.index + m[0].length);
      if (end === undefined) return undefined;
      parts.push(html.slice(m.index, end));
    }
  }
  return parts.join('\n');
}

/** Where the element whose content starts at `from` ends, counting nested elements of the same tag. */
function closingOf(html: string, tag: string, from: number): number | undefined {
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  tags.lastIndex = from;
  let depth = 1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return undefined;
}

function hasPrivateNotice(root: HTMLElement): boolean {
  const content = root.querySelector(C.content);
  if (!content) return false;
  // Only text outside the self-introduction counts: a player could write the notice into their own bio.
  return PRIVATE_PROFILE_NOTICES.some((notice) => textOutside(content, C.selfIntroduction).includes(notice));
}

function textOutside(el: HTMLElement, excluded: string): string {
  const skip = new Set(el.querySelectorAll(excluded));
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (skip.has(node as HTMLElement)) return;
    if (node.nodeType === 3) parts.push(node.text);
    else for (const child of node.childNodes) walk(child);
  };
  walk(el);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** Text with `<br>` as line breaks, entities decoded. */
function multilineText(el: HTMLElement): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.text);
    else if ((node as HTMLElement).tagName === 'BR') parts.push('\n');
    else for (const child of node.childNodes) walk(child);
  };
  walk(el);
  return parts.join('');
}

function textOf(el: HTMLElement | null | undefined): string {
  return el ? el.text.replace(/\s+/g, ' ').trim() : '';
}

function worldAndDatacenter(text: string): { world: string; datacenter: string } | undefined {
  const m = text.match(WORLD_AND_DATACENTER);
  return m?.groups?.world && m.groups.dc ? { world: m.groups.world.trim(), datacenter: m.groups.dc.trim() } : undefined;
}

/** Only absolute http(s) image URLs are kept: they go into an <img src> on the web page. */
function imageSrc(el: HTMLElement | null | undefined): string | null {
  const src = el?.getAttribute('src');
  if (!src) return null;
  try {
    const u = new URL(src);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
