import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { InteractionResponseType, InteractionType, MessageFlags, SlashCommandBuilder, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type App } from '../src/app.js';
import type { Command } from '../src/bot/command.js';
import { createHttpBot } from '../src/bot/httpInteractions.js';
import { ConfigError, parseConfig } from '../src/config.js';
import { checkDiscordSignature, discordPublicKey } from '../src/http/discordSignature.js';
import { buildServer } from '../src/http/server.js';
import {
  ADMIN_PERMISSIONS,
  DEFAULT_APPLICATION_ID,
  DEFAULT_GUILD_ID,
  DEFAULT_USER,
  autocomplete,
  button,
  chatInput,
  opt,
  selectMenu,
  startFakeDiscord,
  type RecordedCallback,
} from './fakeDiscord/index.js';
import { startFakeLodestone, type FakeCharacter, type FakeLodestone } from './fakeLodestone/index.js';
import { startBotHarness, type BotHarness } from './helpers/botHarness.js';
import { captureLog } from './helpers/captureLog.js';
import { createTestContext, silentLog } from './helpers/testStore.js';

const HERO: FakeCharacter = { id: '92000001', name: 'Endpoint Hero', world: 'Odin', datacenter: 'Light' };
const cap = captureLog('info');

let lodestone: FakeLodestone;
let h: BotHarness;

beforeAll(async () => {
  lodestone = await startFakeLodestone({ characters: [HERO] });
  h = await startBotHarness({
    transport: 'http',
    log: cap.log,
    env: { LODESTONE_URL: lodestone.baseUrl, LODESTONE_MIN_GAP_MS: '0', LODESTONE_TIMEOUT_MS: '3000', LODESTONE_USER_CALLS_PER_MINUTE: '1000' },
  });
});
afterAll(async () => {
  await h?.stop();
  await lodestone?.close();
});

const ping = () => ({ id: '1200000000000000001', application_id: DEFAULT_APPLICATION_ID, type: InteractionType.Ping, token: 'ping-token', version: 1 });
const deliveryOf = (interactionId: string) => vi.waitFor(() => h.discord.deliveries.find((d) => d.interactionId === interactionId) ?? Promise.reject(new Error('not answered yet')));

describe('POST /interactions: the signature', () => {
  it('answers a signed PING with PONG', async () => {
    const r = await h.discord.postToEndpoint(ping());
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ type: 1 });
  });

  it.each([
    ['no signature headers', { signature: 'none' }, 'INVALID_SIGNATURE'],
    ['a signature that is not hex', { signature: 'garbage' }, 'INVALID_SIGNATURE'],
    ['a signature by another key', { signature: 'wrong-key' }, 'INVALID_SIGNATURE'],
    ['a body changed after signing', { sendBody: JSON.stringify({ ...ping(), type: 2 }) }, 'INVALID_SIGNATURE'],
    ['a timestamp 6 minutes old (a replay)', { timestamp: Math.floor(Date.now() / 1000) - 360 }, 'SIGNATURE_EXPIRED'],
    ['a timestamp 6 minutes ahead', { timestamp: Math.floor(Date.now() / 1000) + 360 }, 'SIGNATURE_EXPIRED'],
  ] as const)('refuses %s with 401 in the service’s error shape', async (_what, options, code) => {
    const r = await h.discord.postToEndpoint(ping(), options);
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code, error: expect.any(String) });
  });

  it('refuses a signed body that is not JSON (400) or not an interaction (400)', async () => {
    expect(await h.discord.postToEndpoint('not json')).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } });
    expect(await h.discord.postToEndpoint({ hello: 'world' })).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
  });

  it('keeps every other route on its own parsers (JSON only), and /interactions out of the API document', async () => {
    const text = await fetch(`${h.baseUrl}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(text.status).toBe(415);
    const json = await fetch(`${h.baseUrl}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"refreshToken":"nope"}' });
    expect(json.status).toBe(401);
    const doc = (await (await fetch(`${h.baseUrl}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/interactions');
  });

  it('refuses malformed signature headers before any verification', () => {
    const key = discordPublicKey(h.discord.publicKey);
    const now = Date.now();
    expect(checkDiscordSignature(key, Buffer.from('{}'), undefined, '1')).toBe('missing');
    expect(checkDiscordSignature(key, Buffer.from('{}'), 'ab'.repeat(64), 'x1')).toBe('invalid');
    expect(checkDiscordSignature(key, Buffer.from('{}'), 'ab'.repeat(64), String(Math.floor(now / 1000)), now)).toBe('invalid');
  });
});

describe('POST /interactions: the commands', () => {
  it('defers a Lodestone read, answers Discord with 202 at once, and finishes with the edit', async () => {
    lodestone.setDelay(800);
    try {
      const cb = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { lodestone: HERO.id })]));
      expect(cb.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
      expect((cb.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect(cb.via).toBe('callback');
      const delivery = await deliveryOf(cb.interactionId);
      expect(delivery.status).toBe(202);
      expect(delivery.ms).toBeLessThan(500); // long before the Lodestone answers
      const edit = await h.discord.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${h.discord.applicationId}/${cb.token}/messages/@original`, 5_000);
      expect(edit.at).toBeGreaterThan(delivery.at);
      expect((edit.body as { embeds: { title: string }[] }).embeds[0]!.title).toBe('Linked: Endpoint Hero');
    } finally {
      lodestone.setDelay(0);
    }
  });

  it('autocompletes over HTTP', async () => {
    const cb = await h.discord.dispatchInteraction(autocomplete('tasks', [opt.focused('character', 'endp')]));
    expect(cb.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(cb.data?.choices?.map((c) => c.name)).toEqual(['Endpoint Hero (Odin)']);
    expect((await deliveryOf(cb.interactionId)).status).toBe(202);
  });

  it('updates the message of a pressed button over HTTP', async () => {
    const user = (await h.services.users.findByDiscordId(DEFAULT_USER.id))!;
    const task = await h.services.tasks.create(user.id, { name: 'Leveling roulette', cadence: 'daily' });
    const cb = await h.discord.dispatchInteraction(button(`tasks:toggle:${task.id}:-`));
    expect(cb.type).toBe(InteractionResponseType.UpdateMessage);
    expect(JSON.stringify(cb.data?.embeds)).toContain('~~Leveling roulette~~');
    expect((await h.services.tasks.get(user.id, task.id)).done).toBe(true);
  });

  it('answers in a DM, where there is no guild and no member', async () => {
    const cb = await h.discord.dispatchInteraction(chatInput('reset', [], { dm: true }));
    expect(cb.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(cb.data!.embeds![0]!.fields!.map((f) => f.name)).toContain('Daily reset');
  });

  it('creates a group from the picker: member permissions, and the components of the message the click came from', async () => {
    const components = (cb: RecordedCallback) => cb.data!.components as APIMessage['components'];
    const picker = await h.discord.dispatchInteraction(chatInput('group', [opt.subcommand('create', { name: 'Endpoint Static' })], { permissions: ADMIN_PERMISSIONS }));
    const picked = await h.discord.dispatchInteraction(selectMenu('group:pick:1', ['wondrous-tails'], { components: components(picker) }, { permissions: ADMIN_PERMISSIONS }));
    expect(picked.type).toBe(InteractionResponseType.UpdateMessage);
    const created = await h.discord.dispatchInteraction(button('group:create:Endpoint Static', { components: components(picked) }, { permissions: ADMIN_PERMISSIONS }));
    expect(created.data?.content).toContain('Created **Endpoint Static**');
    expect((await h.services.groups.byName(DEFAULT_GUILD_ID, 'endpoint static')).presets).toEqual(['wondrous-tails']);
    const denied = await h.discord.dispatchInteraction(chatInput('group', [opt.subcommand('create', { name: 'Other' })]));
    expect(denied.data?.content).toMatch(/Manage Server/);
  });

  it('answers 202 as soon as a handler ends without responding, so Discord is not kept waiting', async () => {
    const err = await h.discord.dispatchInteraction(button('group:no-such-button')).catch((e: unknown) => e as Error);
    expect(String(err)).toMatch(/answered 202 without a callback/);
    const delivery = h.discord.deliveries.at(-1)!;
    expect(delivery).toMatchObject({ status: 202 });
    expect(delivery.ms).toBeLessThan(1_000);
  });
});

describe('the acknowledgement deadline', () => {
  it('answers 202 before Discord’s 3 s even when a handler is too slow, and logs it', async () => {
    const discord = await startFakeDiscord();
    const ctx = await createTestContext();
    const slow: Command = {
      data: new SlashCommandBuilder().setName('slow').setDescription('Too slow'),
      execute: async (interaction) => {
        await new Promise((resolve) => setTimeout(resolve, 600));
        await interaction.reply({ content: 'late' });
      },
    };
    const config = parseConfig({
      JWT_SECRET: 'x'.repeat(40),
      LODESTONE_URL: 'off',
      DISCORD_TOKEN: discord.botToken,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_INTERACTIONS: 'http',
      DISCORD_PUBLIC_KEY: discord.publicKey,
    });
    const bot = createHttpBot({ config, services: ctx.services, clock: ctx.clock.now, log: cap.log, commands: new Map([['slow', slow]]), ackDeadlineMs: 250 });
    const http = await buildServer({ config, log: silentLog, store: ctx.store, services: ctx.services, clock: ctx.clock.now, interactions: bot });
    try {
      await http.listen({ port: 0, host: '127.0.0.1' });
      await discord.setInteractionsEndpoint(`http://127.0.0.1:${(http.server.address() as AddressInfo).port}/interactions`);
      const err = await discord.dispatchInteraction(chatInput('slow')).catch((e: unknown) => e as Error);
      expect(String(err)).toMatch(/answered 202 without a callback/);
      const delivery = discord.deliveries.at(-1)!;
      expect(delivery.status).toBe(202);
      expect(delivery.ms).toBeGreaterThanOrEqual(240);
      expect(delivery.ms).toBeLessThan(550);
      expect(cap.lines.some((l) => String(l.msg).startsWith('Interaction not acknowledged in time'))).toBe(true);
      // Stopping waits for the handler still running, whose late reply then reaches Discord.
      await http.close();
      await bot.stop();
      expect(discord.requests.some((r) => r.path.endsWith('/callback'))).toBe(true);
    } finally {
      await http.close();
      await discord.close();
      await ctx.close();
    }
  });
});

describe('the whole service with DISCORD_INTERACTIONS=http', () => {
  it('opens no gateway connection, answers on the API port, runs the scheduler, and any of two processes answers', async () => {
    const discord = await startFakeDiscord();
    const dir = mkdtempSync(join(tmpdir(), 'tracker-http-'));
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      DATABASE_URL: `file:${join(dir, 'tracker.db')}`,
      JWT_SECRET: 'y'.repeat(40),
      LODESTONE_URL: 'off',
      DISCORD_TOKEN: discord.botToken,
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_INTERACTIONS: 'http',
      DISCORD_PUBLIC_KEY: discord.publicKey,
    };
    const apps: App[] = [];
    try {
      const log = captureLog('info');
      apps.push(await startApp(parseConfig(env), log.log));
      apps.push(await startApp(parseConfig(env), silentLog));
      const urls = apps.map((a) => `http://127.0.0.1:${(a.http.server.address() as AddressInfo).port}/interactions`);
      expect(apps.every((a) => a.scheduler !== undefined)).toBe(true);
      expect(log.lines.some((l) => String(l.msg).startsWith('Discord interactions over HTTP'))).toBe(true);
      // As behind a load balancer: the endpoint URL leads to one process, then to the other.
      for (const url of urls) {
        await discord.setInteractionsEndpoint(url);
        const cb = await discord.dispatchInteraction(chatInput('task', [opt.subcommand('add', { name: `Via ${url.slice(-20)}`, cadence: 'daily' })]));
        expect(cb.data?.content).toContain('Via');
      }
      const user = (await apps[0]!.services.users.findByDiscordId(DEFAULT_USER.id))!;
      expect(await apps[1]!.services.tasks.list(user.id)).toHaveLength(2);
      expect(discord.gatewayConnections()).toBe(0);
      expect(discord.requests.some((r) => r.path === '/gateway/bot' || r.path === '/gateway')).toBe(false);
    } finally {
      for (const a of apps) await a.stop();
      await discord.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the fake developer portal', () => {
  it('refuses to save an endpoint that accepts unsigned requests', async () => {
    const careless: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"type":1}');
    });
    await new Promise<void>((resolve) => careless.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(careless.address() as AddressInfo).port}/interactions`;
      await expect(h.discord.setInteractionsEndpoint(url)).rejects.toThrow(/could not be verified.*bad signature got 200/);
      expect(h.discord.interactionsEndpoint()).toBe(`${h.baseUrl}/interactions`);
    } finally {
      await new Promise((resolve) => careless.close(resolve));
    }
  });
});

describe('the fake Discord over HTTP', () => {
  it('also takes the response in the body of a 200, as Discord does', async () => {
    const discord = await startFakeDiscord();
    const key = discordPublicKey(discord.publicKey);
    const inline: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        if (checkDiscordSignature(key, raw, String(req.headers['x-signature-ed25519']), String(req.headers['x-signature-timestamp'])) !== 'ok') {
          res.writeHead(401).end();
          return;
        }
        const { type } = JSON.parse(raw.toString()) as { type: number };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(type === 1 ? { type: 1 } : { type: 4, data: { content: 'inline', flags: 64 } }));
      });
    });
    await new Promise<void>((resolve) => inline.listen(0, '127.0.0.1', resolve));
    try {
      await discord.setInteractionsEndpoint(`http://127.0.0.1:${(inline.address() as AddressInfo).port}/`);
      const cb = await discord.dispatchInteraction(chatInput('anything'));
      expect(cb).toMatchObject({ via: 'http-response', type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'inline' } });
      expect(discord.messages.at(-1)?.content).toBe('inline');
    } finally {
      await new Promise((resolve) => inline.close(resolve));
      await discord.close();
    }
  });
});

describe('configuration', () => {
  it('defaults to the gateway, and http needs a 64-hex public key and the bot token', () => {
    expect(parseConfig({}).discord).toMatchObject({ interactions: 'gateway', publicKey: undefined });
    const key = 'AB'.repeat(32);
    expect(parseConfig({ DISCORD_INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: key, DISCORD_TOKEN: 't' }).discord).toMatchObject({ interactions: 'http', publicKey: key.toLowerCase() });
    expect(() => parseConfig({ DISCORD_INTERACTIONS: 'http', DISCORD_TOKEN: 't' })).toThrow(ConfigError);
    expect(() => parseConfig({ DISCORD_INTERACTIONS: 'http', DISCORD_TOKEN: 't' })).toThrow(/DISCORD_INTERACTIONS: http also needs DISCORD_PUBLIC_KEY/);
    expect(() => parseConfig({ DISCORD_INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: key })).toThrow(/DISCORD_TOKEN/);
    expect(() => parseConfig({ DISCORD_PUBLIC_KEY: 'abc' })).toThrow(/DISCORD_PUBLIC_KEY: must be the 64 hex characters/);
    expect(() => parseConfig({ DISCORD_INTERACTIONS: 'websocket' })).toThrow(/DISCORD_INTERACTIONS/);
  });
});
