import { z } from 'zod';

/** Broad scopes; `character:<lodestoneId>:read|write` narrows a key to one character's tasks. */
export const BROAD_SCOPES = ['tasks:read', 'tasks:write', 'characters:read', 'characters:write'] as const;
export type BroadScope = (typeof BROAD_SCOPES)[number];
export type Action = 'read' | 'write';
export type Resource = 'tasks' | 'characters';

const CHARACTER_SCOPE = /^character:(\d{1,10}):(read|write)$/;

/** Exactly the broad scopes and `character:<lodestoneId>:read|write`, as one pattern the OpenAPI document can carry. */
const SCOPE = /^(?:(?:tasks|characters):(?:read|write)|character:\d{1,10}:(?:read|write))$/;

export const scopeSchema = z.string().regex(SCOPE, {
  message: `a scope is one of ${BROAD_SCOPES.join(', ')} or character:<lodestoneId>:read|write`,
});

/**
 * What a set of scopes allows for one resource and action: everything, some characters
 * (by Lodestone id), or nothing. `tasks:write` includes completing; write implies read.
 */
export type Grant = { kind: 'all' } | { kind: 'characters'; lodestoneIds: Set<string> } | { kind: 'none' };

export function grantFor(scopes: readonly string[], resource: Resource, action: Action): Grant {
  const broad = action === 'read' ? [`${resource}:read`, `${resource}:write`] : [`${resource}:write`];
  if (scopes.some((s) => broad.includes(s))) return { kind: 'all' };
  const ids = new Set<string>();
  for (const s of scopes) {
    const m = CHARACTER_SCOPE.exec(s);
    if (m && (action === 'read' || m[2] === 'write')) ids.add(m[1]!);
  }
  return ids.size > 0 ? { kind: 'characters', lodestoneIds: ids } : { kind: 'none' };
}

/** The scope to name in a 403 when a key lacks one. */
export const neededScope = (resource: Resource, action: Action): BroadScope => `${resource}:${action}`;
