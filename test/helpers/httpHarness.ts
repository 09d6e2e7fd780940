import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord/index.js';
import { createTestContext, silentLog, type TestContext } from './testStore.js';

/** A real HTTP server on 127.0.0.1 over a real SQLite file, logging in against the fake Discord. */
export interface HttpHarness extends TestContext {
  app: FastifyInstance;
  discord: FakeDiscord;
  base: string;
  /** Runs the whole browser login for a Discord user and returns our tokens. */
  login(user?: { id?: string; username?: string; global_name?: string | null; avatar?: string | null }): Promise<LoginResult>;
  api(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

export interface LoginResult {
  jwt: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; discordId: string; username: string; globalName: string | null; avatarUrl: string | null; createdAt: string };
}

let seq = 1_300_000_000_000_000_000n;

export interface HttpHarnessOptions {
  env?: Record<string, string>;
  start?: string;
  log?: Logger;
  /** Listen on this port instead of any free one (when the config must name the service's own URL). */
  port?: number;
  /** The built web app to serve at /app/. */
  webDir?: string;
}

export async function startHttpHarness(opts: HttpHarnessOptions = {}): Promise<HttpHarness> {
  const log = opts.log ?? silentLog;
  const discord = await startFakeDiscord();
  const ctx = await createTestContext(opts.start, {
    DISCORD_CLIENT_ID: discord.clientId,
    DISCORD_CLIENT_SECRET: discord.clientSecret,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_AUTHORIZE_URL: discord.authorizeUrl,
    RATE_LIMIT_AUTH_MAX: '1000',
    ...opts.env,
  }, log);
  const app = await buildServer({ config: ctx.config, log, store: ctx.store, services: ctx.services, clock: ctx.clock.now, ...(opts.webDir && { webDir: opts.webDir }) });
  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const api: HttpHarness['api'] = (path, init = {}) => {
    const { token, json, headers, ...rest } = init;
    const h = new Headers(headers);
    if (token) h.set('authorization', `Bearer ${token}`);
    if (json !== undefined) h.set('content-type', 'application/json');
    return fetch(base + path, { ...rest, headers: h, redirect: 'manual', ...(json !== undefined && { body: JSON.stringify(json) }) });
  };

  const login: HttpHarness['login'] = async (user = {}) => {
    seq += 1n;
    const res = await api('/login');
    if (res.status !== 302) throw new Error(`/login answered ${res.status}`);
    const loc = new URL(res.headers.get('location')!);
    const code = discord
      .addOAuthUser({ id: user.id ?? String(seq), username: user.username ?? `wol${seq % 1000n}`, global_name: user.global_name ?? null, avatar: user.avatar ?? null })
      .code(loc.searchParams.get('redirect_uri')!, loc.searchParams.get('code_challenge')!);
    const ex = await api('/exchange', { method: 'POST', json: { code, state: loc.searchParams.get('state') } });
    if (ex.status !== 200) throw new Error(`/exchange answered ${ex.status}: ${await ex.text()}`);
    return (await ex.json()) as LoginResult;
  };

  return {
    ...ctx,
    app,
    discord,
    base,
    api,
    login,
    stop: async () => {
      await app.close();
      await ctx.close();
      await discord.close();
    },
  };
}
