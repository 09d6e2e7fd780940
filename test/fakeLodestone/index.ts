import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderCharacterPage } from './characterPage.js';
import { accessRestrictedPage, maintenancePage, notFoundPage, tooManyRequestsPage } from './errorPages.js';
import { avatarUrlFor, imageFor, portraitUrlFor } from './images.js';
import { renderSearchPage, searchCharacters } from './searchPage.js';
import type { FakeCharacter, FakeLodestone, FakeLodestoneOptions, FakeLodestoneRequest } from './types.js';

export type * from './types.js';
export { bioHtml, PRIVATE_NOTICE, renderCharacterPage } from './characterPage.js';
export { ACCESS_RESTRICTED_HEADING, MAINTENANCE_HEADING, MAINTENANCE_TEXT, NOT_FOUND_HEADING } from './errorPages.js';
export { avatarUrlFor, portraitUrlFor, solidJpeg } from './images.js';
export { MAX_PAGES, NO_RESULTS, PAGE_SIZE, renderSearchPage, searchCharacters } from './searchPage.js';

const CHARACTER_PATH = /^\/lodestone\/character\/(\d+)\/?$/;
const SEARCH_PATH = /^\/lodestone\/character\/?$/;

interface Reply {
  status: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

const html = (status: number, body: string, headers?: Record<string, string>): Reply => ({
  status,
  type: 'text/html; charset=utf-8',
  body,
  ...(headers ? { headers } : {}),
});

function checkCharacter(c: FakeCharacter): FakeCharacter {
  if (!/^\d+$/.test(c.id)) throw new Error(`fake Lodestone: a character id is digits, got ${JSON.stringify(c.id)}`);
  return { ...c, freeCompany: c.freeCompany ? { ...c.freeCompany } : (c.freeCompany ?? null) };
}

/**
 * Starts a fake Lodestone on 127.0.0.1 (random port), speaking the real site's paths and HTML:
 *   const lodestone = await startFakeLodestone({ characters: [{ id: '123', name: 'Alyx Bergen', world: 'Cerberus', datacenter: 'Chaos' }] });
 *   process.env.LODESTONE_URL = lodestone.baseUrl;     // http://127.0.0.1:PORT/lodestone
 *   await fetch(`${lodestone.baseUrl}/character/123/`); // the profile page
 *   await fetch(`${lodestone.baseUrl}/character/?q=alyx&worldname=Cerberus`);
 *   await lodestone.close();
 */
export async function startFakeLodestone(opts: FakeLodestoneOptions = {}): Promise<FakeLodestone> {
  const characters = new Map<string, FakeCharacter>();
  for (const c of opts.characters ?? []) characters.set(c.id, checkCharacter(c));
  const requests: FakeLodestoneRequest[] = [];
  const pending = new Set<{ timer: NodeJS.Timeout; res: ServerResponse }>();
  let maintenance = false;
  let delayMs = 0;
  let dropLeft = 0;
  let limitLeft = 0;
  let retryAfter = 0;
  let origin = '';

  function route(method: string, path: string, query: Record<string, string>, limited: boolean): Reply {
    const page = path === '/lodestone' || path.startsWith('/lodestone/');
    if (page && limited) return html(429, tooManyRequestsPage(), { 'Retry-After': String(retryAfter) });
    if (page && maintenance) return html(503, maintenancePage(origin));
    if (method !== 'GET' && method !== 'HEAD') return html(405, notFoundPage(origin), { Allow: 'GET, HEAD' });
    if (page) {
      const id = CHARACTER_PATH.exec(path)?.[1];
      if (id !== undefined) {
        const c = characters.get(id);
        if (!c) return html(404, notFoundPage(origin));
        if (c.visibility === 'hidden') return html(403, accessRestrictedPage(origin));
        return html(200, renderCharacterPage(c, origin));
      }
      if (SEARCH_PATH.test(path)) {
        const search = { q: query.q ?? '', worldname: query.worldname ?? '', page: Math.max(1, parseInt(query.page ?? '1', 10) || 1) };
        return html(200, renderSearchPage(searchCharacters(characters.values(), search), origin, search));
      }
      return html(404, notFoundPage(origin));
    }
    const image = imageFor(path);
    if (image) return { status: 200, type: image.type, body: image.body, headers: { 'Cache-Control': 'max-age=86400' } };
    return { status: 404, type: 'text/plain; charset=utf-8', body: 'Not Found' };
  }

  function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
    if (res.destroyed || res.writableEnded) return;
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
    res.writeHead(reply.status, { 'Content-Type': reply.type, 'Content-Length': String(body.length), ...reply.headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    requests.push({ method, path, query, userAgent: req.headers['user-agent'], at: Date.now() });
    req.resume(); // bodies are never read

    const page = path === '/lodestone' || path.startsWith('/lodestone/');
    if (page && dropLeft > 0) {
      dropLeft--;
      req.socket.destroy();
      return;
    }
    const limited = page && limitLeft > 0;
    if (limited) limitLeft--;

    const answer = (): void => {
      try {
        send(req, res, route(method, path, query, limited));
      } catch (err) {
        send(req, res, { status: 500, type: 'text/plain; charset=utf-8', body: `fake Lodestone failed: ${String(err)}` });
      }
    };
    if (delayMs <= 0) return answer();
    const entry = {
      res,
      timer: setTimeout(() => {
        pending.delete(entry);
        answer();
      }, delayMs),
    };
    pending.add(entry);
    res.once('close', () => {
      clearTimeout(entry.timer);
      pending.delete(entry);
    });
  };

  const server: Server = createServer(handle);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      for (const p of pending) {
        clearTimeout(p.timer);
        p.res.destroy();
      }
      pending.clear();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
    })());

  return {
    baseUrl: `${origin}/lodestone`,
    upsertCharacter: (c) => void characters.set(c.id, checkCharacter(c)),
    removeCharacter: (id) => void characters.delete(id),
    setMaintenance: (on) => void (maintenance = on),
    rateLimitNext: (n, seconds) => {
      limitLeft = Math.max(0, Math.floor(n));
      retryAfter = Math.max(0, Math.round(seconds));
    },
    setDelay: (ms) => void (delayMs = Math.max(0, ms)),
    dropNext: (n) => void (dropLeft = Math.max(0, Math.floor(n))),
    requests,
    avatarUrl: (id) => avatarUrlFor(origin, id),
    portraitUrl: (id) => portraitUrlFor(origin, id),
    close,
  };
}
