import { REST } from '@discordjs/rest';
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResetScheduler } from '../src/scheduler/resetScheduler.js';
import { restSender } from '../src/scheduler/sender.js';
import { SendBudget } from '../src/outbox/sendBudget.js';
import { DEFAULT_USER, autocomplete, button, chatInput, opt, type RecordedCallback } from './fakeDiscord/index.js';
import { startFakeLodestone, type FakeCharacter, type FakeLodestone } from './fakeLodestone/index.js';
import { startBotHarness, TRANSPORTS, type BotHarness } from './helpers/botHarness.js';
import { silentLog } from './helpers/testStore.js';

const HERO: FakeCharacter = { id: '91000001', name: 'Bot Hero', world: 'Ragnarok', datacenter: 'Chaos', title: 'The Hero', bio: 'Hello' };
const TWIN_A: FakeCharacter = { id: '91000002', name: 'Twin Star', world: 'Odin', datacenter: 'Light' };
const TWIN_B: FakeCharacter = { id: '91000003', name: 'Twin Star', world: 'Odin', datacenter: 'Light' };
const RIVAL = { id: '1100000000000000888', username: 'rival' };

let lodestone: FakeLodestone;
let h: BotHarness;

/** The deferred reply's edit: what the player finally sees. */
async function finalReply(cb: RecordedCallback) {
  expect(cb.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
  expect((cb.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  const edit = await h.discord.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${h.discord.applicationId}/${cb.token}/messages/@original`);
  return edit.body as { content?: string; embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[]; thumbnail?: { url: string } }[] };
}

describe.each(TRANSPORTS)('over the %s transport', (transport) => {
  beforeAll(async () => {
    lodestone = await startFakeLodestone({ characters: [HERO, TWIN_A, TWIN_B] });
    h = await startBotHarness({
      transport,
      env: { LODESTONE_URL: lodestone.baseUrl, LODESTONE_MIN_GAP_MS: '0', LODESTONE_TIMEOUT_MS: '1000', LODESTONE_USER_CALLS_PER_MINUTE: '1000' },
    });
  });
  afterAll(async () => {
    await h?.stop();
    await lodestone?.close();
  });

  describe('/character with the Lodestone', () => {
    it('links by profile URL, deferring while the Lodestone answers, and shows what it read', async () => {
      lodestone.setDelay(300);
      const cb = await h.discord.dispatchInteraction(
        chatInput('character', [opt.subcommand('link', { lodestone: `https://jp.finalfantasyxiv.com/lodestone/character/${HERO.id}/` })]),
      );
      const reply = await finalReply(cb);
      lodestone.setDelay(0);
      const embed = reply.embeds![0]!;
      expect(embed.title).toBe('Linked: Bot Hero');
      expect(embed.description).toContain('The Hero');
      expect(embed.fields).toEqual(expect.arrayContaining([{ name: 'World', value: 'Ragnarok [Chaos] · EU', inline: true }]));
      expect(embed.thumbnail?.url).toBe(lodestone.avatarUrl(HERO.id));
      expect(reply.content).toContain('/character verify');
    });

    it('answers an ambiguous name + world with the matches and links nothing', async () => {
      const before = await h.store.db.selectFrom('characters').selectAll().execute();
      const cb = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { name: 'twin star', world: 'Odin' })]));
      const reply = await finalReply(cb);
      expect(reply.content).toContain('2 characters named');
      expect(reply.content).toContain(TWIN_A.id);
      expect(reply.content).toContain(TWIN_B.id);
      expect(reply.content).toContain('profile URL');
      expect(await h.store.db.selectFrom('characters').selectAll().execute()).toEqual(before);
    });

    it('says clearly when the Lodestone is down, and links nothing', async () => {
      lodestone.setMaintenance(true);
      const cb = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { lodestone: TWIN_A.id })]));
      const reply = await finalReply(cb);
      lodestone.setMaintenance(false);
      expect(reply.content).toMatch(/maintenance/);
      expect((await h.services.characters.list((await me()).id)).map((c) => c.lodestoneId)).toEqual([HERO.id]);
    });

    it('refuses something that is neither an id nor a Lodestone URL at once', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { lodestone: 'https://evil.example/lodestone/character/1/' })]));
      expect(cb.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(cb.data?.content).toMatch(/neither a Lodestone id nor a profile URL/);
    });

    it('verifies with a code and a Check now button, then marks the character everywhere', async () => {
      const uid = (await me()).id;
      const heroId = (await h.services.characters.get(uid, HERO.id)).id;
      const cb = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('verify', { character: heroId })]));
      expect(cb.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      const text = cb.data!.embeds![0]!.description!;
      const code = /XIVT-[A-Z2-9]{8}/.exec(text)![0];
      const customId = (cb.data!.components as { components: { custom_id: string }[] }[])[0]!.components[0]!.custom_id;
      expect(customId).toBe(`character:verify-check:${HERO.id}`);

      // Not pasted yet: the check says what the profile shows.
      const early = await h.discord.dispatchInteraction(button(customId));
      expect((await finalReply(early)).content).toContain('does not contain');

      lodestone.upsertCharacter({ ...HERO, bio: `Hello ${code}` });
      const ok = await h.discord.dispatchInteraction(button(customId));
      expect((await finalReply(ok)).content).toContain('Verified');

      const list = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('list')]));
      expect(list.data!.embeds![0]!.description).toContain('Bot Hero (Ragnarok) ☑️');
      const tasks = await h.discord.dispatchInteraction(chatInput('tasks', [opt.string('character', heroId)]));
      expect(tasks.data!.embeds![0]!.title).toBe('Tasks — Bot Hero (Ragnarok) ☑️');
      const suggested = await h.discord.dispatchInteraction(autocomplete('tasks', [opt.focused('character', 'bot')]));
      expect(suggested.data?.choices).toEqual([{ name: 'Bot Hero (Ragnarok) ☑️', value: heroId }]);
    });

    it('moves the verification to a rival who proves it, and the first owner gets one DM', async () => {
      const link = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { lodestone: HERO.id })], { user: RIVAL }));
      await finalReply(link);
      const rival = (await h.services.users.findByDiscordId(RIVAL.id))!;
      const v = await h.services.verification.start(rival.id, HERO.id);
      lodestone.upsertCharacter({ ...HERO, bio: v.code });
      const check = await h.discord.dispatchInteraction(button(`character:verify-check:${HERO.id}`, undefined, { user: RIVAL }));
      expect((await finalReply(check)).content).toContain('Verified');

      const rest = new REST({ api: h.discord.apiUrl, retries: 0 }).setToken(h.discord.botToken);
      const scheduler = (id: string) =>
        new ResetScheduler({
          db: h.store.db,
          clock: h.clock.now,
          log: silentLog,
          guildReminders: h.services.guildReminders,
          personalReminders: h.services.personalReminders,
          tasks: h.services.tasks,
          verification: h.services.verification,
          auth: h.services,
          sender: restSender(rest, new SendBudget(h.store.db, 50)),
          budget: new SendBudget(h.store.db, 50),
          instanceId: id,
        });
      const [one, two] = await Promise.all([scheduler('p1').tick(), scheduler('p2').tick()]);
      expect(one.lossNotices + two.lossNotices).toBe(1);
      const dm = h.discord.messages.find((m) => m.content?.includes('Another Discord account proved'));
      expect(dm?.content).toContain('Bot Hero');
      const dmChannel = h.discord.requests.find((r) => r.method === 'POST' && r.path === '/users/@me/channels');
      expect((dmChannel?.body as { recipient_id: string }).recipient_id).toBe(DEFAULT_USER.id);
      expect((await scheduler('p3').tick()).lossNotices).toBe(0);

      const list = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('list')]));
      expect(list.data!.embeds![0]!.description).toContain('verification moved to another account');
    });

    it('refreshes after a rename, deferring the reply', async () => {
      const uid = (await me()).id;
      const heroId = (await h.services.characters.get(uid, HERO.id)).id;
      lodestone.upsertCharacter({ ...HERO, name: 'Bot Heroine', world: 'Gilgamesh', datacenter: 'Aether' });
      const cb = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('refresh', { character: heroId })]));
      const reply = await finalReply(cb);
      expect(reply.embeds![0]!.title).toBe('Refreshed: Bot Heroine');
      expect(reply.embeds![0]!.fields).toEqual(expect.arrayContaining([{ name: 'World', value: 'Gilgamesh [Aether] · NA', inline: true }]));
    });
  });
});

const me = () => h.services.users.findByDiscordId(DEFAULT_USER.id).then((u) => u!);
