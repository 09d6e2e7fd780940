import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAuthError, type AuthErrorCode } from '../auth/auth.errors.js';
import { isDomainError, type DomainErrorCode } from '../errors.js';
import { errorSchema } from './schemas.js';

/** The one error shape every answer uses: a machine code and a human sentence. */
export interface ErrorBody {
  code: string;
  error: string;
}

/** An expected HTTP failure raised by routes and hooks (auth, rate limits…). */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 400,
  LIMIT_REACHED: 409,
  FORBIDDEN: 403,
  LODESTONE_NOT_FOUND: 404,
  LODESTONE_HIDDEN: 403,
  LODESTONE_PRIVATE: 403,
  LODESTONE_MAINTENANCE: 503,
  LODESTONE_RATE_LIMITED: 503,
  LODESTONE_UNAVAILABLE: 502,
  LODESTONE_AMBIGUOUS: 409,
  LODESTONE_OFF: 409,
  LODESTONE_MANAGED: 409,
  PRESET_CADENCE: 409,
  TOO_MANY_REQUESTS: 429,
  CODE_NOT_FOUND: 409,
  CODE_EXPIRED: 410,
};

const AUTH_STATUS: Record<AuthErrorCode, number> = {
  TOKEN_MISSING: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  TOKEN_IN_QUERY: 401,
  SESSION_REVOKED: 401,
  TOKEN_REUSED: 401,
  INVALID_CODE: 401,
  INVALID_STATE: 400,
  INVALID_REDIRECT_URI: 400,
  DISCORD_UNAVAILABLE: 502,
  LOGIN_NOT_CONFIGURED: 503,
  API_KEY_INVALID: 401,
  API_KEY_NOT_ALLOWED: 403,
  INSUFFICIENT_SCOPE: 403,
};

/** RFC 6750: a 401 on a protected resource says which scheme to use and, for a bad token, why. */
function wwwAuthenticate(code: AuthErrorCode, message: string): string | undefined {
  if (code === 'TOKEN_MISSING') return 'Bearer realm="ffxiv-tracker"';
  if (code === 'INSUFFICIENT_SCOPE') return `Bearer realm="ffxiv-tracker", error="insufficient_scope", error_description="${message.replace(/"/g, "'")}"`;
  if (AUTH_STATUS[code] !== 401 || code === 'INVALID_CODE' || code === 'API_KEY_INVALID') return undefined;
  return `Bearer realm="ffxiv-tracker", error="invalid_token", error_description="${message.replace(/"/g, "'")}"`;
}

/** Fastify's own failures, reworded into our shape. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; error: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', error: 'Send the body as application/json.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', error: 'The body is too large: 64 KiB at most (8 KiB for a form body).' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', error: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON', error: 'The body is empty but the content type says JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST', error: 'The Content-Length does not match the body.' },
};

/** Installs the single catch point of the HTTP front door. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof HttpError) {
      return reply.code(err.statusCode).headers(err.headers).send({ code: err.code, error: err.message } satisfies ErrorBody);
    }
    if (isAuthError(err)) {
      const challenge = wwwAuthenticate(err.code, err.message);
      if (challenge) void reply.header('www-authenticate', challenge);
      return reply.code(AUTH_STATUS[err.code]).send({ code: err.code, error: err.message } satisfies ErrorBody);
    }
    if (isDomainError(err)) {
      if (err.retryAfterSeconds !== undefined) void reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
      return reply.code(DOMAIN_STATUS[err.code]).send({ ...err.extra, code: err.code, error: err.message } satisfies ErrorBody);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = first?.instancePath ? `${first.instancePath.replace(/^\//, '').replace(/\//g, '.')}: ` : '';
      const part = err.validationContext ?? 'request';
      return reply
        .code(400)
        .send({ code: 'VALIDATION', error: `Invalid ${part}: ${where}${first?.message ?? 'invalid value'}` } satisfies ErrorBody);
    }
    const known = err.code ? FASTIFY_ERRORS[err.code] : undefined;
    if (known) return reply.code(known.status).send({ code: known.code, error: known.error } satisfies ErrorBody);
    // Any other refusal of the request itself keeps 404, 413 or 415 and is otherwise a 400, so no
    // status appears that the OpenAPI document does not list.
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const status = [404, 413, 415].includes(err.statusCode) ? err.statusCode : 400;
      return reply.code(status).send({ code: 'BAD_REQUEST', error: 'The request could not be understood.' } satisfies ErrorBody);
    }
    req.log.error({ err }, 'Unhandled error');
    return reply.code(500).send({ code: 'INTERNAL', error: 'Something went wrong on our side; try again.' } satisfies ErrorBody);
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ code: 'ROUTE_NOT_FOUND', error: `No route ${req.method} ${req.url.split('?')[0]}.` } satisfies ErrorBody);
  });

  app.addHook('onRoute', declareFrameworkStatuses);
}

/** Methods whose body Fastify reads whatever the route declares (DELETE when one is sent). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Adds to a documented route the statuses the HTTP layer answers before its handler runs, so the
 * OpenAPI document lists every status a route can answer: 401 `TOKEN_IN_QUERY` on every route
 * (the query check runs on all of them, public ones included); 400 where a schema validates params,
 * query or body, or where a body is read (`INVALID_JSON`, `BAD_REQUEST`); 413 and 415 where a body
 * is read; 503 `SHUTTING_DOWN` on every route while the process stops. A route's own declaration of
 * a status wins (e.g. a 400 with extra fields).
 */
export function declareFrameworkStatuses(route: RouteOptions): void {
  const schema = route.schema as (FastifySchema & { hide?: boolean; response?: Record<string, unknown> }) | undefined;
  if (!schema?.response || schema.hide) return;
  const readsBody = [route.method].flat().some((m) => BODY_METHODS.has(m));
  const statuses = [401];
  if (readsBody || schema.params || schema.querystring || schema.body) statuses.push(400);
  if (readsBody) statuses.push(413, 415);
  statuses.push(503);
  const added = Object.fromEntries(statuses.filter((s) => !(s in schema.response!)).map((s) => [s, errorSchema]));
  route.schema = { ...schema, response: { ...added, ...schema.response } };
}

/** Failures of the router itself, before any route or hook runs. */
const ROUTER_ERRORS: Record<string, { status: number; code: string; error: string }> = {
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', error: 'The URL is not valid: check its percent-encoding.' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 400, code: 'VALIDATION', error: 'Invalid params: a path segment is too long.' },
};

/** Fastify's `frameworkErrors`: the router's refusals (bad percent-encoding, an over-long path segment) in our shape. */
export function frameworkErrorAnswer(err: FastifyError): { status: number; body: ErrorBody } {
  const known = ROUTER_ERRORS[err.code];
  if (known) return { status: known.status, body: { code: known.code, error: known.error } };
  return { status: 500, body: { code: 'INTERNAL', error: 'Something went wrong on our side; try again.' } };
}

/**
 * Fastify's `clientErrorHandler`: a request Node could not even parse (malformed HTTP, a request line
 * and headers over Node's limit, a timeout) is answered on the socket, still in our shape.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body]: [number, ErrorBody] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, { code: 'REQUEST_TIMEOUT', error: 'The request took too long to arrive.' }]
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, { code: 'HEADERS_TOO_LARGE', error: 'The request line and headers are larger than this server accepts.' }]
        : [400, { code: 'BAD_REQUEST', error: 'The request is not valid HTTP.' }];
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(err);
}
