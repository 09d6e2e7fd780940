import type { AddressInfo } from 'node:net';
import { REST } from '@discordjs/rest';
import { ChannelType, InteractionResponseType, type APIEmbed, type APIMessage } from 'discord.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardEmbed } from '../src/bot/views/boardView.js';
import { buildServer } from '../src/http/server.js';
import { BOARD_EDIT_INTERVAL_MS, BoardPublisher } from '../src/scheduler/boardPublisher.js';
import { restSender } from '../src/scheduler/sender.js';
import { openStore, type Store } from '../src/store/openStore.js';
import { buildServices } from '../src/services.js';
import { ADMIN_PERMISSIONS, DEFAULT_USER, button, chatInput, opt, selectMenu, type RecordedCallback } from './fakeDiscord/index.js';
import { startBotHarness, type BotHarness } from './helpers/botHarness.js';
import { captureLog } from './helpers/captureLog.js';
import { silentLog, TEST_SECRET } from './helpers/testStore.js';

const BOB = { id: '1100000000000000901', username: 'bob' };
const CARA = { id: '1100000000000000902', username: 'cara' };
const BOARD_CHANNEL = '1100000000000000950';

let h: BotHarness;
let http: FastifyInstance;
let base: string;
let publisher: BoardPublisher;
const cap = captureLog('info');

beforeAll(async () => {
  h = await startBotHarness({ start: '2026-11-23T10:00:00Z' });
  http = await buildServer({ config: h.config, log: silentLog, store: h.store, services: h.services, clock: h.clock.now });
  await http.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  const rest = new REST({ api: h.discord.apiUrl, retries: 0, timeout: 2_000 }).setToken(h.discord.botToken);
  publisher = new BoardPublisher({ db: h.store.db, clock: h.clock.now, log: cap.log, groups: h.services.groups, guildReminders: h.services.guildReminders, sender: restSender(rest), instanceId: 'p1' });
});
afterAll(async () => {
  await http?.close();
  await h?.stop();
});

const run = (name: string, sub: string, values: Record<string, unknown> = {}, ctx: Parameters<typeof chatInput>[2] = {}) =>
  h.discord.dispatchInteraction(chatInput(name, [opt.subcommand(sub, values as never)], ctx));
const userOf = async (discordId: string) => (await h.services.users.findByDiscordId(discordId))!;
const tokenOf = async (discordId: string) => (await h.services.sessions.open((await userOf(discordId)).id, null)).jwt;
const api = (path: string, jwt: string, init: RequestInit = {}) =>
  fetch(base + path, { ...init, headers: { authorization: `Bearer ${jwt}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the assertions check the bodies
const json = async (r: Response): Promise<any> => r.json();
const boardPosts = () => h.discord.requests.filter((r) => r.path.startsWith(`/channels/${BOARD_CHANNEL}/messages`) && (r.method === 'POST' || r.method === 'PATCH'));
const lastBoardEmbed = () => (boardPosts().at(-1)!.body as { embeds: APIEmbed[] }).embeds[0]!;
const components = (cb: RecordedCallback) => cb.data!.components as APIMessage['components'];

let groupId = '';

describe('group boards', () => {
  it('creates a group from the preset picker, which keeps its choice in the message', async () => {
    const denied = await run('group', 'create', { name: 'Static' });
    expect(denied.data?.content).toMatch(/Manage Server/);

    const picker = await run('group', 'create', { name: 'Static' }, { permissions: ADMIN_PERMISSIONS });
    const picked = await h.discord.dispatchInteraction(
      selectMenu('group:pick:1', ['wondrous-tails', 'savage-raid-loot'], { components: components(picker) }, { permissions: ADMIN_PERMISSIONS }),
    );
    expect(picked.type).toBe(InteractionResponseType.UpdateMessage);
    const picked2 = await h.discord.dispatchInteraction(selectMenu('group:pick:0', ['roulette-expert'], { components: components(picked) }, { permissions: ADMIN_PERMISSIONS }));
    const created = await h.discord.dispatchInteraction(button('group:create:Static', { components: components(picked2) }, { permissions: ADMIN_PERMISSIONS }));
    expect(created.data?.content).toContain('Created **Static**');
    const group = await h.services.groups.byName(h.discord.guilds[0]!.id, 'static');
    expect(group.presets.sort()).toEqual(['roulette-expert', 'savage-raid-loot', 'wondrous-tails']);
    groupId = group.id;

    const again = await run('group', 'create', { name: 'STATIC' }, { permissions: ADMIN_PERMISSIONS });
    const dup = await h.discord.dispatchInteraction(button('group:create:STATIC', { components: components(picked2) }, { permissions: ADMIN_PERMISSIONS }));
    expect(again.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(dup.data?.content).toContain('already has a group named');
  });

  it('lets members join with a character, offers the missing presets, and posts a live board', async () => {
    for (const [who, id, name] of [[DEFAULT_USER, '70000001', 'Alyx Bergen'], [BOB, '70000002', 'Bob Builder'], [CARA, '70000003', 'Cara Way']] as const) {
      await run('character', 'link', { lodestone: id, name, world: 'Cerberus' }, { user: who });
    }
    const me = await userOf(DEFAULT_USER.id);
    const alyx = (await h.services.characters.list(me.id))[0]!;
    await h.services.tasks.addPresets(me.id, { keys: ['wondrous-tails'], characterId: alyx.id });
    // Private things a board must never show.
    await h.services.tasks.create(me.id, { name: 'SECRET-CUSTOM-TASK', cadence: 'daily', notes: 'SECRET-NOTE' });
    await h.services.tasks.addPresets(me.id, { keys: ['mini-cactpot'], characterId: alyx.id });

    const joined = await run('group', 'join', { name: 'Static', character: alyx.id });
    expect(joined.data?.content).toContain("You don't track Duty Roulette: Expert, Savage raid loot yet");
    const add = await h.discord.dispatchInteraction(button(`group:addmissing:${groupId}`, { components: components(joined) }));
    // A real plural from the catalogue (was "task(s)").
    expect(add.data?.content).toContain('Added 2 tasks');
    await run('group', 'join', { name: 'static' }, { user: BOB });

    const post = await h.discord.dispatchInteraction(
      chatInput('group', [opt.subcommand('post', [opt.string('name', 'Static'), opt.channel('channel', BOARD_CHANNEL)])], {
        permissions: ADMIN_PERMISSIONS,
        resolved: { channels: { [BOARD_CHANNEL]: { id: BOARD_CHANNEL, type: ChannelType.GuildText, name: 'board', permissions: '0' } } } as never,
      }),
    );
    expect(post.data?.content).toContain(`<#${BOARD_CHANNEL}>`);
    expect(await publisher.pass()).toMatchObject({ posted: 1 });
    const embed = lastBoardEmbed();
    expect(embed.title).toBe('Static');
    expect(embed.description).toContain('⬜⬜⬜ **Alyx Bergen** (Cerberus)');
    expect(embed.description).toContain('➖➖➖ **Bob Builder** (Cerberus)');
    expect(embed.description).not.toContain('Cara');
    expect(embed.timestamp).toBeDefined();
  });

  it('edits the board once when a member ticks a tracked task over the web API', async () => {
    const jwt = await tokenOf(DEFAULT_USER.id);
    const tasks = (await (await api('/tasks', jwt)).json()) as { id: string; presetKey: string | null }[];
    const wt = tasks.find((t) => t.presetKey === 'wondrous-tails')!;
    const before = boardPosts().length;
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    expect((await api(`/tasks/${wt.id}/completion`, jwt, { method: 'PUT' })).status).toBe(200);
    expect(await publisher.pass()).toMatchObject({ edited: 1 });
    expect(await publisher.pass()).toMatchObject({ edited: 0, posted: 0 });
    expect(boardPosts().length).toBe(before + 1);
    expect(boardPosts().at(-1)!.method).toBe('PATCH');
    // Column order: roulette-expert, then the picker's second menu in catalogue order.
    expect(lastBoardEmbed().description).toMatch(/⬜.✅|⬜✅/);
    // An untracked task changes nothing on the board: no edit.
    const mini = tasks.find((t) => t.presetKey === 'mini-cactpot')!;
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    await api(`/tasks/${mini.id}/completion`, jwt, { method: 'PUT' });
    expect(await publisher.pass()).toMatchObject({ edited: 0, unchanged: 1 });
  });

  it('coalesces a burst of 50 ticks into a bounded number of edits, ending on the store', async () => {
    const me = await userOf(DEFAULT_USER.id);
    const tracked = (await h.services.tasks.list(me.id)).filter((t) => t.presetKey && ['wondrous-tails', 'savage-raid-loot', 'roulette-expert'].includes(t.presetKey));
    const before = boardPosts().length;
    for (let i = 0; i < 50; i++) {
      await h.services.tasks.toggle(me.id, tracked[i % tracked.length]!.id);
      h.clock.advance(200); // 50 ticks in 10 s
      await publisher.pass();
    }
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    await publisher.pass();
    const edits = boardPosts().length - before;
    expect(edits).toBeGreaterThan(0);
    expect(edits).toBeLessThanOrEqual(Math.ceil(10_000 / BOARD_EDIT_INTERVAL_MS) + 1);
    expect(lastBoardEmbed().description).toBe(boardEmbed(await h.services.groups.boardOf(groupId)).description);
  });

  it('shows a member only the tracked presets, over HTTP as in Discord; a non-member gets 404', async () => {
    const jwt = await tokenOf(DEFAULT_USER.id);
    const list = await (await api('/groups', jwt)).json();
    expect(list).toMatchObject([{ id: groupId, name: 'Static', memberCount: 2 }]);
    const res = await api(`/groups/${groupId}`, jwt);
    expect(res.status).toBe(200);
    const board = await json(res);
    expect(board.rows.map((r: { characterName: string; you: boolean }) => [r.characterName, r.you])).toEqual([['Alyx Bergen', true], ['Bob Builder', false]]);
    const everything = JSON.stringify(board) + JSON.stringify(h.discord.requests.map((r) => r.body));
    expect(everything).not.toContain('SECRET');
    expect(JSON.stringify(board)).not.toContain('mini-cactpot');
    // Polling costs a 304 while nothing changed.
    const etag = res.headers.get('etag')!;
    const notModified = await api(`/groups/${groupId}`, jwt, { headers: { 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    // No body, and no length claiming one (some clients would wait for it).
    expect(notModified.headers.get('content-length') ?? '0').toBe('0');
    // Any member's write changes it.
    const me = await userOf(DEFAULT_USER.id);
    const expert = (await h.services.tasks.list(me.id)).find((t) => t.presetKey === 'roulette-expert')!;
    await h.services.tasks.toggle(me.id, expert.id);
    const changed = await api(`/groups/${groupId}`, jwt, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    await h.services.tasks.toggle(me.id, expert.id);

    const cara = await tokenOf(CARA.id);
    expect((await api(`/groups/${groupId}`, cara)).status).toBe(404);
    expect(await (await api('/groups', cara)).json()).toEqual([]);
    // Joining over HTTP with the group's id; leaving takes the row off at once.
    const join = await api(`/groups/${groupId}/members`, cara, { method: 'POST', body: JSON.stringify({}) });
    expect(join.status).toBe(200);
    expect((await json(join)).missingPresets.sort()).toEqual(['roulette-expert', 'savage-raid-loot', 'wondrous-tails']);
    expect((await json(await api(`/groups/${groupId}`, cara))).rows).toHaveLength(3);
    expect((await api(`/groups/${groupId}/members/me`, cara, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/groups/${groupId}`, cara)).status).toBe(404);
  });

  it('answers /group who and /group show', async () => {
    const who = await run('group', 'who', { name: 'Static', task: 'savage-raid-loot' });
    expect(who.data?.content).toMatch(/Alyx Bergen|Everyone/);
    expect(who.data?.content).toContain('Not tracking it: **Bob Builder**');
    const show = await run('group', 'show', { name: 'Static' });
    expect(show.data?.embeds?.[0]?.title).toBe('Static');
  });

  it('takes a member off at once when they leave or unlink the character', async () => {
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    await run('group', 'leave', { name: 'Static' }, { user: BOB });
    await publisher.pass();
    expect(lastBoardEmbed().description).not.toContain('Bob Builder');
    const me = await userOf(DEFAULT_USER.id);
    const alyx = (await h.services.characters.list(me.id))[0]!;
    await h.services.characters.unlink(me.id, alyx.id);
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    await publisher.pass();
    expect(lastBoardEmbed().description).toContain('Nobody has joined yet');
  });

  it('rolls over at the reset by itself', async () => {
    await run('character', 'link', { lodestone: '70000001', name: 'Alyx Bergen', world: 'Cerberus' });
    await run('group', 'join', { name: 'Static' });
    const me = await userOf(DEFAULT_USER.id);
    await h.services.tasks.addPresets(me.id, { keys: ['roulette-expert'], characterId: (await h.services.characters.list(me.id))[0]!.id });
    const expert = (await h.services.tasks.list(me.id)).find((t) => t.presetKey === 'roulette-expert')!;
    await h.services.tasks.complete(me.id, expert.id);
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    await publisher.pass();
    expect(lastBoardEmbed().description).toMatch(/✅/);
    const edits = boardPosts().length;
    h.clock.set(expert.periodEnd! + 1_000);
    expect(await publisher.pass()).toMatchObject({ edited: 1 });
    expect(boardPosts().length).toBe(edits + 1);
    expect(lastBoardEmbed().description?.split('\n\n')[1]).not.toMatch(/✅/);
  });

  it('stops a board whose message was deleted, logs it, and tells the owner at their next command', async () => {
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    await run('group', 'leave', { name: 'Static' });
    h.discord.failNext({ method: 'PATCH', pathPrefix: `/channels/${BOARD_CHANNEL}/messages/` }, { status: 404, body: { code: 10008, message: 'Unknown Message' } });
    expect(await publisher.pass()).toMatchObject({ disabled: 1 });
    expect(cap.lines.some((l) => l.msg === 'Board refused by Discord: it stops updating')).toBe(true);
    const cb = await h.discord.dispatchInteraction(chatInput('reset'));
    const followUp = await h.discord.waitForRequest((r) => r.method === 'POST' && r.path.startsWith(`/webhooks/${h.discord.applicationId}/${cb.token}`));
    expect((followUp.body as { content: string }).content).toContain('stopped updating');
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    expect(await publisher.pass()).toMatchObject({ edited: 0, posted: 0 });
  });

  it("speaks the server's announcement language, and is redrawn when it changes", async () => {
    await h.services.groups.postBoard({ userId: (await userOf(DEFAULT_USER.id)).id, canManageServer: true, roleIds: [] }, groupId, BOARD_CHANNEL);
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    expect(await publisher.pass()).toMatchObject({ posted: 1 });
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    await h.services.guildReminders.set(h.discord.guilds[0]!.id, { channelId: BOARD_CHANNEL, language: 'ja' }, null);
    expect(await publisher.pass()).toMatchObject({ edited: 1 });
    expect(lastBoardEmbed().description).toContain('クロの空想帳');
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    await h.services.guildReminders.set(h.discord.guilds[0]!.id, { channelId: BOARD_CHANNEL, language: 'en' }, null);
    expect(await publisher.pass()).toMatchObject({ edited: 1 });
    expect(lastBoardEmbed().description).toContain('Wondrous Tails');
  });

  it('two processes on one store: one board message, claimed by one at a time', async () => {
    await h.services.groups.postBoard({ userId: (await userOf(DEFAULT_USER.id)).id, canManageServer: true, roleIds: [] }, groupId, BOARD_CHANNEL);
    const other: Store = await openStore(h.url, silentLog);
    try {
      const services2 = buildServices({ db: other.db, clock: h.clock.now, secret: TEST_SECRET, config: h.config, log: silentLog });
      const rest = new REST({ api: h.discord.apiUrl, retries: 0, timeout: 2_000 }).setToken(h.discord.botToken);
      const p2 = new BoardPublisher({ db: other.db, clock: h.clock.now, log: silentLog, groups: services2.groups, sender: restSender(rest), instanceId: 'p2' });
      const posts = () => h.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${BOARD_CHANNEL}/messages`).length;
      const before = posts();
      const [a, b] = await Promise.all([publisher.pass(), p2.pass()]);
      expect(a.posted + b.posted).toBe(1);
      expect(posts()).toBe(before + 1);
    } finally {
      await other.close();
    }
  });

  it('does not post a second board when the first post went out but its id was never recorded', async () => {
    const messages = () => h.discord.messages.filter((m) => m.channel_id === BOARD_CHANNEL).length;
    const before = messages();
    // As if the process died between Discord's answer and the record: the row still wants a first post.
    await h.store.db.updateTable('group_boards').set({ message_id: null, claimed_by: null, claimed_until: null, dirty: 1 }).where('group_id', '=', groupId).execute();
    h.clock.advance(BOARD_EDIT_INTERVAL_MS);
    expect(await publisher.pass()).toMatchObject({ posted: 1 });
    // Discord saw the same enforced nonce and gave the first message back.
    expect(messages()).toBe(before);
  });
});
