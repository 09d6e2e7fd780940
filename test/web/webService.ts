import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { build } from 'vite';
import { buildServer } from '../../src/http/server.js';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord/index.js';
import { createTestContext, silentLog, type TestContext } from '../helpers/testStore.js';

const VITE_CONFIG = fileURLToPath(new URL('../../src/web/vite.config.ts', import.meta.url));

/** Builds src/web with the project's Vite config into a fresh temp dir (the real dist/ is left alone). */
export async function buildWebApp(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tracker-web-'));
  await build({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A free port on 127.0.0.1, found by listening on port 0 for a moment. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The real service serving the web app on a known port, so OAUTH_REDIRECT_URI can point at its /app/. */
export interface WebService extends TestContext {
  app: FastifyInstance;
  discord: FakeDiscord;
  base: string;
  /** A login of our own (the same Discord user as the browser), to check what the API holds. */
  apiLogin(discordId: string, username: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startWebService(webDir: string): Promise<WebService> {
  const discord = await startFakeDiscord();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ctx = await createTestContext(
    new Date().toISOString(),
    {
      DISCORD_CLIENT_ID: discord.clientId,
      DISCORD_CLIENT_SECRET: discord.clientSecret,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_AUTHORIZE_URL: discord.authorizeUrl,
      OAUTH_REDIRECT_URI: `${base}/app/`,
      CORS_ORIGINS: base,
      RATE_LIMIT_AUTH_MAX: '1000',
    },
    silentLog,
  );
  const app = await buildServer({ config: ctx.config, log: silentLog, store: ctx.store, services: ctx.services, clock: ctx.clock.now, webDir });
  await app.listen({ port, host: '127.0.0.1' });

  const apiLogin = async (discordId: string, username: string) => {
    const login = await fetch(`${base}/login`, { redirect: 'manual' });
    const to = new URL(login.headers.get('location')!);
    const code = discord.addOAuthUser({ id: discordId, username }).code(to.searchParams.get('redirect_uri')!, to.searchParams.get('code_challenge')!);
    const res = await fetch(`${base}/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, state: to.searchParams.get('state') }),
    });
    if (!res.ok) throw new Error(`/exchange answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { jwt: string }).jwt;
  };

  return {
    ...ctx,
    app,
    discord,
    base,
    apiLogin,
    stop: async () => {
      await app.close();
      await ctx.close();
      await discord.close();
    },
  };
}
