import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIUser } from 'discord-api-types/v10';
import type { CannedResponse, RecordedFile, RecordedRequest, RouteMatch } from './types.js';

/** What a route answers. Objects are sent as JSON; strings as-is; no body for 204. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Who made a request, from its Authorization header. */
export type Caller =
  | { kind: 'none' }
  | { kind: 'bot' }
  | { kind: 'bearer'; user: APIUser; scope: string };

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Anchored regexp on RecordedRequest.path; capture groups are passed as params. */
  path: RegExp;
  /** 'bot': `Bot <token>` required; 'bot-or-bearer': either; 'none': no check (interaction tokens, OAuth2). */
  auth: 'none' | 'bot' | 'bot-or-bearer';
  handle(req: RecordedRequest, params: string[], caller: Caller): Reply | Promise<Reply>;
}

export const json = (status: number, body: unknown): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });
export const unauthorized = (): Reply => json(401, { message: '401: Unauthorized', code: 0 });
export const notFound = (): Reply => json(404, { message: '404: Not Found', code: 0 });
export const discordError = (status: number, code: number, message: string): Reply => json(status, { message, code });

const MAX_BODY = 26 * 1024 * 1024;

interface FailRule {
  match: RouteMatch;
  response: CannedResponse;
  left: number;
}

interface Waiter {
  predicate: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

function matches(m: RouteMatch, r: RecordedRequest): boolean {
  return (m.method === undefined || m.method.toUpperCase() === r.method) && r.path.startsWith(m.pathPrefix);
}

/** The HTTP side: parses and records requests, applies failNext/setDelay, routes, answers. */
export class HttpFront {
  private readonly failRules: FailRule[] = [];
  private readonly delays: { match: RouteMatch; ms: number }[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly sleeping = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  constructor(
    private readonly routes: Route[],
    private readonly botToken: string,
    private readonly bearer: (token: string) => Caller | undefined,
    readonly requests: RecordedRequest[],
  ) {}

  failNext(match: RouteMatch, response: CannedResponse, times = 1): void {
    if (times > 0) this.failRules.push({ match, response, left: times });
  }

  setDelay(match: RouteMatch, ms: number): void {
    const same = this.delays.findIndex((d) => d.match.pathPrefix === match.pathPrefix && d.match.method?.toUpperCase() === match.method?.toUpperCase());
    if (same >= 0) this.delays.splice(same, 1);
    if (ms > 0) this.delays.push({ match, ms });
  }

  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const already = this.requests.find(predicate);
    if (already) return Promise.resolve(already);
    if (this.closed) return Promise.reject(new Error('fake Discord is closed'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          const seen = this.requests.slice(-10).map((r) => `${r.method} ${r.path}`).join(', ') || 'none';
          reject(new Error(`fake Discord: no matching request within ${timeoutMs} ms (last requests: ${seen})`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Rejects waiters, cuts delays short; requests still in flight get no answer. */
  close(): void {
    this.closed = true;
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error('fake Discord closed while waiting for a request'));
    }
    this.waiters.clear();
    for (const [timer, wake] of this.sleeping) {
      clearTimeout(timer);
      wake();
    }
    this.sleeping.clear();
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.serve(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, { status: 500, body: { message: `fake Discord crashed: ${String(err)}`, code: 0 } });
    });
  };

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = url.pathname;
    let apiVersion: number | null = null;
    let underApi = false;
    if (path === '/api' || path.startsWith('/api/')) {
      underApi = true;
      path = path.slice(4);
      const v = /^\/v(\d+)(?=\/|$)/.exec(path);
      if (v) {
        apiVersion = Number(v[1]);
        path = path.slice(v[0].length);
      }
    }
    if (path === '') path = '/';
    // @discordjs/rest percent-encodes segments ('@me' → '%40me'); record and route the decoded path.
    path = path.split('/').map(safeDecode).join('/');

    const raw = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const rec: RecordedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: undefined,
      files: [],
      apiVersion,
      at: Date.now(),
    };
    let reply: Reply | undefined;
    if (raw === null) {
      reply = json(413, { message: 'Request entity too large', code: 40005 });
    } else {
      try {
        const parsed = await parseBody(raw, headers['content-type']);
        rec.body = parsed.body;
        rec.files = parsed.files;
      } catch {
        rec.body = raw.toString('utf8');
        reply = json(400, { message: 'The request body contains invalid JSON.', code: 50109 });
      }
    }
    this.record(rec);

    const rule = this.failRules.find((r) => r.left > 0 && matches(r.match, rec));
    if (rule) {
      rule.left -= 1;
      if (rule.left === 0) this.failRules.splice(this.failRules.indexOf(rule), 1);
      reply = { status: rule.response.status, body: rule.response.body, headers: rule.response.headers ?? {} };
    }
    rec.status = reply?.status;

    const delay = Math.max(0, ...this.delays.filter((d) => matches(d.match, rec)).map((d) => d.ms));
    if (delay > 0) await this.sleep(delay);
    if (this.closed || res.destroyed) return;

    reply ??= await this.route(rec, underApi || path === '/oauth2/authorize');
    rec.status = reply.status;
    send(res, reply);
  }

  private record(rec: RecordedRequest): void {
    this.requests.push(rec);
    for (const w of this.waiters) {
      if (w.predicate(rec)) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(rec);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleeping.delete(timer);
        resolve();
      }, ms);
      this.sleeping.set(timer, resolve);
    });
  }

  private async route(rec: RecordedRequest, served: boolean): Promise<Reply> {
    if (!served) return notFound();
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.path.exec(rec.path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== rec.method && !(rec.method === 'HEAD' && route.method === 'GET')) continue;
      const caller = this.caller(rec.headers.authorization);
      if (route.auth === 'bot' && caller.kind !== 'bot') return unauthorized();
      if (route.auth === 'bot-or-bearer' && caller.kind === 'none') return unauthorized();
      return route.handle(rec, m.slice(1).map((p) => p ?? ''), caller);
    }
    return pathMatched ? json(405, { message: '405: Method Not Allowed', code: 0 }) : notFound();
  }

  private caller(authorization: string | undefined): Caller {
    if (!authorization) return { kind: 'none' };
    const m = /^(Bot|Bearer)\s+(.+)$/i.exec(authorization.trim());
    if (!m) return { kind: 'none' };
    if (m[1]!.toLowerCase() === 'bot') return m[2] === this.botToken ? { kind: 'bot' } : { kind: 'none' };
    return this.bearer(m[2]!) ?? { kind: 'none' };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
  if (type === 'application/x-www-form-urlencoded') return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
  if (type === 'multipart/form-data') {
    const form = await new Response(raw, { headers: { 'content-type': contentType! } }).formData();
    const fields: Record<string, string> = {};
    const files: RecordedFile[] = [];
    let payload: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') payload = JSON.parse(value) as unknown;
        else fields[field] = value;
      } else {
        const blob = value as Blob & { name?: string };
        files.push({ field, name: blob.name ?? field, contentType: blob.type || 'application/octet-stream', size: blob.size });
      }
    }
    return { body: payload ?? fields, files };
  }
  return { body: raw.toString('utf8'), files: [] };
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = lower(reply.headers);
  let payload: string | undefined;
  if (reply.status !== 204 && reply.body !== undefined) {
    if (typeof reply.body === 'string') {
      payload = reply.body;
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else {
      payload = JSON.stringify(reply.body);
      headers['content-type'] ??= 'application/json';
    }
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function lower(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}
