import { findPreset, type PresetCategory } from '../tasks/presets.js';
import type { Locale } from './locales.js';
import { GAME_TERMS } from './gameTerms.js';
import { LOCALES } from './locales.js';
import { translator, type GameTermKey } from './translator.js';
import { en } from './catalogue/en.js';

const termOf = (key: string) => (key in GAME_TERMS ? GAME_TERMS[key as GameTermKey] : undefined);

/**
 * A preset's name for a reader: the game's own wording in their language. Its stored key never
 * changes with the language, so a preset added in Japanese reads in German to a German reader.
 * A task the player renamed keeps their name: `storedName` is shown when it is none of the
 * preset's names in any language.
 */
export function presetName(key: string, locale: Locale, storedName?: string): string {
  const preset = findPreset(key);
  const term = termOf(key);
  if (!preset) return storedName ?? key;
  const names = new Set([preset.name, ...(term ? LOCALES.map((l) => term[l]) : [])]);
  if (storedName !== undefined && !names.has(storedName)) return storedName;
  if (locale === 'en' || !term) return preset.name;
  if (key in en.presetNames) return translator(locale)(`presetNames.${key as keyof typeof en.presetNames}`, { term: term[locale] });
  return term[locale];
}

export function presetDescription(key: string, locale: Locale): string {
  const preset = findPreset(key);
  if (!preset) return '';
  return locale === 'en' ? preset.description : translator(locale)(`presetDescriptions.${key}` as Parameters<ReturnType<typeof translator>>[0]);
}

export function categoryName(category: PresetCategory, locale: Locale): string {
  return translator(locale)(`categories.${category}`);
}
