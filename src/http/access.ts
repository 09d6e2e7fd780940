import { neededScope, type Resource } from '../apiKeys/scopes.js';
import { AuthError } from '../auth/auth.errors.js';
import { notFound } from '../errors.js';
import type { Services } from '../services.js';
import type { Caller } from './authenticate.js';

/**
 * The characters (by our id) a caller may touch; null means all of them. Only keys narrowed to
 * `character:<lodestoneId>:…` scopes are limited, and a login session never pays for the lookup.
 */
export async function grantedCharacterIds(services: Services, caller: Caller): Promise<Set<string> | null> {
  if (caller.grant.kind === 'all') return null;
  if (caller.grant.kind === 'none') return new Set();
  const ids = caller.grant.lodestoneIds;
  return new Set((await services.characters.list(caller.userId)).filter((c) => ids.has(c.lodestoneId)).map((c) => c.id));
}

/** Outside a key's characters is answered like another user's data: not found. */
export function assertCharacterVisible(allowed: Set<string> | null, characterId: string | null, what: 'Task' | 'Character'): void {
  if (allowed && (characterId == null || !allowed.has(characterId))) throw notFound(what);
}

/** A narrowed key cannot create account-wide things: that needs the broad scope. */
export function requireBroad(allowed: Set<string> | null, resource: Resource): void {
  if (allowed) throw new AuthError('INSUFFICIENT_SCOPE', `This needs the ${neededScope(resource, 'write')} scope; this key is limited to some characters.`);
}

/** OpenAPI security: a login session, or an API key with this scope. */
export const securityFor = (scope: string): Record<string, string[]>[] => [{ bearer: [] }, { apiKey: [scope] }];
