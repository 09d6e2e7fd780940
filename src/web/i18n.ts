import i18next from 'i18next';
import type { Catalogue, en } from '../i18n/catalogue/en.js';
import type { GameTermKey } from '../i18n/gameTerms.js';
import { isLocale, LOCALES, type Locale } from '../i18n/locales.js';
import type { Cadence, Region } from './types.js';
import { recall, remember } from './remembered.js';

export { isLocale, LOCALES, type Locale };

/** What a language's chunk (./locales/) holds. */
interface Pack {
  messages: Catalogue['web'];
  terms: Readonly<Record<GameTermKey, string>>;
  regions: Readonly<Record<Region, string>>;
}

/**
 * One chunk per language, each a dynamic import: the page fetches the one it shows, and another only when the player
 * picks it. Listed one by one (not a template string) so the bundler sees exactly these four.
 */
const PACKS: Record<Locale, () => Promise<Pack>> = {
  en: () => import('./locales/en.js'),
  ja: () => import('./locales/ja.js'),
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
};

/** A dotted key of the `web` catalogue, plural suffixes folded (`groups.members` for `members_one`/`members_other`). */
type Keys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K extends `${infer B}_${'one' | 'other'}` ? B : K}` : Keys<T[K], `${P}${K}.`>;
}[keyof T & string];
export type WebKey = Keys<(typeof en)['web']>;

const STORAGE_KEY = 'ffxiv-tracker:language';

// Plurals come from Intl.PluralRules through i18next; values are written into text nodes, never parsed as HTML.
const i18n = i18next.createInstance();
let current: Locale = 'en';
/** The language last asked for: a chunk that arrives after a later choice is not applied. */
let wanted: Locale | null = null;
let pack: Pack | null = null;
let gameNames: Record<string, string> = {};

/** The game's names as `{{…}}` values, under the same names as the bot's messages use (src/i18n/translator.ts). */
function termValues(terms: Pack['terms']): Record<string, string> {
  return {
    roulettes: terms['duty-roulette'],
    dutyRoulette: terms['duty-roulette'],
    allied: terms['allied-society-quests'],
    miniCactpot: terms['mini-cactpot'],
    hunts: terms['daily-hunts'],
    wondrousTails: terms['wondrous-tails'],
    customDeliveries: terms['custom-deliveries'],
    savage: terms['savage-raid-loot'],
    challengeLog: terms['challenge-log'],
    grandCompany: terms['grand-company'],
    goldSaucer: terms['gold-saucer'],
    fashionReport: terms['fashion-report'],
    jumboCactpot: terms['jumbo-cactpot'],
    oceanFishing: terms['ocean-fishing'],
  };
}

/**
 * The language to start in: the one picked before on this browser, else the first of the browser's languages we
 * speak, else English.
 */
export function initialLanguage(): Locale {
  const stored = recall(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  const base = navigator.languages.map((tag) => tag.toLowerCase().split('-')[0]).find(isLocale);
  return base ?? 'en';
}

/**
 * Fetches a language's chunk (once) and makes it the page's: messages, game names, `<html lang>`. False when another
 * language was asked for while this one was on its way (that one wins).
 */
export async function useLanguage(lang: Locale, keep = false): Promise<boolean> {
  wanted = lang;
  const next = await PACKS[lang]();
  if (wanted !== lang) return false;
  if (!i18n.isInitialized) {
    await i18n.init({ initAsync: false, resources: {}, lng: lang, fallbackLng: false, interpolation: { escapeValue: false }, returnNull: false });
  }
  if (!i18n.hasResourceBundle(lang, 'translation')) i18n.addResourceBundle(lang, 'translation', next.messages);
  await i18n.changeLanguage(lang);
  current = lang;
  pack = next;
  gameNames = termValues(next.terms);
  document.documentElement.lang = lang;
  if (keep) remember(STORAGE_KEY, lang);
  return true;
}

export const language = (): Locale => current;

/** A message in the page's language; the game's names are always at hand as values. */
export function t(key: WebKey, values?: Record<string, string | number>): string {
  return i18n.t(key, { ...gameNames, ...values }) as string;
}

/** A message with elements (a live <time>) where the placeholders named in `nodes` stand; the rest stays text. */
export function tNodes(key: WebKey, nodes: Record<string, Node>, values?: Record<string, string | number>): (string | Node)[] {
  const marks = Object.fromEntries(Object.keys(nodes).map((k) => [k, `\u0000${k}\u0000`]));
  return t(key, { ...values, ...marks })
    .split('\u0000')
    .map((part, i) => (i % 2 === 1 ? (nodes[part] ?? part) : part))
    .filter((part) => part !== '');
}

/**
 * The locale for Intl: the browser's own variant of the chosen language when it has one (en-GB writes 16:00 where en
 * writes 4:00 PM), else the language itself.
 */
export const intlLocale = (): string => navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === current) ?? current;

/** "a, b and c", as the page's language joins a list. */
export const listed = (names: string[]): string => new Intl.ListFormat(intlLocale(), { type: 'conjunction' }).format(names);

export const cadenceLabel = (c: Cadence): string => t(`cadence.${c}`);

/** A data-center region as the game names it in this language. */
export const regionLabel = (r: Region): string => pack?.regions[r] ?? r;
