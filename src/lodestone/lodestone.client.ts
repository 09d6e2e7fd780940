import { setTimeout as sleep } from 'node:timers/promises';
import { BoundedMap } from '../boundedMap.js';
import type { Clock } from '../clock.js';
import { DomainError, type DomainErrorCode, type LocalizedMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { errorHeadingOf, isMaintenancePage, parseCharacterPage, parseSearchPage, UnreadablePageError } from './lodestone.parser.js';
import type { LodestoneProfile, LodestoneSearchEntry } from './lodestone.types.js';

export interface LodestoneClientOptions {
  /** e.g. https://na.finalfantasyxiv.com/lodestone; every request is built from it. */
  baseUrl: string;
  minGapMs: number;
  timeoutMs: number;
  cacheMs: number;
  clock: Clock;
  log: Logger;
}

/** Names the project to the Lodestone's operators, as a polite crawler does. */
export const LODESTONE_USER_AGENT = 'FFXIV-Tracker/0.1 (Discord bot and web checklist; reads character profiles to link them)';

/** How long a caller is told to wait when the Lodestone gave no Retry-After. */
const RETRY_AFTER_DEFAULT = { LODESTONE_MAINTENANCE: 300, LODESTONE_RATE_LIMITED: 60, LODESTONE_UNAVAILABLE: 30 } as const;

/**
 * The one way into the Lodestone: one queue per process with a minimum gap between requests, a
 * timeout, a pause for every request after a 429, profile reads cached, and every answer mapped to
 * a DomainError code. Services call it; front doors never do.
 */
export class LodestoneClient {
  private readonly cache = new BoundedMap<string, { profile: LodestoneProfile; until: number }>(2_000);
  private readonly inFlight = new Map<string, Promise<LodestoneProfile>>();
  /**
   * The queue, timed on the monotonic clock: politeness is about real time, whatever the
   * service's clock says.
   */
  private tail: Promise<void> = Promise.resolve();
  private nextStartAt = 0;
  private pausedUntil = 0;

  constructor(private readonly opts: LodestoneClientOptions) {}

  /** A character's profile; from the cache unless `fresh` (a verification check must see the page as it is now). */
  async getCharacter(lodestoneId: string, opts: { fresh?: boolean } = {}): Promise<LodestoneProfile> {
    const now = this.opts.clock();
    if (!opts.fresh) {
      const hit = this.cache.get(lodestoneId);
      if (hit && hit.until > now) return hit.profile;
      const pending = this.inFlight.get(lodestoneId);
      if (pending) return pending;
    }
    const read = this.readCharacter(lodestoneId).finally(() => {
      if (this.inFlight.get(lodestoneId) === read) this.inFlight.delete(lodestoneId);
    });
    if (!opts.fresh) this.inFlight.set(lodestoneId, read);
    return read;
  }

  /** The first page of the Lodestone's character search for a name on one world. */
  async searchCharacters(name: string, world: string): Promise<LodestoneSearchEntry[]> {
    const query = new URLSearchParams({ q: name, worldname: world });
    const html = await this.request(`/character/?${query.toString()}`, 'search');
    const entries = parseSearchPage(html);
    // An empty list may be "no results" or a page that only looks like one (maintenance served as 200).
    if (entries.length === 0 && isMaintenancePage(html)) throw this.classify(200, html, undefined, 'search');
    return entries;
  }

  private async readCharacter(lodestoneId: string): Promise<LodestoneProfile> {
    const html = await this.request(`/character/${encodeURIComponent(lodestoneId)}/`, 'character');
    let profile: LodestoneProfile;
    try {
      profile = parseCharacterPage(html, lodestoneId);
    } catch (err) {
      if (err instanceof UnreadablePageError) throw this.classify(200, html, undefined, 'character');
      throw err;
    }
    if (this.opts.cacheMs > 0) this.cache.set(lodestoneId, { profile, until: this.opts.clock() + this.opts.cacheMs });
    return profile;
  }

  /** One GET through the queue; resolves with a page the Lodestone served as what was asked for. */
  private request(path: string, kind: 'character' | 'search'): Promise<string> {
    return this.inTurn(() => this.get(path, kind));
  }

  private async get(path: string, kind: 'character' | 'search'): Promise<string> {
    const url = this.opts.baseUrl + path;
    const started = performance.now();
    let res: Response;
    let body: string;
    try {
      res = await fetch(url, {
        headers: { 'user-agent': LODESTONE_USER_AGENT, accept: 'text/html', 'accept-language': 'en' },
        redirect: 'manual',
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      body = await res.text();
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      this.opts.log.warn({ kind, err: { message: (err as Error).message }, ms: Math.round(performance.now() - started) }, 'Lodestone did not answer');
      throw timedOut
        ? this.failure('LODESTONE_UNAVAILABLE', 'The Lodestone did not answer in time. Try again in a little while.', undefined, { key: 'errors.lodestone.timeout' })
        : this.failure('LODESTONE_UNAVAILABLE', 'The Lodestone could not be reached. Try again in a little while.', undefined, { key: 'errors.lodestone.unreachable' });
    }
    this.opts.log.debug({ kind, status: res.status, ms: Math.round(performance.now() - started) }, 'Lodestone answered');
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), this.opts.clock());

    if (res.status === 429) {
      const seconds = retryAfter ?? RETRY_AFTER_DEFAULT.LODESTONE_RATE_LIMITED;
      this.pausedUntil = Math.max(this.pausedUntil, performance.now() + seconds * 1000);
      this.opts.log.warn({ kind, retryAfter: seconds }, 'Lodestone rate limit: pausing every request');
      throw this.failure('LODESTONE_RATE_LIMITED', 'The Lodestone asked us to slow down. Try again shortly.', seconds, { key: 'errors.lodestone.rateLimited' });
    }
    if (res.status === 200) return body;
    throw this.classify(res.status, body, retryAfter, kind);
  }

  /** What an answer other than the page asked for means. */
  private classify(status: number, body: string, retryAfter: number | undefined, kind: string): DomainError {
    if (isMaintenancePage(body)) {
      return this.failure('LODESTONE_MAINTENANCE', 'The Lodestone is down for maintenance. Try again when it is back.', retryAfter, { key: 'errors.lodestone.maintenance' });
    }
    const heading = errorHeadingOf(body);
    if (status === 404 || heading === 'Page not found.') {
      return this.failure('LODESTONE_NOT_FOUND', 'The Lodestone has no character with that id.', undefined, { key: 'errors.lodestone.noSuchId' });
    }
    if (status === 403 || heading === 'Access Restricted') {
      return this.failure('LODESTONE_HIDDEN', 'That character is hidden on the Lodestone, so it cannot be read.', undefined, { key: 'errors.lodestone.hidden' });
    }
    if (status === 200) {
      this.opts.log.error({ kind }, 'Lodestone page could not be read: the selectors may need an update (src/lodestone/selectors.ts)');
      return this.failure('LODESTONE_UNAVAILABLE', 'The Lodestone answered with a page we could not read. Try again later.', undefined, { key: 'errors.lodestone.unreadable' });
    }
    this.opts.log.warn({ kind, status }, 'Lodestone answered with an unexpected status');
    return this.failure('LODESTONE_UNAVAILABLE', `The Lodestone answered with an error (${status}). Try again in a little while.`, retryAfter, {
      key: 'errors.lodestone.error',
      values: { status },
    });
  }

  /**
   * Runs `send` in this process's one queue: one request at a time, each starting at least the
   * gap after the previous one ended (so the Lodestone sees the gap whatever the network does),
   * and none during a 429's pause.
   */
  private inTurn<T>(send: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(async () => {
      const now = performance.now();
      const paused = this.pausedUntil - now;
      // A pause longer than a request may wait fails at once rather than holding the player.
      if (paused > this.opts.timeoutMs) {
        throw this.failure('LODESTONE_RATE_LIMITED', 'The Lodestone asked us to slow down. Try again shortly.', paused / 1000, { key: 'errors.lodestone.rateLimited' });
      }
      const wait = Math.max(this.nextStartAt - now, paused, 0);
      if (wait > 0) await sleep(wait);
      try {
        return await send();
      } finally {
        this.nextStartAt = performance.now() + this.opts.minGapMs;
      }
    });
    this.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private failure(code: DomainErrorCode & `LODESTONE_${string}`, message: string, retryAfterSeconds?: number, i18n?: LocalizedMessage): DomainError {
    const fallback = RETRY_AFTER_DEFAULT[code as keyof typeof RETRY_AFTER_DEFAULT];
    return new DomainError(code, message, undefined, undefined, retryAfterSeconds ?? fallback, i18n);
  }
}

/** Retry-After as seconds: a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
