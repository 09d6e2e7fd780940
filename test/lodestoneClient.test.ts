import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LodestoneClient } from '../src/lodestone/lodestone.client.js';
import { startFakeLodestone, type FakeLodestone } from './fakeLodestone/index.js';
import { captureLog } from './helpers/captureLog.js';

let lodestone: FakeLodestone;
beforeAll(async () => {
  lodestone = await startFakeLodestone({
    characters: [
      { id: '100', name: 'Gap Tester', world: 'Odin', datacenter: 'Light' },
      { id: '101', name: 'Gap Tester Two', world: 'Odin', datacenter: 'Light' },
      { id: '102', name: 'Gap Tester Three', world: 'Odin', datacenter: 'Light' },
    ],
  });
});
afterAll(() => lodestone.close());
beforeEach(() => {
  lodestone.requests.length = 0;
  lodestone.setDelay(0);
  lodestone.rateLimitNext(0, 0);
});

const client = (over: Partial<ConstructorParameters<typeof LodestoneClient>[0]> = {}) =>
  new LodestoneClient({ baseUrl: lodestone.baseUrl, minGapMs: 0, timeoutMs: 2_000, cacheMs: 600_000, clock: Date.now, log: captureLog('debug').log, ...over });
const pageTimes = () => lodestone.requests.filter((r) => r.path.startsWith('/lodestone/')).map((r) => r.at);

describe('a polite Lodestone client', () => {
  it('keeps the minimum gap between requests, however many callers ask at once', async () => {
    const c = client({ minGapMs: 150 });
    await Promise.all([c.getCharacter('100'), c.getCharacter('101'), c.getCharacter('102'), c.searchCharacters('gap', 'Odin')]);
    const at = pageTimes();
    expect(at).toHaveLength(4);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(140);
  });

  it('caches profile reads, shares one read among concurrent callers, and reads afresh when asked', async () => {
    const c = client();
    const [x, y] = await Promise.all([c.getCharacter('100'), c.getCharacter('100')]);
    expect(x).toEqual(y);
    await c.getCharacter('100');
    expect(pageTimes()).toHaveLength(1);
    lodestone.upsertCharacter({ id: '100', name: 'Gap Renamed', world: 'Odin', datacenter: 'Light' });
    expect((await c.getCharacter('100')).name).toBe('Gap Tester');
    expect((await c.getCharacter('100', { fresh: true })).name).toBe('Gap Renamed');
    expect(pageTimes()).toHaveLength(2);
    lodestone.upsertCharacter({ id: '100', name: 'Gap Tester', world: 'Odin', datacenter: 'Light' });
  });

  it('names the project in its User-Agent', async () => {
    await client().getCharacter('101');
    expect(lodestone.requests[0]!.userAgent).toMatch(/^FFXIV-Tracker\//);
  });

  it('honours Retry-After: after a 429 no request leaves before it has passed', async () => {
    const c = client();
    lodestone.rateLimitNext(1, 1);
    await expect(c.getCharacter('102')).rejects.toMatchObject({ code: 'LODESTONE_RATE_LIMITED', retryAfterSeconds: 1 });
    const limitedAt = pageTimes()[0]!;
    const profile = await c.getCharacter('102');
    expect(profile.name).toBe('Gap Tester Three');
    expect(pageTimes()[1]! - limitedAt).toBeGreaterThanOrEqual(950);
  });

  it('fails at once, without asking, while a pause longer than its timeout runs', async () => {
    const c = client({ timeoutMs: 500 });
    lodestone.rateLimitNext(1, 30);
    await expect(c.getCharacter('101', { fresh: true })).rejects.toMatchObject({ code: 'LODESTONE_RATE_LIMITED' });
    const started = Date.now();
    const err = (await c.getCharacter('102', { fresh: true }).catch((e: unknown) => e)) as { code: string; retryAfterSeconds: number };
    expect(err.code).toBe('LODESTONE_RATE_LIMITED');
    expect(err.retryAfterSeconds).toBeGreaterThan(28);
    expect(Date.now() - started).toBeLessThan(200);
    expect(pageTimes()).toHaveLength(1);
  });

  it('gives up after its timeout', async () => {
    lodestone.setDelay(1_000);
    const started = Date.now();
    await expect(client({ timeoutMs: 300 }).getCharacter('100')).rejects.toMatchObject({ code: 'LODESTONE_UNAVAILABLE', retryAfterSeconds: 30 });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('reports a page it cannot read as unavailable, and says where to look', async () => {
    // A 200 that is no character page (a redesign, or something else answering): nothing the selectors find.
    const other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>Hello</p></body></html>'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const cap = captureLog('debug');
    try {
      const c = new LodestoneClient({ baseUrl: `http://127.0.0.1:${(other.address() as AddressInfo).port}/lodestone`, minGapMs: 0, timeoutMs: 2_000, cacheMs: 0, clock: Date.now, log: cap.log });
      await expect(c.getCharacter('100')).rejects.toMatchObject({ code: 'LODESTONE_UNAVAILABLE' });
      expect(cap.lines.some((l) => String(l.msg).includes('src/lodestone/selectors.ts'))).toBe(true);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
