import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelType, GatewayIntentBits, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../src/bot/deployCommands.js';
import { CommandLoadError, loadCommands } from '../src/bot/registry.js';
import {
  ADMIN_PERMISSIONS,
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  DEFAULT_USER,
  autocomplete,
  button,
  chatInput,
  opt,
  selectMenu,
  type RecordedCallback,
} from './fakeDiscord/index.js';
import { startBotHarness, TRANSPORTS, type BotHarness } from './helpers/botHarness.js';
import { captureLog } from './helpers/captureLog.js';

let h: BotHarness;
const cap = captureLog('info');

const me = () => h.services.users.findByDiscordId(DEFAULT_USER.id).then((u) => u!);
const OTHER = { id: '1100000000000000777', username: 'someone-else' };

function expectEphemeral(cb: RecordedCallback) {
  expect(cb.type).toBe(InteractionResponseType.ChannelMessageWithSource);
  expect((cb.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
}
const customIds = (cb: RecordedCallback) =>
  ((cb.data?.components ?? []) as { components: { custom_id: string }[] }[]).flatMap((row) => row.components.map((c) => c.custom_id));

describe('command loading', () => {
  it('refuses a malformed command module instead of skipping it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'commands-'));
    try {
      writeFileSync(join(dir, 'broken.mjs'), 'export default { data: { name: "broken" } };\n');
      await expect(loadCommands(dir)).rejects.toBeInstanceOf(CommandLoadError);
      await expect(loadCommands(dir)).rejects.toThrow(/broken\.mjs.*execute/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(TRANSPORTS.map((transport) => ({ transport, over: transport === 'http' ? 'HTTP (POST /interactions)' : 'the gateway' })))('interactions over $over', ({ transport }) => {
  beforeAll(async () => {
    h = await startBotHarness({ start: '2026-11-23T10:00:00Z', log: cap.log, transport });
  });
  afterAll(async () => h?.stop());

  describe('the bot', () => {
    it.runIf(transport === 'gateway')('logs in to the gateway with the Guilds intent only', () => {
      expect(h.client.isReady()).toBe(true);
      expect(h.client.options.intents.bitfield).toBe(GatewayIntentBits.Guilds);
      expect(h.client.guilds.cache.has(DEFAULT_GUILD_ID)).toBe(true);
      expect([...h.commands.keys()].sort()).toEqual(['apikey', 'character', 'group', 'presets', 'remind-me', 'reminders', 'reset', 'task', 'tasks']);
    });

    it.runIf(transport === 'http')('opens no gateway connection: the endpoint was verified and interactions arrive over HTTP', async () => {
      expect(h.discord.gatewayConnections()).toBe(0);
      expect(h.discord.requests.some((r) => r.path.startsWith('/gateway'))).toBe(false);
      expect(h.client.isReady()).toBe(false);
      expect(h.discord.interactionsEndpoint()).toBe(`${h.baseUrl}/interactions`);
      expect([...h.commands.keys()].sort()).toEqual(['apikey', 'character', 'group', 'presets', 'remind-me', 'reminders', 'reset', 'task', 'tasks']);
      const cb = await h.discord.dispatchInteraction(chatInput('reset'));
      // Answered through the callback endpoint, the HTTP request then 202.
      expect(cb.via).toBe('callback');
      expect(cb.request.path).toBe(`/interactions/${cb.interactionId}/${cb.token}/callback`);
    });

    it('/task add with options creates a task that the web sees, and answers privately', async () => {
      const cb = await h.discord.dispatchInteraction(
        chatInput('task', [opt.subcommand('add', { name: 'Expert roulette', cadence: 'daily', notes: 'tank' })]),
      );
      expectEphemeral(cb);
      expect(cb.data?.content).toContain('Expert roulette');
      expect(cb.data?.content).toMatch(/<t:\d+:R>/);
      const tasks = await h.services.tasks.list((await me()).id);
      expect(tasks.map((t) => [t.name, t.cadence, t.notes])).toEqual([['Expert roulette', 'daily', 'tank']]);
    });

    it('refuses an invalid option with a short private message and writes nothing', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('task', [opt.subcommand('add', { name: 'Map', cadence: 'cooldown' })]));
      expectEphemeral(cb);
      expect(cb.data?.content).toMatch(/intervalHours/);
      expect((await h.services.tasks.list((await me()).id)).map((t) => t.name)).toEqual(['Expert roulette']);
    });

    it('autocompletes only your own tasks', async () => {
      const other = await h.services.users.upsertFromDiscord({ discordId: OTHER.id, username: OTHER.username });
      await h.services.tasks.create(other.id, { name: 'Expert (not yours)', cadence: 'daily' });
      await h.services.tasks.create((await me()).id, { name: 'Wondrous Tails', cadence: 'weekly' });
      const cb = await h.discord.dispatchInteraction(autocomplete('task', [opt.subcommand('done', [opt.focused('task', 'exp')])]));
      expect(cb.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
      expect(cb.data?.choices?.map((c) => c.name)).toEqual(['⬜ Expert roulette']);
    });

    it('/tasks shows an embed grouped by cadence with progress, reset times and toggle buttons', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('tasks'));
      expectEphemeral(cb);
      const embed = cb.data!.embeds![0]!;
      expect(embed.description).toBe('0/2 done');
      const fields = embed.fields!.map((f) => f.name);
      expect(fields[0]).toMatch(/^Daily — 0\/1 · resets <t:1795446000:R>$/); // 2026-11-23 15:00 UTC
      expect(fields[1]).toMatch(/^Weekly — 0\/1 · resets <t:\d+:R>$/);
      expect(customIds(cb).every((id) => id.startsWith('tasks:toggle:'))).toBe(true);
      expect(customIds(cb)).toHaveLength(2);
    });

    it('a button press completes the task, redraws the message in place, and the web sees it done', async () => {
      const uid = (await me()).id;
      const task = (await h.services.tasks.list(uid)).find((t) => t.name === 'Expert roulette')!;
      const cb = await h.discord.dispatchInteraction(button(`tasks:toggle:${task.id}:-`));
      expect(cb.type).toBe(InteractionResponseType.UpdateMessage);
      expect(cb.data!.embeds![0]!.description).toBe('1/2 done');
      expect(JSON.stringify(cb.data!.embeds)).toContain('~~Expert roulette~~');
      expect((await h.services.tasks.get(uid, task.id)).done).toBe(true);
      const again = await h.discord.dispatchInteraction(button(`tasks:toggle:${task.id}:-`));
      expect(again.data!.embeds![0]!.description).toBe('0/2 done');
    });

    it("a button for someone else's task answers not found and changes nothing", async () => {
      const other = (await h.services.users.findByDiscordId(OTHER.id))!;
      const theirs = (await h.services.tasks.list(other.id))[0]!;
      const cb = await h.discord.dispatchInteraction(button(`tasks:toggle:${theirs.id}:-`));
      expectEphemeral(cb);
      expect(cb.data?.content).toMatch(/not found/);
      expect((await h.services.tasks.get(other.id, theirs.id)).done).toBe(false);
    });

    it('/presets offers grouped select menus and adds the picked presets in one go', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('presets'));
      expectEphemeral(cb);
      expect(customIds(cb)).toEqual(['presets:add:roulettes:-', 'presets:add:daily:-', 'presets:add:saucer:-', 'presets:add:weekly:-']);
      const picked = await h.discord.dispatchInteraction(selectMenu('presets:add:daily:-', ['gc-supply-provisioning', 'treasure-map']));
      expect(picked.type).toBe(InteractionResponseType.UpdateMessage);
      expect(picked.data?.content).toContain('Grand Company supply');
      const tasks = await h.services.tasks.list((await me()).id);
      expect(tasks.filter((t) => t.presetKey).map((t) => [t.presetKey, t.cadence])).toEqual([
        ['gc-supply-provisioning', 'gc-daily'],
        ['treasure-map', 'cooldown'],
      ]);
    });

    it('/character link with the Lodestone off fills in the data center from the world, and /character list shows it', async () => {
      const cb = await h.discord.dispatchInteraction(
        chatInput('character', [opt.subcommand('link', { lodestone: '12345678', name: 'John Finalfantasy', world: 'midgardsormr' })]),
      );
      expectEphemeral(cb);
      expect(cb.data?.content).toContain('Midgardsormr, Aether, NA');
      const bad = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { lodestone: '12ab', name: 'X Y', world: 'Odin' })]));
      expect(bad.data?.content).toMatch(/Lodestone id/);
      const list = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('list')]));
      expect(list.data!.embeds![0]!.description).toContain('John Finalfantasy');
      const worlds = await h.discord.dispatchInteraction(autocomplete('character', [opt.subcommand('link', [opt.focused('world', 'rag')])]));
      expect(worlds.data?.choices).toEqual([{ name: 'Ragnarok (Chaos)', value: 'Ragnarok' }]);
    });

    it('/reset lists every reset as Discord timestamps, with Jumbo Cactpot for your regions', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('reset'));
      expectEphemeral(cb);
      const fields = cb.data!.embeds![0]!.fields!;
      expect(fields.map((f) => f.name)).toEqual(['Daily reset', 'Weekly reset', 'Grand Company', 'Fashion Report', 'Jumbo Cactpot (NA)']);
      expect(fields[0]!.value).toContain('<t:1795446000:R>');
      expect(fields[4]!.value).toContain(`<t:${Date.parse('2026-11-29T02:00:00Z') / 1000}:R>`);
    });

    it('/reminders refuses members without Manage Server, and saves for those with it', async () => {
      const resolved = {
        channels: { [DEFAULT_CHANNEL_ID]: { id: DEFAULT_CHANNEL_ID, type: ChannelType.GuildText, name: 'general', permissions: '0' } },
        roles: {
          '1100000000000000300': {
            id: '1100000000000000300', name: 'Raiders', color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false,
            position: 1, permissions: '0', managed: false, mentionable: true, flags: 0,
          },
        },
      } as never;
      const options = [opt.subcommand('set', [opt.channel('channel', DEFAULT_CHANNEL_ID), opt.role('role', '1100000000000000300'), opt.string('events', 'daily-reset,ocean-fishing'), opt.integer('lead_minutes', 10)])];
      const refused = await h.discord.dispatchInteraction(chatInput('reminders', options, { resolved }));
      expectEphemeral(refused);
      expect(refused.data?.content).toContain('Manage Server');
      expect(await h.services.guildReminders.get(DEFAULT_GUILD_ID)).toBeUndefined();

      const saved = await h.discord.dispatchInteraction(chatInput('reminders', options, { resolved, permissions: ADMIN_PERMISSIONS }));
      expectEphemeral(saved);
      expect(saved.data?.content).toContain(`<#${DEFAULT_CHANNEL_ID}>`);
      expect(await h.services.guildReminders.get(DEFAULT_GUILD_ID)).toMatchObject({
        channelId: DEFAULT_CHANNEL_ID, roleId: '1100000000000000300', events: ['daily-reset', 'ocean-fishing'], leadMinutes: 10, enabled: true,
      });
      const badEvents = await h.discord.dispatchInteraction(
        chatInput('reminders', [opt.subcommand('set', [opt.channel('channel', DEFAULT_CHANNEL_ID), opt.string('events', 'daily-reset,lunch')])], { resolved, permissions: ADMIN_PERMISSIONS }),
      );
      expect(badEvents.data?.content).toContain('Unknown event: lunch');
      const shown = await h.discord.dispatchInteraction(chatInput('reminders', [opt.subcommand('show')], { permissions: ADMIN_PERMISSIONS }));
      expectEphemeral(shown);
      expect(shown.data?.content).toContain('10 min before');
      expect(shown.data?.content).toContain('<@&1100000000000000300>');
      expect(shown.data?.content).toContain('Ocean Fishing departure — next <t:');
      const off = await h.discord.dispatchInteraction(chatInput('reminders', [opt.subcommand('off')], { permissions: ADMIN_PERMISSIONS }));
      expect(off.data?.content).toContain('off');
      expect(await h.services.guildReminders.get(DEFAULT_GUILD_ID)).toBeUndefined();
    });

    it('/remind-me saves a personal reminder, and a closed-DM failure is reported once at the next command', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('remind-me', [opt.subcommand('before', { reset: 'weekly', hours: 6 })]));
      expectEphemeral(cb);
      const uid = (await me()).id;
      expect(await h.services.personalReminders.get(uid)).toMatchObject({ cadence: 'weekly', hoursBefore: 6, enabled: true });
      await h.services.personalReminders.markDmFailed(uid);
      const next = await h.discord.dispatchInteraction(chatInput('reset'));
      expectEphemeral(next);
      const followUp = await h.discord.waitForRequest((r) => r.method === 'POST' && r.path.startsWith(`/webhooks/${h.discord.applicationId}/${next.token}`));
      expect((followUp.body as { content: string; flags: number }).content).toContain('DMs were switched off');
      expect((followUp.body as { flags: number }).flags).toBe(MessageFlags.Ephemeral);
      expect(await h.services.personalReminders.takeDmFailureNotice(uid)).toBe(false);
    });

    it('says so when there is nothing to switch off, for a server or for you', async () => {
      await h.services.guildReminders.off(DEFAULT_GUILD_ID).catch(() => undefined);
      const server = await h.discord.dispatchInteraction(chatInput('reminders', [opt.subcommand('off')], { permissions: ADMIN_PERMISSIONS }));
      expectEphemeral(server);
      expect(server.data?.content).toContain('was not found');
      const uid = (await me()).id;
      await h.services.personalReminders.off(uid);
      const mine = await h.discord.dispatchInteraction(chatInput('remind-me', [opt.subcommand('off')]));
      expectEphemeral(mine);
      expect(mine.data?.content).toBe('You had no reminder DMs set.');
      expect(await h.services.personalReminders.get(uid)).toBeUndefined();
    });

    it('still tells of the closed-DM failure when the next command itself fails', async () => {
      const uid = (await me()).id;
      await h.services.personalReminders.set(uid, { cadence: 'weekly', hoursBefore: 6 });
      await h.services.personalReminders.markDmFailed(uid);
      const cb = await h.discord.dispatchInteraction(chatInput('task', [opt.subcommand('done', { task: 'no-such-task' })]));
      expectEphemeral(cb);
      expect(cb.data?.content).toContain('was not found');
      expect(cb.data?.content).toContain('DMs were switched off');
      expect(await h.services.personalReminders.takeDmFailureNotice(uid)).toBe(false);
    });

    it('registers its command definitions with Discord through the deploy step', async () => {
      const r = await deployCommands({ ...h.botConfig, discord: { ...h.botConfig.discord, guildId: DEFAULT_GUILD_ID } }, h.commands);
      expect(r).toEqual({ count: 9, scope: `guild ${DEFAULT_GUILD_ID}` });
      const put = h.discord.requests.find((x) => x.method === 'PUT' && x.path === `/applications/${h.discord.applicationId}/guilds/${DEFAULT_GUILD_ID}/commands`)!;
      const reminders = (put.body as { name: string; default_member_permissions?: string }[]).find((c) => c.name === 'reminders');
      expect(reminders?.default_member_permissions).toBe('32'); // Manage Server
    });
  });

  describe('/apikey', () => {
    it('creates a key shown once that works on the HTTP API, lists it without the key, and revokes it', async () => {
      const created = await h.discord.dispatchInteraction(chatInput('apikey', [opt.subcommand('create', { name: 'overlay', scopes: 'tasks:read, tasks:write' })]));
      expectEphemeral(created);
      const key = /```\n(ffxt_[\w-]+)\n```/.exec(created.data!.content!)![1]!;
      const principal = await h.services.apiKeys.authenticate(key);
      expect(principal).toMatchObject({ userId: (await me()).id, scopes: ['tasks:read', 'tasks:write'] });
      const list = await h.discord.dispatchInteraction(chatInput('apikey', [opt.subcommand('list')]));
      const listed = JSON.stringify(list.data!.embeds);
      expect(listed).toContain('overlay');
      expect(listed).not.toContain(key);
      const choices = await h.discord.dispatchInteraction(autocomplete('apikey', [opt.subcommand('revoke', [opt.focused('key', 'over')])]));
      const keyId = choices.data!.choices![0]!.value as string;
      const revoked = await h.discord.dispatchInteraction(chatInput('apikey', [opt.subcommand('revoke', { key: keyId })]));
      expect(revoked.data?.content).toContain('Revoked');
      await expect(h.services.apiKeys.authenticate(key)).rejects.toMatchObject({ code: 'API_KEY_INVALID' });
      const bad = await h.discord.dispatchInteraction(chatInput('apikey', [opt.subcommand('create', { name: 'x', scopes: 'everything' })]));
      expect(bad.data?.content).toMatch(/scope/);
    });

    it('suggests scopes, including your characters', async () => {
      const cb = await h.discord.dispatchInteraction(autocomplete('apikey', [opt.subcommand('create', [opt.string('name', 'x'), opt.focused('scopes', 'tasks:read,char')])]));
      expect(cb.data?.choices?.map((c) => c.value)).toEqual(['tasks:read,characters:read', 'tasks:read,characters:write', 'tasks:read,character:12345678:read', 'tasks:read,character:12345678:write']);
    });

    it('completes a comma-separated list of reset events without repeating one', async () => {
      const cb = await h.discord.dispatchInteraction(
        autocomplete('reminders', [opt.subcommand('set', [opt.channel('channel', DEFAULT_CHANNEL_ID), opt.focused('events', 'jumbo-cactpot-eu, jumbo-cactpot-')])], { permissions: ADMIN_PERMISSIONS }),
      );
      expect(cb.data?.choices?.map((c) => c.value)).toEqual(['jumbo-cactpot-eu,jumbo-cactpot-na', 'jumbo-cactpot-eu,jumbo-cactpot-jp', 'jumbo-cactpot-eu,jumbo-cactpot-oc']);
    });
  });


  describe('unexpected failures', () => {
    it('are logged with the interaction id, answered privately, and do not stop the bot', async () => {
      const broken = await startBotHarness({ log: cap.log, transport });
      try {
        await broken.store.close(); // every service call now fails
        const cb = await broken.discord.dispatchInteraction(chatInput('tasks'));
        expectEphemeral(cb);
        expect(cb.data?.content).toContain('Something went wrong');
        expect(cap.lines.some((l) => l.interactionId === cb.interactionId && l.msg === 'Interaction failed')).toBe(true);
        if (transport === 'gateway') expect(broken.client.isReady()).toBe(true);
        const again = await broken.discord.dispatchInteraction(chatInput('tasks'));
        expect(again.data?.content).toContain('Something went wrong');
      } finally {
        await broken.stop();
      }
    });
  });

  describe('the scheduler sending through the bot client', () => {
    it('recognises a refused channel from discord.js’s own REST client', async () => {
      const { restSender, DeliveryError } = await import('../src/scheduler/sender.js');
      const sender = restSender(h.client.rest as never);
      h.discord.failNext({ method: 'POST', pathPrefix: '/channels/1100000000000000555/messages' }, { status: 403, body: { code: 50001, message: 'Missing Access' } });
      const err = await sender.postToChannel('1100000000000000555', { content: 'hi' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeliveryError);
      expect(err).toMatchObject({ kind: 'refused', status: 403 });
      await sender.postToChannel('1100000000000000555', { content: 'hi again' });
      expect(h.discord.messages.some((m) => m.content === 'hi again')).toBe(true);
    });
  });
});
