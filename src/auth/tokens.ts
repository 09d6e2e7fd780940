import { createHash, randomBytes } from 'node:crypto';

/** An unguessable opaque token (256 bits, URL-safe). */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Only hashes of refresh tokens and OAuth states are stored; a database leak yields nothing usable. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');
