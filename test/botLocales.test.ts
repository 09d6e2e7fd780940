import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApplicationCommandOptionType,
  InteractionResponseType,
  type APIApplicationCommandOption,
  type APIEmbed,
  type Locale as DiscordLocale,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../src/bot/command.js';
import { DISCORD_LOCALES, STORED_REASONS } from '../src/bot/localizations.js';
import { loadCommands } from '../src/bot/registry.js';
import { boardEmbed, boardLanguage } from '../src/bot/views/boardView.js';
import { isDomainError, type DomainError } from '../src/errors.js';
import { presetDescription, presetName } from '../src/i18n/presetText.js';
import { fromDiscordLocale, type Locale } from '../src/i18n/locales.js';
import { gameTerm, translator } from '../src/i18n/translator.js';
import { REGIONS, RESET_EVENTS } from '../src/resets/cadences.js';
import { currentPeriod } from '../src/resets/resetEngine.js';
import {
  ADMIN_PERMISSIONS,
  DEFAULT_GUILD_ID,
  DEFAULT_USER,
  autocomplete,
  button,
  chatInput,
  opt,
  selectMenu,
  type RecordedCallback,
} from './fakeDiscord/index.js';
import { startFakeLodestone, type FakeLodestone } from './fakeLodestone/index.js';
import { startBotHarness, type BotHarness } from './helpers/botHarness.js';

/** Discord's locales under test and the language each reader must get. */
const READERS = [
  { discord: 'ja', locale: 'ja' },
  { discord: 'de', locale: 'de' },
  { discord: 'fr', locale: 'fr' },
  { discord: 'en-US', locale: 'en' },
] as const satisfies readonly { discord: `${DiscordLocale}`; locale: Locale }[];

const noSoftHyphens = (s: string) => s.replace(/\u00AD/g, '');
const OTHER = { id: '1100000000000000777', username: 'someone-else' };

// ───────────────────────────────────────────── command definitions

type Json = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Localized = { description?: string; description_localizations?: Record<string, string | null> | null };

/** Every command, subcommand, group and option of a command, with a path for messages. */
function nodesOf(cmd: Json): { path: string; node: Localized & { name: string; options?: APIApplicationCommandOption[] } }[] {
  const out: { path: string; node: Localized & { name: string; options?: APIApplicationCommandOption[] } }[] = [{ path: `/${cmd.name}`, node: cmd as never }];
  const walk = (options: readonly APIApplicationCommandOption[] | undefined, prefix: string) => {
    for (const o of options ?? []) {
      out.push({ path: `${prefix} ${o.name}`, node: o as never });
      if (o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup) walk(o.options, `${prefix} ${o.name}`);
    }
  };
  walk(cmd.options, `/${cmd.name}`);
  return out;
}

const choicesOf = (cmd: Json) =>
  nodesOf(cmd).flatMap(({ path, node }) =>
    ((node as { choices?: { name: string; name_localizations?: Record<string, string | null> | null; value: string | number }[] }).choices ?? []).map((c) => ({ path, choice: c })),
  );

/**
 * Discord's size limit of one command: names, descriptions and choice names and values, counting for each
 * field its longest text among the default and every localization.
 */
function discordSize(cmd: Json): number {
  const longest = (s: string | undefined, loc?: Record<string, string | null> | null) => Math.max(s?.length ?? 0, ...Object.values(loc ?? {}).map((v) => v?.length ?? 0));
  let total = 0;
  for (const { node } of nodesOf(cmd)) {
    const n = node as Localized & { name: string; name_localizations?: Record<string, string | null> | null };
    total += longest(n.name, n.name_localizations) + longest(n.description, n.description_localizations);
  }
  for (const { choice } of choicesOf(cmd)) total += longest(choice.name, choice.name_localizations) + String(choice.value).length;
  return total;
}

describe('command definitions', () => {
  let commands: Map<string, Command>;
  let json: Json[];
  beforeAll(async () => {
    commands = await loadCommands();
    json = [...commands.values()].map((c) => c.data.toJSON());
  });

  it('give every command, subcommand and option a description in Japanese, German and French, within Discord’s limits', () => {
    expect(json.length).toBe(9);
    for (const cmd of json) {
      for (const { path, node } of nodesOf(cmd)) {
        expect([path, node.description?.length ?? 0]).toEqual([path, expect.toSatisfy((n: number) => n >= 1 && n <= 100)]);
        for (const l of DISCORD_LOCALES) {
          const text = node.description_localizations?.[l] ?? '';
          expect([path, l, text.trim().length >= 1 && text.length <= 100]).toEqual([path, l, true]);
        }
      }
    }
  });

  it('name every choice in Japanese, German and French, within Discord’s limits', () => {
    const all = json.flatMap(choicesOf);
    expect(all.length).toBeGreaterThan(10);
    for (const { path, choice } of all) {
      expect([path, choice.value, choice.name.length >= 1 && choice.name.length <= 100]).toEqual([path, choice.value, true]);
      for (const l of DISCORD_LOCALES) {
        const text = choice.name_localizations?.[l] ?? '';
        expect([path, choice.value, l, text.trim().length >= 1 && text.length <= 100]).toEqual([path, choice.value, l, true]);
      }
    }
  });

  it('keep names as English slugs that pass Discord’s rules (none localized, so no clash in any language)', () => {
    for (const cmd of json) {
      for (const { path, node } of nodesOf(cmd)) {
        expect([path, node.name]).toEqual([path, expect.stringMatching(/^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u)]);
        expect(node.name).toBe(node.name.toLowerCase());
        expect((node as { name_localizations?: unknown }).name_localizations ?? null).toBeNull();
      }
      // Unique among siblings.
      const siblings = (opts: readonly APIApplicationCommandOption[] | undefined) => {
        const names = (opts ?? []).map((o) => o.name);
        expect(new Set(names).size).toBe(names.length);
        for (const o of opts ?? []) if ('options' in o) siblings(o.options as APIApplicationCommandOption[]);
      };
      siblings(cmd.options);
    }
  });

  it('keep each command under Discord’s 8,000 characters, counting the longest localization of every field', () => {
    const sizes = Object.fromEntries(json.map((c) => [c.name, discordSize(c)]));
    for (const [name, size] of Object.entries(sizes)) expect([name, size < 8000]).toEqual([name, true]);
    // The largest command, by a wide margin: a regression past half the limit deserves a look.
    expect(Math.max(...Object.values(sizes))).toBeLessThan(4000);
  });

  it('take the English description and choice names from the catalogue', () => {
    const en = translator('en');
    const task = json.find((c) => c.name === 'task')!;
    expect(task.description).toBe(en('bot.commands.task.description'));
    expect(task.description_localizations?.ja).toBe(translator('ja')('bot.commands.task.description'));
    const cadence = choicesOf(task).find((c) => c.choice.value === 'fashion-report')!.choice;
    expect(cadence.name).toBe(en('bot.choices.cadence.fashion-report'));
    // The game's own word for the Fashion Report in each language.
    expect(cadence.name_localizations?.de).toContain(gameTerm('fashion-report', 'de'));
    expect(cadence.name_localizations?.ja).toContain(gameTerm('fashion-report', 'ja'));
  });
});

// ───────────────────────────────────────────── replies in the reader's language

describe('replies follow interaction.locale', () => {
  let h: BotHarness;
  const me = () => h.services.users.findByDiscordId(DEFAULT_USER.id).then((u) => u!);
  const menusOf = (cb: RecordedCallback) =>
    ((cb.data?.components ?? []) as { components: { custom_id: string; placeholder?: string; options?: { label: string; value: string; description?: string }[] }[] }[]).flatMap(
      (row) => row.components,
    );
  const embedText = (e: APIEmbed) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].join('\n');

  beforeAll(async () => {
    h = await startBotHarness({ start: '2026-11-23T10:00:00Z' });
    // A preset added by a Japanese reader through the menu: stored by its key, never in a language.
    const added = await h.discord.dispatchInteraction(selectMenu('presets:add:roulettes:-', ['roulette-expert'], undefined, { locale: 'ja' as DiscordLocale }));
    const ja = translator('ja');
    expect(added.data?.content).toBe(`${ja('bot.presets.added', { names: `**${presetName('roulette-expert', 'ja')}**` })} ${ja('bot.presets.more')}`);
    const uid = (await me()).id;
    // The player's own task, and a preset they renamed: neither is ever translated.
    await h.services.tasks.create(uid, { name: 'Farm Ixion', cadence: 'weekly' });
    const { added: [wt] } = await h.services.tasks.addPresets(uid, { keys: ['wondrous-tails'] });
    await h.services.tasks.update(uid, wt!.id, { name: 'WT for Alt' });
  });
  afterAll(async () => h?.stop());

  it('stores the preset by its key, not by the Japanese reader’s words', async () => {
    const expert = (await h.services.tasks.list((await me()).id)).find((t) => t.presetKey === 'roulette-expert')!;
    expect(expert.name).toBe(presetName('roulette-expert', 'en'));
  });

  describe.each(READERS)('for a reader in $discord', ({ discord, locale }) => {
    const t = translator(locale);
    const ctx = { locale: discord as DiscordLocale };

    it('/reset names every reset in that language', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('reset', [], ctx));
      const embed = cb.data!.embeds![0]!;
      expect(embed.title).toBe(t('bot.reset.title'));
      expect(embed.fields!.map((f) => f.name)).toEqual([
        t('resets.daily'),
        t('resets.weekly'),
        gameTerm('grand-company', locale),
        gameTerm('fashion-report', locale),
        ...REGIONS.map((r) => t('resets.jumbo-cactpot', { region: r.toUpperCase() })),
      ]);
      expect(embed.fields![0]!.value).toMatch(/^<t:\d+:R> \(<t:\d+:f>\)$/);
      const fashion = currentPeriod({ cadence: 'fashion-report' }, h.clock.now());
      const judging = fashion.opensAt != null && h.clock.now() < fashion.opensAt ? 'bot.reset.judgingOpens' : 'bot.reset.judgingOpen';
      expect(embed.fields![3]!.value.startsWith(t(judging, { at: '' }))).toBe(true);
    });

    it('/tasks shows the Japanese-added preset in the reader’s language, the player’s own names untouched', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('tasks', [], ctx));
      const embed = cb.data!.embeds![0]!;
      const text = embedText(embed);
      expect(embed.title).toBe(t('bot.tasks.title'));
      expect(embed.description).toBe(t('bot.tasks.progress', { done: 0, total: 3 }));
      expect(embed.fields!.map((f) => f.name.split(' — ')[0])).toEqual([t('bot.tasks.groups.daily'), t('bot.tasks.groups.weekly')]);
      expect(embed.fields![0]!.name).toContain(t('bot.tasks.resets', { when: '<t:1795446000:R>' }));
      expect(text).toContain(`⬜ ${presetName('roulette-expert', locale)}`);
      for (const other of ['ja', 'de', 'fr', 'en'] as const) if (other !== locale) expect(text).not.toContain(presetName('roulette-expert', other));
      expect(text).toContain('⬜ Farm Ixion');
      expect(text).toContain('⬜ WT for Alt');
      const labels = menusOf(cb).map((b) => (b as { label?: string }).label);
      expect(labels).toEqual(expect.arrayContaining([presetName('roulette-expert', locale), 'Farm Ixion', 'WT for Alt']));
    });

    it('a button press redraws /tasks in the language of whoever pressed it', async () => {
      const expert = (await h.services.tasks.list((await me()).id)).find((x) => x.presetKey === 'roulette-expert')!;
      const cb = await h.discord.dispatchInteraction(button(`tasks:toggle:${expert.id}:-`, undefined, ctx));
      expect(cb.type).toBe(InteractionResponseType.UpdateMessage);
      expect(cb.data!.embeds![0]!.description).toBe(t('bot.tasks.progress', { done: 1, total: 3 }));
      expect(JSON.stringify(cb.data!.embeds)).toContain(`~~${presetName('roulette-expert', locale)}~~`);
      await h.services.tasks.toggle((await me()).id, expert.id);
    });

    it('/presets labels its menus and every preset in that language; the values stay the keys', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('presets', [], ctx));
      expect(cb.data?.content).toBe(t('bot.presets.pick'));
      const menus = menusOf(cb);
      expect(menus.map((m) => m.placeholder)).toEqual(['roulettes', 'daily', 'saucer', 'weekly'].map((m) => `${t(`bot.presets.menus.${m as 'daily'}`)}…`));
      for (const option of menus.flatMap((m) => m.options ?? [])) {
        expect(option.label).toBe(noSoftHyphens(presetName(option.value, locale)));
        expect(option.description).toBe(noSoftHyphens(presetDescription(option.value, locale)).slice(0, 100));
      }
      const weekly = menus.find((m) => m.custom_id.startsWith('presets:add:weekly'))!;
      expect(weekly.options!.find((o) => o.value === 'wondrous-tails')!.label).toBe(gameTerm('wondrous-tails', locale));
    });

    it('/task done of an unknown task answers in that language', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('task', [opt.subcommand('done', { task: 'no-such-task' })], ctx));
      expect(cb.data?.content).toBe(`🔍 ${t('errors.notFound.task')}`);
    });

    it('/task add refuses a cooldown without hours in that language', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('task', [opt.subcommand('add', { name: 'Map', cadence: 'cooldown' })], ctx));
      expect(cb.data?.content).toBe(`✏️ ${t('errors.validation.cooldownNeedsHours')}`);
    });

    it('/task add answers in that language, the new task named as typed', async () => {
      const cb = await h.discord.dispatchInteraction(chatInput('task', [opt.subcommand('add', { name: `Once ${locale}`, cadence: 'once' })], ctx));
      expect(cb.data?.content).toBe(t('bot.task.added', { status: t('bot.task.open', { name: `Once ${locale}` }) }));
      const created = (await h.services.tasks.list((await me()).id)).find((x) => x.name === `Once ${locale}`)!;
      await h.services.tasks.remove((await me()).id, created.id);
    });

    it('autocompletes tasks with presets in that language and the player’s names as written', async () => {
      const cb = await h.discord.dispatchInteraction(autocomplete('task', [opt.subcommand('done', [opt.focused('task', '')])], ctx));
      const names = cb.data?.choices?.map((c) => c.name);
      expect(names).toEqual(expect.arrayContaining([`⬜ ${presetName('roulette-expert', locale)}`, '⬜ Farm Ixion', '⬜ WT for Alt']));
      // Typing the reader's own word for it finds it.
      const word = presetName('roulette-expert', locale).slice(-4);
      const typed = await h.discord.dispatchInteraction(autocomplete('task', [opt.subcommand('done', [opt.focused('task', word)])], ctx));
      expect(typed.data?.choices?.map((c) => c.name)).toContain(`⬜ ${presetName('roulette-expert', locale)}`);
    });

    it('/reminders set names its events and the announcements’ language for the reader', async () => {
      const resolved = { channels: { '1100000000000000101': { id: '1100000000000000101', type: 0, name: 'general', permissions: '0' } } };
      const cb = await h.discord.dispatchInteraction(
        chatInput('reminders', [opt.subcommand('set', [opt.channel('channel', '1100000000000000101'), opt.string('events', 'weekly-reset'), opt.string('language', 'de')])], {
          ...ctx,
          resolved: resolved as never,
          permissions: ADMIN_PERMISSIONS,
        }),
      );
      const content = cb.data!.content!;
      expect(content.split('\n')[0]).toBe(t('bot.reminders.saved'));
      expect(content).toContain(t('bot.reminders.header', { channel: '1100000000000000101', lead: t('bot.reminders.leadAt') }));
      expect(content).toContain(t('bot.reminders.line', { title: t('events.weekly-reset.title'), when: '' }).trimEnd());
      expect(content).toContain(t('bot.reminders.language', { language: t('bot.choices.language.de') }));
      const bad = await h.discord.dispatchInteraction(
        chatInput('reminders', [opt.subcommand('set', [opt.channel('channel', '1100000000000000101'), opt.string('events', 'lunch')])], {
          ...ctx,
          resolved: resolved as never,
          permissions: ADMIN_PERMISSIONS,
        }),
      );
      expect(bad.data?.content).toBe(`✏️ ${t('errors.validation.unknownEvent', { event: 'lunch', events: RESET_EVENTS.join(', ') })}`);
      await h.services.guildReminders.off(DEFAULT_GUILD_ID);
      const refused = await h.discord.dispatchInteraction(chatInput('reminders', [opt.subcommand('off')], ctx));
      expect(refused.data?.content).toBe(t('bot.reminders.needPermission'));
    });

    it('group boards: /group show, /group who and a permission refusal in that language', async () => {
      const uid = (await me()).id;
      const other = await h.services.users.upsertFromDiscord({ discordId: OTHER.id, username: OTHER.username });
      const name = `Static-${locale}`;
      const group = await h.services.groups.create({ userId: other.id, canManageServer: true, roleIds: [] }, { guildId: DEFAULT_GUILD_ID, name, presets: ['roulette-expert', 'wondrous-tails'] });
      await h.services.characters.link(uid, { lodestoneId: '70000009', name: 'Alyx Bergen', world: 'Cerberus', datacenter: 'Chaos', region: 'eu' }).catch(() => undefined);
      const joined = await h.discord.dispatchInteraction(chatInput('group', [opt.subcommand('join', { name })], ctx));
      expect(joined.data?.content?.split('\n')[0]).toBe(t('bot.group.joined', { name }));

      const show = await h.discord.dispatchInteraction(chatInput('group', [opt.subcommand('show', { name })], ctx));
      const embed = show.data!.embeds![0]!;
      expect(embed.footer?.text).toBe(t('bot.group.board.footer', { count: 1 }));
      expect(embed.description).toContain(presetName('roulette-expert', locale));
      expect(embed.description).toContain(noSoftHyphens(presetName('wondrous-tails', locale)));

      const who = await h.discord.dispatchInteraction(chatInput('group', [opt.subcommand('who', { name, task: 'wondrous-tails' })], ctx));
      const row = '**Alyx Bergen** (Cerberus)';
      const state = (await h.services.groups.boardOf(group.id)).rows[0]!.cells[1]!.state;
      const preset = presetName('wondrous-tails', locale);
      expect(who.data?.content).toContain(
        state === 'open'
          ? t('bot.group.who.stillOpen', { preset, names: row })
          : state === 'not-tracked'
            ? t('bot.group.who.notTracking', { names: row })
            : t('bot.group.who.everyoneDone', { group: name, preset }),
      );

      const tracked = await h.discord.dispatchInteraction(autocomplete('group', [opt.subcommand('who', [opt.string('name', name), opt.focused('task', '')])], ctx));
      expect(tracked.data?.choices).toEqual([
        { name: presetName('roulette-expert', locale), value: 'roulette-expert' },
        { name: noSoftHyphens(presetName('wondrous-tails', locale)), value: 'wondrous-tails' },
      ]);

      const refused = await h.discord.dispatchInteraction(chatInput('group', [opt.subcommand('delete', { name })], ctx));
      expect(refused.data?.content).toBe(`⛔ ${t('errors.forbidden.ownerOnly')}`);
      const missing = await h.discord.dispatchInteraction(chatInput('group', [opt.subcommand('show', { name: 'Nope' })], ctx));
      expect(missing.data?.content).toBe(`🔍 ${t('errors.notFound.groupNamed', { name: 'Nope' })}`);
      await h.services.groups.delete({ userId: other.id, canManageServer: true, roleIds: [] }, group.id);
      // Linked for the board only: /reset offers Jumbo Cactpot for every region again.
      await h.services.characters.unlink(uid, '70000009');
    });

    it('the router’s own words: an unknown command, and the closed-DM notice', async () => {
      const unknown = await h.discord.dispatchInteraction(chatInput('no-such-command', [], ctx));
      expect(unknown.data?.content).toBe(t('bot.router.unknownCommand'));

      const uid = (await me()).id;
      await h.services.personalReminders.set(uid, { cadence: 'weekly', hoursBefore: 6 });
      await h.services.personalReminders.markDmFailed(uid);
      const next = await h.discord.dispatchInteraction(chatInput('reset', [], ctx));
      const followUp = await h.discord.waitForRequest((r) => r.method === 'POST' && r.path.startsWith(`/webhooks/${h.discord.applicationId}/${next.token}`));
      expect((followUp.body as { content: string }).content).toBe(t('bot.router.dmFailed'));
      await h.services.personalReminders.off(uid);
    });
  });

  it('posts a board in the server’s announcement language, else English; /group show uses the reader’s', async () => {
    const other = await h.services.users.upsertFromDiscord({ discordId: OTHER.id, username: OTHER.username });
    const group = await h.services.groups.create({ userId: other.id, canManageServer: true, roleIds: [] }, { guildId: DEFAULT_GUILD_ID, name: 'Posted', presets: ['wondrous-tails'] });
    expect(await boardLanguage(h.services.guildReminders, DEFAULT_GUILD_ID)).toBe('en');
    await h.services.guildReminders.set(DEFAULT_GUILD_ID, { channelId: '1100000000000000101', language: 'fr' }, null);
    expect(await boardLanguage(h.services.guildReminders, DEFAULT_GUILD_ID)).toBe('fr');
    const board = await h.services.groups.boardOf(group.id);
    expect(boardEmbed(board, 'fr').description).toContain(translator('fr')('bot.group.board.nobody'));
    expect(boardEmbed(board).description).toContain(translator('en')('bot.group.board.nobody'));
    await h.services.guildReminders.off(DEFAULT_GUILD_ID);
  });
});

// ───────────────────────────────────────────── the Lodestone's outcomes

describe('Lodestone outcomes in the reader’s language', () => {
  let lodestone: FakeLodestone;
  let h: BotHarness;
  beforeAll(async () => {
    lodestone = await startFakeLodestone({
      characters: [
        { id: '92000001', name: 'Twin Star', world: 'Odin', datacenter: 'Light' },
        { id: '92000002', name: 'Twin Star', world: 'Odin', datacenter: 'Light' },
        { id: '92000003', name: 'Solo Hero', world: 'Ragnarok', datacenter: 'Chaos' },
      ],
    });
    h = await startBotHarness({ env: { LODESTONE_URL: lodestone.baseUrl, LODESTONE_MIN_GAP_MS: '0', LODESTONE_TIMEOUT_MS: '1000', LODESTONE_USER_CALLS_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await h?.stop();
    await lodestone?.close();
  });

  const finalReply = async (cb: RecordedCallback) => {
    expect(cb.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const edit = await h.discord.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${h.discord.applicationId}/${cb.token}/messages/@original`);
    return edit.body as { content?: string; embeds?: APIEmbed[] };
  };

  it.each(READERS.map((r, i) => ({ ...r, i })))('maintenance, an ambiguous name, a missing id, a link and a verification prompt, for $discord', async ({ discord, locale, i }) => {
    const t = translator(locale);
    const ctx = { locale: discord as DiscordLocale };
    // Ids never read before: the client caches the profiles it read.
    lodestone.setMaintenance(true);
    const down = await finalReply(await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { lodestone: `9300000${i}` })], ctx)));
    lodestone.setMaintenance(false);
    expect(down.content).toBe(`🛠️ ${t('errors.lodestone.maintenance')}`);

    const twins = await finalReply(await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { name: 'twin star', world: 'Odin' })], ctx)));
    expect(twins.content).toMatch(/^👥 /);
    const [before, after] = t('errors.lodestone.ambiguous', { n: 2, name: 'twin star', world: 'Odin', summary: '\u0000' }).split('\u0000');
    expect(twins.content).toContain(before);
    expect(twins.content).toContain(after);

    const missing = await finalReply(await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { lodestone: `9400000${i}` })], ctx)));
    expect(missing.content).toBe(`🔍 ${t('errors.lodestone.noSuchId')}`);

    const bad = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { lodestone: 'https://evil.example/x' })], ctx));
    expect(bad.data?.content).toBe(`✏️ ${t('errors.validation.lodestoneInput')}`);

    const linked = await finalReply(await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { lodestone: '92000003' })], ctx)));
    expect(linked.content).toBe(t('bot.character.linked'));
    expect(linked.embeds![0]!.title).toBe(t('bot.character.embed.title', { heading: t('bot.character.embed.linked'), name: 'Solo Hero' }));
    expect(linked.embeds![0]!.fields!.map((f) => f.name)).toEqual([t('bot.character.embed.world'), t('bot.character.embed.lodestone'), t('bot.character.embed.ownership')]);

    const again = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('link', { lodestone: '92000003' })], ctx));
    const conflict = again.type === InteractionResponseType.DeferredChannelMessageWithSource ? await finalReply(again) : again.data!;
    expect(conflict.content).toBe(`⚠️ ${t('errors.conflict.characterLinked', { lodestoneId: '92000003' })}`);

    const prompt = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('verify', { character: '92000003' })], ctx));
    expect(prompt.data!.embeds![0]!.title).toBe(t('bot.character.verify.title', { name: 'Solo Hero' }));
    const check = (prompt.data!.components as { components: { label: string; custom_id: string }[] }[])[0]!.components[0]!;
    expect(check.label).toBe(t('bot.character.verify.button'));
    const early = await finalReply(await h.discord.dispatchInteraction(button(check.custom_id, undefined, ctx)));
    expect(early.content).toMatch(/^🔎 /);

    const list = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('list')], ctx));
    expect(list.data!.embeds![0]!.title).toBe(t('bot.character.listTitle'));
    expect(list.data!.embeds![0]!.description).toContain(t('bot.character.notVerified'));

    const unlinked = await h.discord.dispatchInteraction(chatInput('character', [opt.subcommand('unlink', { character: '92000003' })], ctx));
    expect(unlinked.data?.content).toBe(t('bot.character.unlinked', { name: 'Solo Hero' }));
  });
});

// ───────────────────────────────────────────── the English catalogue says what the services say

describe('keyed refusals', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ start: '2026-11-23T10:00:00Z' });
  });
  afterAll(async () => h?.stop());

  const refusal = async (p: Promise<unknown>): Promise<DomainError> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!isDomainError(err)) throw new Error(`expected a DomainError, got ${String(err)}`);
    return err;
  };

  it('carry a catalogue key whose English is the service’s own sentence, and which every language says', async () => {
    const s = h.services;
    const u = await s.users.upsertFromDiscord({ discordId: DEFAULT_USER.id, username: DEFAULT_USER.username });
    await s.characters.link(u.id, { lodestoneId: '70000001', name: 'Alyx Bergen', world: 'Cerberus', datacenter: 'Chaos', region: 'eu' });
    const owner = { userId: u.id, canManageServer: true, roleIds: [] };
    const group = await s.groups.create(owner, { guildId: DEFAULT_GUILD_ID, name: 'Keyed', presets: ['wondrous-tails'] });
    const errors = await Promise.all([
      refusal(s.tasks.complete(u.id, 'no-such-task')),
      refusal(s.tasks.create(u.id, { name: 'Map', cadence: 'cooldown' })),
      refusal(s.tasks.create(u.id, { name: 'Map', cadence: 'daily', intervalHours: 3 })),
      refusal(s.tasks.create(u.id, { name: 'Jumbo', cadence: 'jumbo-cactpot' })),
      refusal(s.tasks.addPresets(u.id, { keys: ['jumbo-cactpot'] })),
      refusal(s.tasks.addPresets(u.id, { keys: ['no-such-preset'] })),
      refusal(s.tasks.get(u.id, 'x').then(() => undefined)),
      refusal(s.personalReminders.set(u.id, { cadence: 'daily', hoursBefore: 30 })),
      refusal(s.guildReminders.off('1100000000000000999')),
      refusal(s.characters.link(u.id, { lodestoneId: '70000001', name: 'Alyx Bergen', world: 'Cerberus', datacenter: 'Chaos', region: 'eu' })),
      refusal(s.groups.byName(DEFAULT_GUILD_ID, 'Nope')),
      refusal(s.groups.create(owner, { guildId: DEFAULT_GUILD_ID, name: 'keyed', presets: ['wondrous-tails'] })),
      refusal(s.groups.delete({ userId: 'someone', canManageServer: false, roleIds: [] }, group.id)),
      refusal(s.groups.postBoard({ userId: 'someone', canManageServer: false, roleIds: [] }, group.id, '1100000000000000101')),
      refusal(s.groups.setCreatorRole({ userId: u.id, canManageServer: false, roleIds: [] }, DEFAULT_GUILD_ID, null)),
      refusal(s.verification.start(u.id, '70000001')),
      refusal(s.apiKeys.revoke(u.id, 'no-such-key')),
    ]);
    const taskId = (await s.tasks.create(u.id, { name: 'Edit me', cadence: 'daily' })).id;
    errors.push(await refusal(s.tasks.update(u.id, taskId, {})));
    for (const err of errors) {
      expect([err.message, err.i18n?.key]).toEqual([err.message, expect.stringMatching(/^errors\./)]);
      expect(translator('en')(err.i18n!.key, err.i18n!.values)).toBe(err.message);
      for (const l of ['ja', 'de', 'fr'] as const) {
        const text = translator(l)(err.i18n!.key, err.i18n!.values);
        expect([err.i18n!.key, l, text]).not.toEqual([err.i18n!.key, l, err.message]);
        expect(text).not.toMatch(/\{\{|errors\./);
      }
    }
  });

  it('reasons the scheduler stores in English are the catalogue’s English, and the scheduler still writes them', () => {
    const dir = join(import.meta.dirname, '../src/scheduler');
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    for (const [sentence, key] of Object.entries(STORED_REASONS)) {
      expect(translator('en')(key)).toBe(sentence);
      expect(sources).toContain(sentence);
      for (const l of ['ja', 'de', 'fr'] as const) expect(translator(l)(key)).not.toBe(sentence);
    }
  });

  it('fromDiscordLocale gives each tested Discord locale its language', () => {
    expect(READERS.map((r) => fromDiscordLocale(r.discord))).toEqual(READERS.map((r) => r.locale));
  });
});
