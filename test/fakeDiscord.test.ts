import { createHash, randomBytes } from 'node:crypto';
import { DiscordAPIError as RestAPIError, REST } from '@discordjs/rest';
import {
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
  Routes,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  DEFAULT_USER,
  autocomplete,
  button,
  chatInput,
  discordErrors,
  modalSubmit,
  opt,
  selectMenu,
  startFakeDiscord,
  type FakeDiscord,
} from './fakeDiscord/index.js';

let discord: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await discord?.close();
  discord = undefined;
});

async function start(opts?: Parameters<typeof startFakeDiscord>[0]): Promise<FakeDiscord> {
  discord = await startFakeDiscord(opts);
  return discord;
}

/** A real discord.js client, logged in against the fake and ready. */
async function readyClient(d: FakeDiscord): Promise<Client> {
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: d.apiUrl } });
  const ready = new Promise<void>((resolve) => client!.once(Events.ClientReady, () => resolve()));
  await client.login(d.botToken);
  await ready;
  return client;
}

/** Runs `handle` on the next interaction the client receives and hands back what it threw, if anything. */
function onNextInteraction(c: Client, handle: (i: Interaction) => Promise<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    c.once(Events.InteractionCreate, (i) => {
      handle(i).then(() => resolve(), reject);
    });
  });
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

async function exchange(d: FakeDiscord, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${d.apiUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('fake Discord gateway with a real discord.js Client', () => {
  it('logs the client in over the gateway and caches the fake guild and its channel', async () => {
    const d = await start();
    const c = await readyClient(d);

    expect(c.user?.id).toBe(d.applicationId);
    expect(c.user?.bot).toBe(true);
    expect(c.application?.id).toBe(d.applicationId);
    const guild = c.guilds.cache.get(DEFAULT_GUILD_ID);
    expect(guild?.available).toBe(true);
    expect(guild?.members.me?.id).toBe(d.applicationId);
    const channel = c.channels.cache.get(DEFAULT_CHANNEL_ID);
    expect(channel?.type).toBe(ChannelType.GuildText);
    expect(d.gatewayConnections()).toBe(1);
    // discord.js found the gateway through GET /gateway/bot on the versioned REST API.
    expect(d.requests.find((r) => r.path === '/gateway/bot')).toMatchObject({ method: 'GET', apiVersion: 10, headers: { authorization: `Bot ${d.botToken}` } });
  });

  it('refuses a wrong bot token before the gateway is even reached', async () => {
    const d = await start();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: d.apiUrl } });
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(d.gatewayConnections()).toBe(0);
  });

  it('delivers a slash command as a ChatInputCommandInteraction and records its ephemeral reply', async () => {
    const d = await start();
    const c = await readyClient(d);
    let seen: ChatInputCommandInteraction | undefined;
    const handled = onNextInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) throw new Error(`unexpected ${i.constructor.name}`);
      seen = i;
      await i.reply({ content: `added ${i.options.getString('name', true)} x${i.options.getInteger('count', true)}`, flags: MessageFlags.Ephemeral });
    });

    const cb = await d.dispatchInteraction(chatInput('tasks', [opt.subcommand('add', { name: 'Expert roulette', count: 2 })]));
    await handled;

    expect(seen?.commandName).toBe('tasks');
    expect(seen?.options.getSubcommand()).toBe('add');
    expect(seen?.user.id).toBe(DEFAULT_USER.id);
    expect(seen?.guildId).toBe(DEFAULT_GUILD_ID);
    expect(seen?.channelId).toBe(DEFAULT_CHANNEL_ID);
    expect(seen?.inCachedGuild()).toBe(true);
    expect(seen?.memberPermissions?.has('SendMessages')).toBe(true);
    expect(seen?.memberPermissions?.has('ManageGuild')).toBe(false);
    expect(cb.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(cb.data).toMatchObject({ content: 'added Expert roulette x2', flags: MessageFlags.Ephemeral });
    expect(cb.request.status).toBe(204);
    expect(d.messages.at(-1)).toMatchObject({ content: 'added Expert roulette x2', flags: MessageFlags.Ephemeral, webhook_id: d.applicationId });
  });

  it('serves deferReply, editReply, fetchReply and followUp through the interaction webhook', async () => {
    const d = await start();
    const c = await readyClient(d);
    const handled = onNextInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('not a command');
      await i.deferReply();
      const edited = await i.editReply({ content: 'done' });
      expect(edited.content).toBe('done');
      expect((await i.fetchReply()).content).toBe('done');
      const extra = await i.followUp({ content: 'one more thing', flags: MessageFlags.Ephemeral });
      expect(extra.flags.has(MessageFlags.Ephemeral)).toBe(true);
    });

    const cb = await d.dispatchInteraction(chatInput('reset', {}, { permissions: '8' }));
    expect(cb.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    await handled;
    const edit = await d.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'));
    expect(edit.path).toBe(`/webhooks/${d.applicationId}/${cb.token}/messages/@original`);
    expect(edit.body).toMatchObject({ content: 'done' });
    expect(d.requests.some((r) => r.method === 'POST' && r.path === `/webhooks/${d.applicationId}/${cb.token}`)).toBe(true);
  });

  it('answers a second callback for the same interaction with 40060', async () => {
    const d = await start();
    const c = await readyClient(d);
    let second: unknown;
    const handled = onNextInteraction(c, async (i) => {
      if (!i.isRepliable()) throw new Error('not repliable');
      await i.reply({ content: 'first' });
      second = await c.rest.post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: 'again' } }, auth: false }).catch((e: unknown) => e);
    });
    await d.dispatchInteraction(chatInput('tasks'));
    await handled;
    expect(second).toBeInstanceOf(DiscordAPIError);
    expect(second).toMatchObject({ status: 400, code: 40060 });
  });

  it('delivers autocomplete, button and select menu interactions as their discord.js classes', async () => {
    const d = await start();
    const c = await readyClient(d);

    const ac = onNextInteraction(c, async (i) => {
      if (!i.isAutocomplete()) throw new Error('not autocomplete');
      expect(i.options.getFocused(true)).toMatchObject({ name: 'name', value: 'Ex' });
      await i.respond([{ name: 'Expert roulette', value: 'expert' }]);
    });
    const acCb = await d.dispatchInteraction(autocomplete('task', [opt.subcommand('done', [opt.focused('name', 'Ex')])]));
    await ac;
    expect(acCb.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(acCb.data?.choices).toEqual([{ name: 'Expert roulette', value: 'expert' }]);

    const btn = onNextInteraction(c, async (i) => {
      if (!i.isButton()) throw new Error('not a button');
      expect(i.customId).toBe('task:done:1');
      expect(i.message.author.id).toBe(d.applicationId);
      await i.update({ content: 'ticked' });
    });
    const btnCb = await d.dispatchInteraction(button('task:done:1', { content: 'your tasks' }));
    await btn;
    expect(btnCb).toMatchObject({ type: InteractionResponseType.UpdateMessage, data: { content: 'ticked' } });

    const sel = onNextInteraction(c, async (i) => {
      if (!i.isStringSelectMenu()) throw new Error('not a select menu');
      expect(i.values).toEqual(['a', 'b']);
      await i.deferUpdate();
    });
    const selCb = await d.dispatchInteraction(selectMenu('presets', ['a', 'b'], undefined, { dm: true }));
    await sel;
    expect(selCb.type).toBe(InteractionResponseType.DeferredMessageUpdate);
  });

  it('answers withResponse replies with the interaction callback resource and parses modal submits', async () => {
    const d = await start();
    const c = await readyClient(d);
    const handled = onNextInteraction(c, async (i) => {
      if (!i.isModalSubmit()) throw new Error('not a modal submit');
      expect(i.fields.getTextInputValue('name')).toBe('Alisaie');
      const res = await i.reply({ content: 'saved', withResponse: true });
      expect(res.interaction.id).toBe(i.id);
      expect(res.resource?.message?.content).toBe('saved');
    });
    const cb = await d.dispatchInteraction(modalSubmit('character:add', { name: 'Alisaie' }));
    await handled;
    expect(cb).toMatchObject({ withResponse: true, type: InteractionResponseType.ChannelMessageWithSource, request: { status: 200 } });
  });

  it('resumes after the gateway drops and replays an interaction sent meanwhile', async () => {
    const d = await start();
    const c = await readyClient(d);
    const resumed = new Promise<void>((resolve) => c.once(Events.ShardResume, () => resolve()));
    const handled = onNextInteraction(c, async (i) => {
      if (i.isRepliable()) await i.reply('still here');
    });
    d.dropGateway();
    const cb = await d.dispatchInteraction(chatInput('tasks'));
    await resumed;
    await handled;
    expect(cb.data?.content).toBe('still here');
    expect(d.gatewayConnections()).toBe(1);
  });

  it('rejects dispatchInteraction after its timeout when nobody answers', async () => {
    const d = await start();
    await readyClient(d);
    await expect(d.dispatchInteraction(chatInput('ignored'), { timeoutMs: 200 })).rejects.toThrow(/no callback within 200 ms/);
  });

  it('closes the gateway with 4004 on a wrong token and discord.js gives up', async () => {
    const d = await start();
    const ws = new (await import('ws')).WebSocket(`${d.gatewayUrl}?v=10&encoding=json`);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('message', (raw) => {
      const p = JSON.parse(String(raw)) as { op: number };
      if (p.op === 10) ws.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    });
    expect(await closed).toBe(4004);
  });
});

describe('fake Discord OAuth2', () => {
  it('trades a good code for a token that reads the user from /users/@me', async () => {
    const d = await start();
    const { verifier, challenge } = pkce();
    const code = d.addOAuthUser({ id: '123456789012345678', username: 'wol', global_name: 'Warrior of Light' }).code('http://localhost/cb', challenge);

    const ok = await exchange(d, { client_id: d.clientId, client_secret: d.clientSecret, grant_type: 'authorization_code', code, redirect_uri: 'http://localhost/cb', code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 604800, scope: 'identify', access_token: expect.any(String), refresh_token: expect.any(String) });

    const me = await fetch(`${d.apiUrl}/users/@me`, { headers: { authorization: `Bearer ${String(ok.body.access_token)}` } });
    expect(me.status).toBe(200);
    expect(me.headers.get('content-type')).toBe('application/json');
    expect(await me.json()).toMatchObject({ id: '123456789012345678', username: 'wol', global_name: 'Warrior of Light', discriminator: '0', avatar: null });

    const bad = await fetch(`${d.apiUrl}/users/@me`, { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    expect(d.requests.find((r) => r.path === '/oauth2/token')?.body).toMatchObject({ grant_type: 'authorization_code', code, client_id: d.clientId });
  });

  it('refuses a reused code, a wrong redirect_uri, a wrong PKCE verifier and a bad client secret', async () => {
    const d = await start();
    const { verifier, challenge } = pkce();
    const user = d.addOAuthUser({ id: '223456789012345678', username: 'x' });
    const form = (code: string, extra: Record<string, string> = {}) => ({
      client_id: d.clientId, client_secret: d.clientSecret, grant_type: 'authorization_code', code, redirect_uri: 'http://localhost/cb', code_verifier: verifier, ...extra,
    });

    const code = user.code('http://localhost/cb', challenge);
    expect((await exchange(d, form(code))).status).toBe(200);
    expect(await exchange(d, form(code))).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid "code" in request.' } });

    const wrongRedirect = await exchange(d, form(user.code('http://localhost/cb', challenge), { redirect_uri: 'http://evil/cb' }));
    expect(wrongRedirect).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const wrongVerifier = await exchange(d, form(user.code('http://localhost/cb', challenge), { code_verifier: pkce().verifier }));
    expect(wrongVerifier).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid "code" in request.' } });

    const badSecret = await exchange(d, form(user.code('http://localhost/cb', challenge), { client_secret: 'guess' }));
    expect(badSecret).toEqual({ status: 401, body: { error: 'invalid_client' } });

    // HTTP Basic client authentication works too.
    const { client_id: _id, client_secret: _secret, ...rest } = form(user.code('http://localhost/cb', challenge));
    const basic = await exchange(d, rest, { authorization: `Basic ${Buffer.from(`${d.clientId}:${d.clientSecret}`).toString('base64')}` });
    expect(basic.status).toBe(200);
  });

  it('redirects from the authorize page back with a code for the last added user', async () => {
    const d = await start();
    const { verifier, challenge } = pkce();
    d.addOAuthUser({ id: '323456789012345678', username: 'clicker' });
    const url = `${d.authorizeUrl}?${new URLSearchParams({ client_id: d.clientId, response_type: 'code', redirect_uri: 'http://localhost/cb', scope: 'identify', state: 's1', code_challenge: challenge, code_challenge_method: 'S256' })}`;
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location')!);
    expect(loc.searchParams.get('state')).toBe('s1');
    const ok = await exchange(d, { client_id: d.clientId, client_secret: d.clientSecret, grant_type: 'authorization_code', code: loc.searchParams.get('code')!, redirect_uri: 'http://localhost/cb', code_verifier: verifier });
    expect(ok.status).toBe(200);
  });
});

describe('fake Discord REST', () => {
  it('makes client.channels.fetch and rest.post see the injected 403s as DiscordAPIError', async () => {
    const d = await start();
    const c = await readyClient(d);

    d.failNext({ method: 'GET', pathPrefix: `/channels/${DEFAULT_CHANNEL_ID}` }, discordErrors.missingAccess());
    const fetched = await c.channels.fetch(DEFAULT_CHANNEL_ID, { force: true }).catch((e: unknown) => e);
    expect(fetched).toBeInstanceOf(DiscordAPIError);
    // Dual-package hazard: discord.js (CommonJS) throws the CJS class, which is not the ESM export of '@discordjs/rest'.
    expect(fetched).not.toBeInstanceOf(RestAPIError);
    expect(fetched).toMatchObject({ status: 403, code: 50001, message: 'Missing Access' });
    // Only the next request failed.
    expect((await c.channels.fetch(DEFAULT_CHANNEL_ID, { force: true }))?.id).toBe(DEFAULT_CHANNEL_ID);

    const rest = new REST({ api: d.apiUrl, retries: 0 }).setToken(d.botToken);
    const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: DEFAULT_USER.id } })) as { id: string; type: number };
    expect(dm.type).toBe(ChannelType.DM);
    d.failNext({ method: 'POST', pathPrefix: `/channels/${dm.id}/messages` }, discordErrors.cannotDM());
    const refused = await rest.post(Routes.channelMessages(dm.id), { body: { content: 'hi' } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RestAPIError);
    expect(refused).toMatchObject({ status: 403, code: 50007 });
    const sent = (await rest.post(Routes.channelMessages(dm.id), { body: { content: 'hi' } })) as { content: string; author: { id: string } };
    expect(sent).toMatchObject({ content: 'hi', author: { id: d.applicationId } });
  });

  it('waits out an injected 429, answers 401 to another bot token and 404 to unknown routes', async () => {
    const d = await start();
    const rest = new REST({ api: d.apiUrl, retries: 0 }).setToken(d.botToken);
    d.failNext({ method: 'POST', pathPrefix: `/channels/${DEFAULT_CHANNEL_ID}/messages` }, discordErrors.rateLimited(0.05));
    await rest.post(Routes.channelMessages(DEFAULT_CHANNEL_ID), { body: { content: 'late' } });
    expect(d.requests.filter((r) => r.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`).map((r) => r.status)).toEqual([429, 200]);

    const tooLong = await rest.post(Routes.channelMessages(DEFAULT_CHANNEL_ID), { body: { content: 'x'.repeat(2001) } }).catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ status: 400, code: 50035 });

    const other = await new REST({ api: d.apiUrl, retries: 0 }).setToken('someone-else').get(Routes.user('@me')).catch((e: unknown) => e);
    expect(other).toMatchObject({ status: 401, code: 0, message: '401: Unauthorized' });

    const res = await fetch(`${d.apiUrl}/v10/nothing/here`, { headers: { authorization: `Bot ${d.botToken}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: '404: Not Found', code: 0 });
  });

  it('echoes bulk-overwritten commands with ids and gives dispatched commands those ids', async () => {
    const d = await start();
    const rest = new REST({ api: d.apiUrl, retries: 0 }).setToken(d.botToken);
    const saved = (await rest.put(Routes.applicationGuildCommands(d.applicationId, DEFAULT_GUILD_ID), {
      body: [{ name: 'tasks', description: 'Your tasks' }],
    })) as { id: string; name: string; application_id: string; guild_id: string }[];
    expect(saved).toEqual([expect.objectContaining({ name: 'tasks', application_id: d.applicationId, guild_id: DEFAULT_GUILD_ID, id: expect.stringMatching(/^\d{17,20}$/) })]);
    expect(await rest.get(Routes.applicationGuildCommands(d.applicationId, DEFAULT_GUILD_ID))).toEqual(saved);
    const again = (await rest.put(Routes.applicationGuildCommands(d.applicationId, DEFAULT_GUILD_ID), { body: [{ name: 'tasks', description: 'Still' }] })) as { id: string }[];
    expect(again[0]!.id).toBe(saved[0]!.id);

    const c = await readyClient(d);
    const handled = onNextInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('not a command');
      expect(i.commandId).toBe(saved[0]!.id);
      await i.reply('ok');
    });
    await d.dispatchInteraction(chatInput('tasks'));
    await handled;
  });
});

describe('fake Discord shutdown', () => {
  it('leaves no sockets or servers behind after client.destroy() and close()', async () => {
    const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
    const servers = count('TCPServerWrap');
    const sockets = count('TCPSocketWrap');
    const d = await startFakeDiscord();
    const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: d.apiUrl } });
    const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
    await c.login(d.botToken);
    await ready;
    expect(d.gatewayConnections()).toBe(1);

    const started = Date.now();
    await c.destroy();
    expect(d.gatewayConnections()).toBe(0);
    await d.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(count('TCPServerWrap')).toBe(servers);
    expect(count('TCPSocketWrap')).toBeLessThanOrEqual(sockets);
    await expect(fetch(`${d.apiUrl}/gateway`)).rejects.toThrow();
  });
});
