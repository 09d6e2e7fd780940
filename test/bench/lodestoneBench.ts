import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { cutToBlocks, parseCharacterPage } from '../../src/lodestone/lodestone.parser.js';
import { SELECTORS } from '../../src/lodestone/selectors.js';
import { renderCharacterPage, startFakeLodestone, type FakeCharacter } from '../fakeLodestone/index.js';
import { serveParent } from './rpc.js';
import { round, summarize } from './stats.js';

/** Section 6: what reading the Lodestone costs us, apart from the Lodestone's own time. */
export interface LodestoneResult {
  pageKB: number;
  /** parseCharacterPage on a realistic profile page, as the service runs it (the profile's blocks cut out first). */
  parse: { n: number; meanMs: number; p99Ms: number };
  /** The same page parsed whole: what a page whose blocks cannot be cut out costs (diagnostic). */
  parseWholeMeanMs: number;
  /** POST /characters { lodestoneId } through the real service and the fake Lodestone on loopback, gap 0, no cache. */
  link: { n: number; p50Ms: number; p99Ms: number; maxMs: number };
}

const PARSES = 2_000;
const LINKS = 300;

const character = (i: number): FakeCharacter => ({
  id: String(30_000_000 + i),
  name: `Bench Runner${i}`,
  world: 'Cerberus',
  datacenter: 'Chaos',
  title: 'Warrior of Light',
  bio: `A bench character.\nLine two ${i}`,
  freeCompany: { id: '9231253336202687179', name: 'Seventh Heaven' },
});

function timeParses(page: string, parse: (html: string) => unknown, n: number): number[] {
  for (let i = 0; i < 200; i++) parse(page);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    parse(page);
    out.push(performance.now() - t0);
  }
  return out;
}

async function run(): Promise<LodestoneResult> {
  const page = renderCharacterPage(character(0), 'https://img2.finalfantasyxiv.com');
  if (!cutToBlocks(page, SELECTORS.character.blocks)) throw new Error('the bench page has no profile blocks to cut out');
  const parse = summarize(timeParses(page, (html) => parseCharacterPage(html, '30000000'), PARSES));
  // The whole-page path: what a private profile or a redesigned page costs.
  const whole = summarize(timeParses(`${page}<!-- ${"This character's profile is private."} -->`, (html) => parseCharacterPage(html, '30000000'), 300));

  const lodestone = await startFakeLodestone({ characters: Array.from({ length: LINKS }, (_, i) => character(i)) });
  const dir = mkdtempSync(join(tmpdir(), 'bench-lodestone-'));
  const config = parseConfig({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${join(dir, 'tracker.db')}`,
    DATA_DIR: dir,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    LOG_LEVEL: 'silent',
    LODESTONE_URL: lodestone.baseUrl,
    LODESTONE_MIN_GAP_MS: '0',
    LODESTONE_CACHE_SECONDS: '0',
    LODESTONE_REFRESH_PER_MINUTE: '0',
  });
  const app = await startApp(config, pino({ level: 'silent' }));
  try {
    const base = `http://127.0.0.1:${(app.http.server.address() as { port: number }).port}`;
    const user = await app.services.users.upsertFromDiscord({ discordId: '1234567890123456789', username: 'bench' });
    const { jwt } = await app.services.sessions.open(user.id, null);
    const link = async (i: number) => {
      const res = await fetch(`${base}/characters`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
        body: JSON.stringify({ lodestoneId: character(i).id }),
      });
      if (res.status !== 201) throw new Error(`link answered ${res.status}: ${await res.text()}`);
    };
    // Warm-up links, unlinked again so the measured ones are all new.
    for (let i = 0; i < 20; i++) await link(i);
    for (const c of await app.services.characters.list(user.id)) await app.services.characters.unlink(user.id, c.id);
    const times: number[] = [];
    // 40 characters per user is the service's limit: one user per 40 links.
    let owner = { jwt };
    for (let i = 0; i < LINKS; i++) {
      if (i > 0 && i % 40 === 0) {
        const next = await app.services.users.upsertFromDiscord({ discordId: String(1234567890123456789n + BigInt(i)), username: `bench${i}` });
        owner = await app.services.sessions.open(next.id, null);
      }
      const t0 = performance.now();
      const res = await fetch(`${base}/characters`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.jwt}`, 'content-type': 'application/json' },
        body: JSON.stringify({ lodestoneId: character(i).id }),
      });
      times.push(performance.now() - t0);
      if (res.status !== 201) throw new Error(`link answered ${res.status}: ${await res.text()}`);
    }
    const l = summarize(times);
    return {
      pageKB: round(Buffer.byteLength(page) / 1024, 1),
      parse: { n: parse.n, meanMs: round(parse.mean, 3), p99Ms: round(parse.p99, 3) },
      parseWholeMeanMs: round(whole.mean, 2),
      link: { n: l.n, p50Ms: round(l.p50, 2), p99Ms: round(l.p99, 2), maxMs: round(l.max, 2) },
    };
  } finally {
    await app.stop();
    await lodestone.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

serveParent(null, { run });
