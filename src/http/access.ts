import { neededScope, type Resource } from '../apiKeys/scopes.js';
import { AuthError } from '../auth/auth.errors.js';
import { notFound } from '../errors.js';
import type { Services } from '../services.js';
import type { Caller } from './authenticate.js';

/** Whether the caller may touch this character: a login session or a broad key may touch all. */
export function coversCharacter(caller: Caller, lodestoneId: string): boolean {
  return caller.grant.kind === 'all' || (caller.grant.kind === 'characters' && caller.grant.lodestoneIds.has(lodestoneId));
}

/** Outside a key's characters is answered like another user's data: not found. */
export function assertCovers(caller: Caller, lodestoneId: string | null, what: 'Task' | 'Character'): void {
  if (lodestoneId == null ? caller.grant.kind !== 'all' : !coversCharacter(caller, lodestoneId)) throw notFound(what);
}

/**
 * The characters (by our id) a narrowed key covers, to filter a list of tasks; null for a caller
 * who may see everything (a login session never pays for the lookup).
 */
export async function coveredCharacterIds(services: Services, caller: Caller): Promise<Set<string> | null> {
  if (caller.grant.kind === 'all') return null;
  return new Set((await services.characters.list(caller.userId)).filter((c) => coversCharacter(caller, c.lodestoneId)).map((c) => c.id));
}

/** A narrowed key cannot create account-wide things: that needs the broad scope. */
export function requireBroad(caller: Caller, resource: Resource): void {
  if (caller.grant.kind !== 'all') {
    throw new AuthError('INSUFFICIENT_SCOPE', `This needs the ${neededScope(resource, 'write')} scope; this key is limited to some characters.`);
  }
}

/** OpenAPI security of the routes only a login session may use. */
export const sessionOnly: Record<string, string[]>[] = [{ bearer: [] }];

/** OpenAPI security: a login session, or an API key with this scope. */
export const securityFor = (scope: string): Record<string, string[]>[] => [{ bearer: [] }, { apiKey: [scope] }];
