import type { MessageKey } from './i18n/translator.js';

/** The codes every front door knows how to word. */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VALIDATION'
  | 'LIMIT_REACHED'
  /** The caller may not do this to something they can see (a group they do not own). */
  | 'FORBIDDEN'
  /** The Lodestone has no character with that id, or the search found none. */
  | 'LODESTONE_NOT_FOUND'
  /** The character is hidden on the Lodestone (403, "Access Restricted"). */
  | 'LODESTONE_HIDDEN'
  /** The profile is private: the frame shows, the profile does not. */
  | 'LODESTONE_PRIVATE'
  | 'LODESTONE_MAINTENANCE'
  /** The Lodestone asked us to slow down; `retryAfterSeconds` says for how long. */
  | 'LODESTONE_RATE_LIMITED'
  /** Timeout, unreachable, a server error or a page we could not read. */
  | 'LODESTONE_UNAVAILABLE'
  /** A name + world search found several characters of that name. */
  | 'LODESTONE_AMBIGUOUS'
  /** The Lodestone is switched off on this service (`LODESTONE_URL=off`). */
  | 'LODESTONE_OFF'
  /** A field the Lodestone is the source of (name, world, images…) cannot be set by hand. */
  | 'LODESTONE_MANAGED'
  /** A preset's reset rule (cadence, a cooldown's hours, a drawing's region) is the game's and cannot be edited. */
  | 'PRESET_CADENCE'
  /** A user asked for more Lodestone reads than their share; `retryAfterSeconds` says when to try again. */
  | 'TOO_MANY_REQUESTS'
  | 'CODE_NOT_FOUND'
  | 'CODE_EXPIRED';

/** A catalogue key under `errors.` (src/i18n/catalogue/en.ts). */
export type ErrorMessageKey = Extract<MessageKey, `errors.${string}`>;

/**
 * The same sentence as a catalogue key and its values, so a front door can say it in the
 * reader's language. The English `message` stays the service's own sentence (and the English
 * catalogue entry says the same).
 */
export interface LocalizedMessage {
  key: ErrorMessageKey;
  values?: Record<string, string | number>;
}

/**
 * An expected failure of a service call. Front doors map the code to their own wording
 * (an HTTP status, an ephemeral Discord reply); anything else is a bug.
 */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra, documented fields of the answer (e.g. the candidates of an ambiguous search). */
    readonly extra?: Record<string, unknown>,
    /** When trying again makes sense. */
    readonly retryAfterSeconds?: number,
    /** The message as a catalogue key, when it has one: the bot says it in the reader's language. */
    readonly i18n?: LocalizedMessage,
  ) {
    super(message);
  }
}

/** The catalogue keys of the things `notFound` is told about, by the English word the services use. */
const NOT_FOUND_KEYS: Record<string, ErrorMessageKey> = {
  Task: 'errors.notFound.task',
  Character: 'errors.notFound.character',
  Group: 'errors.notFound.group',
  'API key': 'errors.notFound.apiKey',
  Member: 'errors.notFound.member',
  User: 'errors.notFound.user',
  'Reminder setting for this server': 'errors.notFound.guildReminder',
};

export const notFound = (what: string, i18n?: LocalizedMessage): DomainError =>
  new DomainError('NOT_FOUND', `${what} was not found.`, undefined, undefined, undefined, i18n ?? (NOT_FOUND_KEYS[what] ? { key: NOT_FOUND_KEYS[what] } : undefined));
export const conflict = (message: string, i18n?: LocalizedMessage): DomainError => new DomainError('CONFLICT', message, undefined, undefined, undefined, i18n);
export const invalid = (message: string, details?: unknown, i18n?: LocalizedMessage): DomainError =>
  new DomainError('VALIDATION', message, details, undefined, undefined, i18n);
export const limitReached = (message: string, i18n?: LocalizedMessage): DomainError => new DomainError('LIMIT_REACHED', message, undefined, undefined, undefined, i18n);
/** A refusal of something the caller may see but not do. */
export const forbidden = (message: string, i18n?: LocalizedMessage): DomainError => new DomainError('FORBIDDEN', message, undefined, undefined, undefined, i18n);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
