import { describe, expect, it } from 'vitest';
import { CATALOGUES, eventText, gameTerm, translator } from '../src/i18n/translator.js';
import { GAME_TERMS } from '../src/i18n/gameTerms.js';
import { fromAcceptLanguage, fromDiscordLocale, LOCALES } from '../src/i18n/locales.js';
import { RESET_EVENTS } from '../src/resets/cadences.js';

/** Every leaf of a catalogue as [dotted key, text]. */
function leaves(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`)));
}
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('the four catalogues', () => {
  const en = new Map(leaves(CATALOGUES.en));

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the English keys, the same placeholders, and no empty string', (locale) => {
    const other = new Map(leaves(CATALOGUES[locale]));
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of other) {
      expect([locale, key, text.trim().length > 0]).toEqual([locale, key, true]);
      expect([locale, key, placeholders(text)]).toEqual([locale, key, placeholders(en.get(key)!)]);
    }
  });

  it('has every plural form each language needs (Intl.PluralRules), for small counts', () => {
    const pluralBases = [...en.keys()].filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length));
    expect(pluralBases.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const keys = new Set(leaves(CATALOGUES[locale]).map(([k]) => k));
      const rules = new Intl.PluralRules(locale);
      for (const base of pluralBases) {
        for (const n of [0, 1, 2, 5, 21, 100]) expect(keys.has(`${base}_${rules.select(n)}`) || keys.has(`${base}_other`)).toBe(true);
      }
    }
  });

  it('gives plurals and game names their language', () => {
    expect(translator('fr')('reminder.more', { count: 1 })).toBe('…et 1 autre');
    expect(translator('fr')('reminder.more', { count: 3 })).toBe('…et 3 autres');
    expect(translator('ja')('reminder.more', { count: 3 })).toBe('…ほか3件');
    for (const locale of LOCALES) {
      expect(eventText('weekly-reset', locale).body).toContain(gameTerm('wondrous-tails', locale));
      expect(eventText('jumbo-cactpot-eu', locale).title).toContain(gameTerm('jumbo-cactpot', locale));
    }
    for (const event of RESET_EVENTS) for (const locale of LOCALES) expect(eventText(event, locale).title).not.toMatch(/\{\{|events\./);
  });
});

describe('game terms', () => {
  it('name every term in all four languages with the sheet and row they come from', () => {
    for (const [key, term] of Object.entries(GAME_TERMS)) {
      for (const locale of LOCALES) expect([key, locale, term[locale].trim().length > 0]).toEqual([key, locale, true]);
      expect([key, term.source]).toEqual([key, expect.stringMatching(/^\w+#\d+/)]);
    }
  });
});

describe('choosing the language', () => {
  it('follows Discord: Japanese, German, French, English otherwise', () => {
    expect(['ja', 'de', 'fr', 'en-US', 'en-GB', 'pt-BR', 'zh-CN', null].map(fromDiscordLocale)).toEqual(['ja', 'de', 'fr', 'en', 'en', 'en', 'en', 'en']);
  });

  it('follows Accept-Language by q-value, then order', () => {
    expect(fromAcceptLanguage('de-AT,de;q=0.9,en;q=0.8')).toBe('de');
    expect(fromAcceptLanguage('es-ES, fr;q=0.7, ja;q=0.9')).toBe('ja');
    expect(fromAcceptLanguage('es, it')).toBe('en');
    expect(fromAcceptLanguage('fr;q=0, ja;q=0.1')).toBe('ja');
    expect(fromAcceptLanguage(undefined)).toBe('en');
  });
});

describe('the API in four languages', () => {
  it('names presets and resets in the asked language, keys unchanged, saying so', async () => {
    const { startHttpHarness } = await import('./helpers/httpHarness.js');
    const h = await startHttpHarness();
    try {
      const ja = await h.api('/presets?lang=ja');
      expect(ja.headers.get('content-language')).toBe('ja');
      expect(ja.headers.get('vary')).toMatch(/Accept-Language/i);
      const jaList = (await ja.json()) as { key: string; name: string; category: string; categoryName: string }[];
      expect(jaList.find((p) => p.key === 'roulette-expert')!.name).toBe('コンテンツルーレット：エキスパート');
      expect(jaList.find((p) => p.key === 'roulette-expert')!.category).toBe('Duty Roulettes');
      expect(jaList.find((p) => p.key === 'roulette-expert')!.categoryName).toBe('コンテンツルーレット');
      const de = (await (await h.api('/presets', { headers: { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' } })).json()) as { key: string; name: string }[];
      expect(de.find((p) => p.key === 'wondrous-tails')!.name).toBe('Khloes Abenteueralbum');
      expect(de.map((p) => p.key)).toEqual(jaList.map((p) => p.key));
      const en = (await (await h.api('/presets')).json()) as { key: string; name: string }[];
      expect(en.find((p) => p.key === 'roulette-expert')!.name).toBe('Duty Roulette: Expert');

      const fr = await h.api('/resets', { headers: { 'accept-language': 'fr' } });
      expect(fr.headers.get('content-language')).toBe('fr');
      const body = (await fr.json()) as { periods: { cadence: string; name: string }[]; events: { event: string; name: string }[] };
      expect(body.periods.find((p) => p.cadence === 'daily')!.name).toBe('Réinitialisation quotidienne');
      expect(body.events.find((e) => e.event === 'jumbo-cactpot-eu')!.name).toBe('Tirage du Méga Cactpot (EU)');
      expect((await h.api('/presets?lang=es')).status).toBe(400);
    } finally {
      await h.stop();
    }
  });
});

describe('messages in the reader’s language', () => {
  it('announces in the server’s language and DMs in the language of the user’s last interaction', async () => {
    const { guildAnnouncement, personalReminderMessage, lostVerificationMessage } = await import('../src/scheduler/messages.js');
    expect(guildAnnouncement('weekly-reset', 0, 0, null, 'ja').content).toContain('クロの空想帳');
    expect(guildAnnouncement('weekly-reset', 0, 0, null, 'de').content).toContain('**Wöchentlicher Reset** — jetzt.');
    const task = { name: 'Wondrous Tails', presetKey: 'wondrous-tails' } as never;
    const own = { name: 'Farm Ixion', presetKey: null } as never;
    const renamed = { name: 'WT for Alt', presetKey: 'wondrous-tails' } as never;
    const dm = personalReminderMessage('weekly', 0, [task, own, renamed], 'fr').content!;
    expect(dm).toContain('Encore à faire');
    expect(dm).toContain('• Aventures imaginaires de Khloe');
    // A player's own names are never translated, nor a preset they renamed.
    expect(dm).toContain('• Farm Ixion');
    expect(dm).toContain('• WT for Alt');
    expect(lostVerificationMessage('Alyx', 'Odin', 'ja').content).toContain('所有を証明');
  });
});

describe('the bot remembers the languages', () => {
  it("stores the language of a user's last interaction, and a server's announcement language (chosen, else the server's own)", async () => {
    const { startBotHarness } = await import('./helpers/botHarness.js');
    const { ADMIN_PERMISSIONS, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, DEFAULT_USER, chatInput, opt } = await import('./fakeDiscord/index.js');
    const h = await startBotHarness();
    try {
      await h.discord.dispatchInteraction(chatInput('reset', [], { locale: 'ja' as never }));
      expect((await h.services.users.findByDiscordId(DEFAULT_USER.id))!.locale).toBe('ja');
      await h.discord.dispatchInteraction(chatInput('reset', [], { locale: 'en-GB' as never }));
      expect((await h.services.users.findByDiscordId(DEFAULT_USER.id))!.locale).toBe('en');

      const resolved = { channels: { [DEFAULT_CHANNEL_ID]: { id: DEFAULT_CHANNEL_ID, type: 0, name: 'general', permissions: '0' } } };
      const set = (extra: ReturnType<typeof opt.string>[]) =>
        h.discord.dispatchInteraction({
          ...chatInput('reminders', [opt.subcommand('set', [opt.channel('channel', DEFAULT_CHANNEL_ID), ...extra])], { resolved: resolved as never, permissions: ADMIN_PERMISSIONS }),
          guild_locale: 'fr',
        } as never);
      await set([]);
      expect((await h.services.guildReminders.get(DEFAULT_GUILD_ID))!.language).toBe('fr');
      await set([opt.string('language', 'de')]);
      expect((await h.services.guildReminders.get(DEFAULT_GUILD_ID))!.language).toBe('de');
    } finally {
      await h.stop();
    }
  });
});
