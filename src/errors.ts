/** The codes every front door knows how to word. */
export type DomainErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'VALIDATION' | 'LIMIT_REACHED';

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
