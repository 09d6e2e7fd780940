import i18next, { type TFunction } from 'i18next';
import type { Region, ResetEvent } from '../resets/cadences.js';
import { de } from './catalogue/de.js';
import { en } from './catalogue/en.js';
import { fr } from './catalogue/fr.js';
import { ja } from './catalogue/ja.js';
import { GAME_TERMS } from './gameTerms.js';
import { LOCALES, type Locale } from './locales.js';

export const CATALOGUES = { en, ja, de, fr } as const;

/** A dotted key of the catalogue, plural suffixes folded (`reminder.more` for `more_one`/`more_other`). */
export type MessageKey = Keys<typeof en>;
type Keys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K extends `${infer B}_${'one' | 'other'}` ? B : K}` : Keys<T[K], `${P}${K}.`>;
}[keyof T & string];

export type GameTermKey = keyof typeof GAME_TERMS;

// One instance for the process, built from constant catalogues: no I/O, so it is ready at once.
const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: CATALOGUES[l] }])),
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  // Messages go to Discord and to JSON, never into HTML unescaped by the page itself.
  interpolation: { escapeValue: false },
  returnNull: false,
});

const fixed = new Map<Locale, TFunction>(LOCALES.map((l) => [l, instance.getFixedT(l)]));

/** The game's own name for something, in that language (from the datamined sheets). */
export function gameTerm(key: GameTermKey, locale: Locale): string {
  return GAME_TERMS[key][locale];
}

/** The game names every message may use, as `{{…}}` values. */
function termValues(locale: Locale): Record<string, string> {
  const g = (k: GameTermKey) => gameTerm(k, locale);
  return {
    roulettes: g('duty-roulette'),
    dutyRoulette: g('duty-roulette'),
    allied: g('allied-society-quests'),
    miniCactpot: g('mini-cactpot'),
    hunts: g('daily-hunts'),
    wondrousTails: g('wondrous-tails'),
    customDeliveries: g('custom-deliveries'),
    savage: g('savage-raid-loot'),
    challengeLog: g('challenge-log'),
    grandCompany: g('grand-company'),
    goldSaucer: g('gold-saucer'),
    fashionReport: g('fashion-report'),
    jumboCactpot: g('jumbo-cactpot'),
    oceanFishing: g('ocean-fishing'),
  };
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A translator for one language; game names are always at hand as values. */
export function translator(locale: Locale): Translate {
  const t = fixed.get(locale)!;
  const terms = termValues(locale);
  return (key, values) => t(key, { ...terms, ...values }) as string;
}

const REGION_LABEL: Record<Region, string> = { eu: 'EU', na: 'NA', jp: 'JP', oc: 'OC' };

/** The title and body of a reset event, in that language. */
export function eventText(event: ResetEvent, locale: Locale): { title: string; body: string } {
  const t = translator(locale);
  if (event.startsWith('jumbo-cactpot-')) {
    const region = REGION_LABEL[event.slice('jumbo-cactpot-'.length) as Region];
    return { title: t('events.jumbo-cactpot.title', { region }), body: t('events.jumbo-cactpot.body', { region }) };
  }
  const key = event as Exclude<ResetEvent, `jumbo-cactpot-${string}`>;
  return { title: t(`events.${key}.title`), body: t(`events.${key}.body`) };
}
