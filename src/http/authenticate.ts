import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError } from '../auth/auth.errors.js';
import type { Principal, SessionService } from '../auth/session.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireUser` on authenticated routes. */
    principal: Principal | null;
  }
}

/** Query parameters where a confused client might put a token; refused so tokens never sit in URLs. */
const TOKEN_QUERY_KEYS = ['token', 'access_token', 'jwt', 'x-access-token'];

/** Reads the bearer token from `Authorization: Bearer …` or `x-access-token`. */
export function readToken(req: FastifyRequest): string {
  const query = req.query as Record<string, unknown> | undefined;
  if (query && TOKEN_QUERY_KEYS.some((k) => k in query)) {
    throw new AuthError('TOKEN_IN_QUERY', 'Tokens in the query string are refused (they leak into logs and history); send Authorization: Bearer <jwt>.');
  }
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

/** A preHandler that admits only requests with a valid access token of an open session. */
export function requireUser(sessions: SessionService) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    req.principal = await sessions.authenticate(readToken(req));
  };
}

/** The authenticated caller; only valid behind `requireUser`. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AuthError('TOKEN_MISSING', 'This route needs a login.');
  return req.principal;
}
