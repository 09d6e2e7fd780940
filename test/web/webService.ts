import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { startHttpHarness, type HttpHarness } from '../helpers/httpHarness.js';
import { freePort } from '../helpers/serviceProcess.js';

const VITE_CONFIG = fileURLToPath(new URL('../../src/web/vite.config.ts', import.meta.url));

/** Builds src/web with the project's Vite config into a fresh temp dir (the real dist/ is left alone). */
export async function buildWebApp(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tracker-web-'));
  await build({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The real service serving the web app on a known port, so OAUTH_REDIRECT_URI can point at its /app/. */
export interface WebService extends HttpHarness {
  /** A login of our own (the same Discord user as the browser), to check what the API holds. */
  apiLogin(discordId: string, username: string): Promise<string>;
}

/** `env` adds to what the page needs (the Lodestone's address, say). */
export async function startWebService(webDir: string, env: Record<string, string> = {}): Promise<WebService> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const h = await startHttpHarness({
    port,
    webDir,
    start: new Date().toISOString(),
    env: { OAUTH_REDIRECT_URI: `${base}/app/`, CORS_ORIGINS: base, ...env },
  });
  return { ...h, apiLogin: async (id, username) => (await h.login({ id, username })).jwt };
}
