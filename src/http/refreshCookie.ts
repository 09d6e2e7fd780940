import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_IDLE_MS } from '../auth/session.service.js';
import { HttpError } from './errors.js';

/**
 * The web page keeps its refresh token in an HttpOnly cookie the page's scripts cannot read,
 * sent only to /auth (refresh and logout) and never cross-site (SameSite=Strict). The page asks
 * for this mode with `X-Tracker-Client: web`: a header no cross-site form can send, and one a
 * cross-site script cannot send without passing CORS. Other clients keep the token in the body.
 */
export const WEB_CLIENT_HEADER = 'x-tracker-client';
export const REFRESH_COOKIE = 'tracker_refresh';

export const isWebClient = (req: FastifyRequest): boolean => req.headers[WEB_CLIENT_HEADER] === 'web';

/** The refresh cookie of a web-client request, after checking it comes from an allowed page. */
export function refreshTokenFromCookie(req: FastifyRequest, allowedOrigins: readonly string[]): string | undefined {
  if (!isWebClient(req)) return undefined;
  assertAllowedOrigin(req, allowedOrigins);
  return cookieValue(req.headers.cookie, REFRESH_COOKIE);
}

/** A cookie-authenticated request must come from this service's own page or an allowed origin. */
export function assertAllowedOrigin(req: FastifyRequest, allowedOrigins: readonly string[]): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const own = `${req.protocol}://${req.host}`;
  if (origin !== own && !allowedOrigins.includes(origin)) {
    throw new HttpError(403, 'ORIGIN_NOT_ALLOWED', 'This request comes from a page that may not use the login cookie.');
  }
}

/** Sets (or, with null, clears) the refresh cookie; `Secure` is dropped only for plain-HTTP localhost. */
export function setRefreshCookie(req: FastifyRequest, reply: FastifyReply, token: string | null): void {
  const local = req.protocol === 'http' && /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(req.host);
  const attributes = ['Path=/auth', 'HttpOnly', 'SameSite=Strict', ...(local ? [] : ['Secure'])];
  const value = token === null ? `${REFRESH_COOKIE}=; Max-Age=0` : `${REFRESH_COOKIE}=${token}; Max-Age=${Math.floor(SESSION_IDLE_MS / 1000)}`;
  void reply.header('set-cookie', `${value}; ${attributes.join('; ')}`);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
