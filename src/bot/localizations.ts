import type { APIApplicationCommandOptionChoice, LocalizationMap } from 'discord.js';
import type { en } from '../i18n/catalogue/en.js';
import { GAME_REGIONS } from '../i18n/gameTerms.js';
import { LOCALES, type Locale } from '../i18n/locales.js';
import { presetName } from '../i18n/presetText.js';
import { translator, type MessageKey, type Translate } from '../i18n/translator.js';
import { CADENCES, REGIONS, type Cadence } from '../resets/cadences.js';

/**
 * Catalogue text for Discord's command definitions. Command and option names stay English
 * slugs; descriptions and choice names come from the catalogue (`bot.commands`, `bot.choices`):
 * English as the default, Japanese, German and French as Discord's localizations, which each
 * client shows in its own language.
 */

/** The languages Discord gets besides the English default (Discord's own locale codes). */
export const DISCORD_LOCALES = ['ja', 'de', 'fr'] as const satisfies readonly Locale[];

type Values = Record<string, string | number>;
/** Values for a key, the same for every language or per language (a region's name, say). */
export type LocalizedValues = Values | ((locale: Locale) => Values);

const valuesIn = (values: LocalizedValues | undefined, locale: Locale) => (typeof values === 'function' ? values(locale) : values);

/** The game's sheets put soft hyphens in some German and French names; a one-line label has no use for them. */
const clean = (s: string) => s.replace(/\u00AD/g, '');

/**
 * A preset's name for a reader (`presetName`: the game's wording in their language, a renamed
 * preset as the player named it) as Discord text, without the soft hyphens.
 */
export const presetLabel = (key: string, locale: Locale, storedName?: string): string => clean(presetName(key, locale, storedName));

/** One catalogue text in one language. */
export const textIn = (locale: Locale, key: MessageKey, values?: LocalizedValues): string => clean(translator(locale)(key, valuesIn(values, locale)));

/** `{ ja, de, fr }` of one catalogue key: for `setDescriptionLocalizations` or a choice's `name_localizations`. */
export function localizations(key: MessageKey, values?: LocalizedValues): LocalizationMap {
  return Object.fromEntries(DISCORD_LOCALES.map((l) => [l, textIn(l, key, values)]));
}

interface Describable {
  setDescription(description: string): unknown;
  setDescriptionLocalizations(localized: LocalizationMap | null): unknown;
}

/** Sets a command's, subcommand's or option's description in English and its localizations, from one key. */
export function described<B extends Describable>(builder: B, key: MessageKey, values?: LocalizedValues): B {
  builder.setDescription(textIn('en', key, values));
  builder.setDescriptionLocalizations(localizations(key, values));
  return builder;
}

type CommandName = keyof typeof en.bot.commands;
/** The keys under one prefix, without it. */
type Within<P extends string, K extends string = MessageKey> = K extends `${P}${infer Rest}` ? Rest : never;

/**
 * `described` for one command's keys (`bot.commands.<command>.…`), so a command file reads
 * `d(o.setName('name'), 'add.name')`; the key is checked against the catalogue.
 */
export function commandText<C extends CommandName>(command: C) {
  return <B extends Describable>(builder: B, key: Within<`bot.commands.${C}.`>, values?: LocalizedValues): B =>
    described(builder, `bot.commands.${command}.${key}` as MessageKey, values);
}

/** A choice named from the catalogue, in English and localized. */
export function choice<V extends string | number>(key: MessageKey, value: V, values?: LocalizedValues): APIApplicationCommandOptionChoice<V> {
  return { name: textIn('en', key, values), name_localizations: localizations(key, values), value };
}

/** Names joined the way the language lists them (`, ` or `、`). */
export const joinNames = (t: Translate, names: readonly string[]): string => names.join(t('bot.listSeparator'));

// ── Choices more than one command offers ──

/** Cadences as choices (`bot.choices.cadence`), in the order given. */
export const cadenceChoices = (cadences: readonly Cadence[] = CADENCES) => cadences.map((c) => choice(`bot.choices.cadence.${c}`, c));

/** The data-center regions as choices: the game's own name of each region (WorldRegionGroup), then its code. */
export const regionChoices = () => REGIONS.map((r) => choice('bot.choices.region', r, (locale) => ({ name: GAME_REGIONS[r][locale], code: r.toUpperCase() })));

/** Our four languages as choices, each named in itself (and, for other readers, in theirs too). */
export const languageChoices = () => LOCALES.map((l) => choice(`bot.choices.language.${l}`, l));

// ── Reasons the scheduler stored in English ──

/**
 * Sentences the scheduler writes into the store when Discord refuses a channel (src/scheduler/),
 * shown later to a player: said in their language when known, else as stored.
 */
export const STORED_REASONS: Readonly<Record<string, MessageKey>> = {
  'its message or channel was deleted, or the bot lost access': 'bot.router.boardReasons.messageGone',
  'the bot cannot post in that channel': 'bot.router.boardReasons.cannotPost',
  'Discord refused the channel (deleted, or the bot lost access)': 'bot.reminders.channelRefused',
};

export const storedReason = (t: Translate, reason: string): string => {
  const key = STORED_REASONS[reason];
  return key ? t(key) : reason;
};
