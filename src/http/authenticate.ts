import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyService } from '../apiKeys/apiKey.service.js';
import { grantFor, neededScope, type Action, type Grant, type Resource } from '../apiKeys/scopes.js';
import { AuthError } from '../auth/auth.errors.js';
import type { SessionService } from '../auth/session.service.js';
import { HttpError } from './errors.js';
import type { RateLimiter } from '../rateLimiter.js';

/** Who is calling: a login session (full access) or an API key (its scopes). */
export interface Caller {
  userId: string;
  sessionId: string | null;
  /** What this route's resource and action allow the caller. */
  grant: Grant;
  /** The user's task-list version for a login session (null for API keys, whose answers are not cached). */
  tasksVersion: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth preHandlers on protected routes. */
    principal: Caller | null;
  }
}

/** Query parameters where a confused client might put a token; refused so tokens never sit in URLs. */
const TOKEN_QUERY_KEYS = ['token', 'access_token', 'jwt', 'x-access-token', 'api_key', 'apikey', 'key'];

/**
 * Runs on every request, before validation (see server.ts): otherwise a route whose query schema
 * is strict answers 400 for the unknown parameter and the client never learns why.
 */
export function refuseQueryTokens(req: FastifyRequest): void {
  const query = req.query as Record<string, unknown> | undefined;
  if (query && TOKEN_QUERY_KEYS.some((k) => k in query)) {
    throw new AuthError('TOKEN_IN_QUERY', 'Credentials in the query string are refused (they leak into logs and history); send them in a header.');
  }
}

/** Reads the bearer token from `Authorization: Bearer …` or `x-access-token`. */
function readToken(req: FastifyRequest): string {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new AuthError('TOKEN_INVALID', 'The Authorization header must be "Bearer <jwt>".');
    return m[1]!;
  }
  const alt = req.headers['x-access-token'];
  if (typeof alt === 'string' && alt.length > 0) return alt;
  throw new AuthError('TOKEN_MISSING', 'This route needs a login: send Authorization: Bearer <jwt>.');
}

const apiKeyOf = (req: FastifyRequest) => {
  const k = req.headers['x-api-key'];
  return typeof k === 'string' && k.length > 0 ? k : undefined;
};

/** Only a login session may use these routes (API keys cannot make keys, refresh or log out). */
export function requireSession(sessions: SessionService) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (apiKeyOf(req) && !req.headers.authorization && !req.headers['x-access-token']) {
      throw new AuthError('API_KEY_NOT_ALLOWED', 'This route needs a login session; API keys cannot use it.');
    }
    req.principal = await sessionCaller(sessions, req);
  };
}

/** A login session's caller: full access to the user's own data. */
async function sessionCaller(sessions: SessionService, req: FastifyRequest): Promise<Caller> {
  const p = await sessions.authenticate(readToken(req));
  return { userId: p.userId, sessionId: p.sessionId, grant: { kind: 'all' }, tasksVersion: p.tasksVersion };
}

export interface AccessDeps {
  sessions: SessionService;
  apiKeys: ApiKeyService;
  keyLimiter: RateLimiter;
}

/** A login session, or an API key holding a scope for `resource`/`action` (403 naming the scope otherwise). */
export function requireAccess(deps: AccessDeps, resource: Resource, action: Action) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const key = apiKeyOf(req);
    if (!key || req.headers.authorization || req.headers['x-access-token']) {
      req.principal = await sessionCaller(deps.sessions, req);
      return;
    }
    const p = await deps.apiKeys.authenticate(key);
    const wait = deps.keyLimiter.take(p.keyId);
    if (wait > 0) {
      const seconds = String(Math.ceil(wait / 1000));
      throw new HttpError(429, 'RATE_LIMITED', `Too many requests with this API key; retry in ${seconds} s.`, { 'retry-after': seconds });
    }
    const grant = grantFor(p.scopes, resource, action);
    if (grant.kind === 'none') {
      const scope = neededScope(resource, action);
      throw new AuthError('INSUFFICIENT_SCOPE', `This API key lacks the ${scope} scope (or a character:<lodestoneId>:${action} scope).`);
    }
    req.principal = { userId: p.userId, sessionId: null, grant, tasksVersion: null };
  };
}

/** The authenticated caller; only valid behind an auth preHandler. */
export function principalOf(req: FastifyRequest): Caller {
  if (!req.principal) throw new AuthError('TOKEN_MISSING', 'This route needs a login.');
  return req.principal;
}
