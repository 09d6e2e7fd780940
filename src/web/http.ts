import createClient from 'openapi-fetch';
import type { paths } from './generated/api.js';
import { language, t } from './i18n.js';

/**
 * An answer the API refused: its status and its `{ code, error }` body (`error` is meant for people).
 * `body` keeps the documented extras some refusals carry, such as a failed Lodestone link's `candidates`.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** The API could not be reached at all: offline, DNS, the service down. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

/** The login session is over (refresh refused); the person has to log in again. */
export class SessionEndedError extends Error {
  override name = 'SessionEndedError';
}

/** The API lives on the page's own origin (the service serves this app at /app/). */
const API_ORIGIN = location.origin;

/**
 * Every call the page makes, typed by `paths`: what `openapi-typescript` made of the service's own `/openapi.json` at
 * build time (`npm run types:web`, run by `npm run build` and `npm run typecheck`). A path, a parameter, a body or an
 * answer the page uses that the document no longer has fails the web type check.
 * Each call resolves with `{ data }` or `{ error }` and the `response`; `ok` and `ifChanged` turn that into the body
 * or an ApiError / NetworkError, as the rest of the page expects.
 */
export const client = createClient<paths>({
  baseUrl: API_ORIGIN,
  headers: { accept: 'application/json' },
  credentials: 'omit',
  // The page keeps what it needs itself (the boards' ETags); the browser's cache stays out of it.
  cache: 'no-store',
  // As URLSearchParams writes it (a space as `+`); a parameter left out or null is not sent.
  querySerializer: (query) => new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v == null ? [] : [[k, String(v)]]))).toString(),
  fetch: async (request) => {
    // The page's language, for any sentence the API words for people (error codes stay the same in every language).
    request.headers.set('accept-language', language());
    try {
      return await fetch(request);
    } catch {
      throw new NetworkError('The tracker service cannot be reached.');
    }
  },
});

/** `Authorization: Bearer`, for a call that needs a login. */
export const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** What a `client` call resolves with: the parsed body of a success (`data`) or of a refusal (`error`). */
export interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The body of an answer's success: the document's 2xx schema (undefined for a 204). */
export type Success<A extends Answer> = A extends { data: infer D } ? D : never;

/** A call's success body (undefined for 204); rejects with ApiError, or NetworkError when the service is unreachable. */
export async function ok<A extends Answer>(call: Promise<A>): Promise<Success<A>> {
  const { data, error, response } = await call;
  if (!response.ok) throw refusal(response.status, error);
  return data as Success<A>;
}

/** What a conditional GET found: a new body and its ETag, or `changed: false` for a 304 (nothing was sent). */
export type Conditional<T> = { changed: true; body: T; etag: string | null } | { changed: false };

/**
 * A GET sent with `If-None-Match`: the server answers 304 with no body while what that ETag names is still current, so
 * a poll that finds nothing new costs one small read. The browser's own cache stays out of it (`no-store`): the page
 * keeps the ETag and the body it goes with, and a 304 reaches this code as a 304.
 */
export async function ifChanged<A extends Answer>(call: Promise<A>): Promise<Conditional<Success<A>>> {
  const { data, error, response } = await call;
  if (response.status === 304) return { changed: false };
  if (!response.ok) throw refusal(response.status, error);
  return { changed: true, body: data as Success<A>, etag: response.headers.get('etag') };
}

/** The `If-None-Match` header for an ETag kept from the last answer, if any. */
export const ifNoneMatch = (etag: string | null): Record<string, string> => (etag ? { 'if-none-match': etag } : {});

function refusal(status: number, body: unknown): Error {
  if (isErrorBody(body)) return new ApiError(status, body.code, body.error, body);
  // Not our JSON (a proxy's error page, a gateway timeout): the service is effectively unreachable.
  if (status >= 500) return new NetworkError(`The tracker service answered ${status}.`);
  return new ApiError(status, 'HTTP_' + status, t('page.httpFailed', { status }));
}

function isErrorBody(v: unknown): v is { code: string; error: string } & Record<string, unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string' && typeof (v as { error?: unknown }).error === 'string';
}
