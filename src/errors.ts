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
  /** A user asked for more Lodestone reads than their share; `retryAfterSeconds` says when to try again. */
  | 'TOO_MANY_REQUESTS'
  | 'CODE_NOT_FOUND'
  | 'CODE_EXPIRED';

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
  ) {
    super(message);
  }
}

export const notFound = (what: string): DomainError => new DomainError('NOT_FOUND', `${what} was not found.`);
export const conflict = (message: string): DomainError => new DomainError('CONFLICT', message);
export const invalid = (message: string, details?: unknown): DomainError =>
  new DomainError('VALIDATION', message, details);
export const limitReached = (message: string): DomainError => new DomainError('LIMIT_REACHED', message);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
