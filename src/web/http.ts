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
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(API_ORIGIN + path, {
      method,
      headers,
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new NetworkError('The tracker service cannot be reached.');
  }
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
