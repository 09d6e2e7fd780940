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

/** One JSON call. Resolves with the parsed body (undefined for 204); rejects with ApiError or NetworkError. */
export async function send<T>(method: string, path: string, opts: { body?: unknown; token?: string | null } = {}): Promise<T> {
  return answer<T>(await request(method, path, opts));
}

/** What a conditional GET found: a new body and its ETag, or `changed: false` for a 304 (nothing was sent). */
export type Conditional<T> = { changed: true; body: T; etag: string | null } | { changed: false };

/**
 * A GET with `If-None-Match`: the server answers 304 with no body while what `etag` names is still current, so a
 * poll that finds nothing new costs one small read. The browser's own cache stays out of it (`no-store`): the page
 * keeps the ETag and the body it goes with, and a 304 reaches this code as a 304.
 */
export async function getIfChanged<T>(path: string, etag: string | null, token: string): Promise<Conditional<T>> {
  const res = await request('GET', path, { token, headers: etag ? { 'if-none-match': etag } : {} });
  if (res.status === 304) return { changed: false };
  const body = await answer<T>(res);
  return { changed: true, body, etag: res.headers.get('etag') };
}

async function request(method: string, path: string, opts: { body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(API_ORIGIN + path, {
      method,
      headers,
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new NetworkError('The tracker service cannot be reached.');
  }
}

async function answer<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const body: unknown = text ? safeJson(text) : undefined;
  if (res.ok) return body as T;
  if (isErrorBody(body)) throw new ApiError(res.status, body.code, body.error, body);
  // Not our JSON (a proxy's error page, a gateway timeout): the service is effectively unreachable.
  if (res.status >= 500) throw new NetworkError(`The tracker service answered ${res.status}.`);
  throw new ApiError(res.status, 'HTTP_' + res.status, `The request failed (HTTP ${res.status}).`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorBody(v: unknown): v is { code: string; error: string } & Record<string, unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string' && typeof (v as { error?: unknown }).error === 'string';
}
