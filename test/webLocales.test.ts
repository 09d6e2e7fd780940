import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../src/i18n/translator.js';
import { expectAccessibleInBothSchemes } from './web/axe.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, openTab, type Browser } from './web/browser.js';
import { buildWebApp, startWebService, type WebService } from './web/webService.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PLAYER = { id: '1300000000000000444', username: 'yshtola', global_name: 'Y’shtola' };
const LANGS = ['en', 'ja', 'de', 'fr'] as const;
/** A language's chunk as the page requests it: assets/ja-<hash>.js. */
const CHUNK = /\/assets\/(en|ja|de|fr)-[\w-]+\.js$/;

/** A countdown in Japanese: "あと4 時間 5 分", "あと3 日 4 時間", "あと12 分 9 秒", "あと9 秒" (Intl's short units). */
const JA_COUNTDOWN = String.raw`あと\d+\s?(日|時間|分|秒)(\s?\d+\s?(時間|分|秒))?`;

if (!chromiumAvailable()) {
  console.warn(`\n!!! test/webLocales.test.ts: the browser tests are SKIPPED, no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH. !!!\n`);
  it.skip(`the web checklist in four languages — SKIPPED: Chromium not found at ${CHROMIUM_PATH}`, () => {});
} else {
  describe('the web checklist in the player’s language at /app/ in Chromium', () => {
    let web: { dir: string; remove(): Promise<void> };
    let svc: WebService;
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];
    /** Every language chunk the page asked for, in order. */
    const chunks: string[] = [];
    /** Every GET /presets and /resets, with its query. */
    const named: string[] = [];

    beforeAll(async () => {
      [web, browser] = await Promise.all([buildWebApp(), launchChromium(), mkdir(ARTIFACTS, { recursive: true })]);
      svc = await startWebService(web.dir);
      svc.discord.addOAuthUser(PLAYER);
      // Before the browser logs in: two presets, one of them renamed by the player.
      const s = svc.services;
      const me = await s.users.upsertFromDiscord({ discordId: PLAYER.id, username: PLAYER.username, globalName: PLAYER.global_name });
      const { added } = await s.tasks.addPresets(me.id, { keys: ['roulette-expert', 'wondrous-tails'] });
      await s.tasks.update(me.id, added.find((t) => t.presetKey === 'wondrous-tails')!.id, { name: 'WT for my alt' });

      page = await openTab(browser.context, pageErrors);
      page.on('request', (r) => {
        const url = new URL(r.url());
        const chunk = CHUNK.exec(url.pathname);
        if (chunk) chunks.push(chunk[1]!);
        if (url.pathname === '/presets' || url.pathname === '/resets') named.push(url.pathname + url.search);
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await svc?.stop();
      await web?.remove();
    });

    const checklist = () => page.locator('#checklist');
    const lang = () => page.evaluate<string>('document.documentElement.lang');
    const cadenceHeadings = () => checklist().getByRole('heading', { level: 3 }).allTextContents();
    /** The game's own name of a preset in a language, as the API gives it. */
    const presetIn = async (locale: string, key: string) =>
      ((await (await svc.api(`/presets?lang=${locale}`)).json()) as { key: string; name: string }[]).find((p) => p.key === key)!.name;

    it('builds one chunk per language, and the page itself holds none of their words', async () => {
      const assets = await readdir(join(web.dir, 'assets'));
      const scripts = assets.filter((f) => f.endsWith('.js'));
      expect(scripts.filter((f) => CHUNK.test(`/assets/${f}`)).map((f) => f.slice(0, 2)).sort()).toEqual(['de', 'en', 'fr', 'ja']);
      const main = scripts.filter((f) => !CHUNK.test(`/assets/${f}`));
      expect(main).toHaveLength(1);
      const initial = (await readFile(join(web.dir, 'assets', main[0]!), 'utf8')) + (await readFile(join(web.dir, 'index.html'), 'utf8'));
      for (const l of LANGS) {
        const own = await readFile(join(web.dir, 'assets', scripts.find((f) => f.startsWith(`${l}-`))!), 'utf8');
        for (const text of [CATALOGUES[l].web.login.heading, CATALOGUES[l].web.resets.heading, CATALOGUES[l].web.groups.none]) {
          expect([l, initial.includes(text)]).toEqual([l, false]);
          expect([l, own.includes(text)]).toEqual([l, true]);
          for (const other of LANGS.filter((o) => o !== l)) {
            const theirs = await readFile(join(web.dir, 'assets', scripts.find((f) => f.startsWith(`${other}-`))!), 'utf8');
            expect([l, other, theirs.includes(text)]).toEqual([l, other, false]);
          }
        }
      }
    });

    it('starts in English from the browser’s languages, fetching the English chunk alone', async () => {
      expect(await page.evaluate<string[]>('navigator.languages')).toEqual(['en-GB']); // the tests' Chromium (test/web/browser.ts)
      await page.goto(`${svc.base}/app/`);
      await page.getByRole('button', { name: 'Log in with Discord' }).click();
      await page.locator('#logout').waitFor();
      expect(await lang()).toBe('en');
      expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('en');
      expect(await page.locator('#language option').allTextContents()).toEqual(['English', '日本語', 'Deutsch', 'Français']);
      expect(await checklist().getByRole('checkbox', { name: 'Duty Roulette: Expert', exact: true }).isVisible()).toBe(true);
      expect(new Set(chunks)).toEqual(new Set(['en'])); // once per page load: the login screen, then back from Discord
      // The login screen's reset clock, then the checklist's game names and clock.
      expect(named).toEqual(['/resets?lang=en', '/presets?lang=en', '/resets?lang=en']);
    });

    it('switches to Japanese in place: headings, game names, countdowns and dates, keeping what was typed', async () => {
      await page.locator('#add-task-panel summary').click();
      await page.locator('#new-name').fill('Island Sanctuary');
      await page.locator('#presets-panel summary').click();
      await page.locator('#presets-panel').getByRole('checkbox', { name: /Duty Roulette: Leveling/ }).check();
      await page.evaluate('window.notReloaded = true');
      named.length = 0;

      await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
      await page.locator('html[lang="ja"]').waitFor();
      await page.getByRole('heading', { name: '次のリセット' }).waitFor();
      expect(await page.evaluate<boolean>('window.notReloaded')).toBe(true);
      expect(await page.getByRole('combobox', { name: '言語' }).inputValue()).toBe('ja');
      expect(named).toEqual(['/presets?lang=ja', '/resets?lang=ja']); // the game's names, asked for again in Japanese

      // The checklist: its hidden heading, a cadence with its progress and countdown, the local time in Japanese.
      expect(await page.locator('#checklist-h').textContent()).toBe('チェックリスト');
      expect(await cadenceHeadings()).toEqual([
        expect.stringMatching(new RegExp(String.raw`^デイリー0/1、1件中0件完了、リセットまで${JA_COUNTDOWN} · \d\d:\d\d \([月火水木金土日]\)$`)),
        expect.stringMatching(new RegExp(String.raw`^ウィークリー0/1、1件中0件完了、リセットまで${JA_COUNTDOWN} · \d\d:\d\d \([月火水木金土日]\)$`)),
      ]);
      const resets = (await (await svc.api('/resets?lang=ja')).json()) as { periods: { name: string }[] };
      expect(await page.locator('#resets li .name').first().textContent()).toBe(resets.periods[0]!.name);

      // A preset in the game's Japanese wording; one the player renamed keeps their name.
      const expert = await presetIn('ja', 'roulette-expert');
      expect(expert).toBe('コンテンツルーレット：エキスパート');
      await checklist().getByRole('checkbox', { name: expert, exact: true }).waitFor();
      expect(await checklist().getByRole('button', { name: `${expert}の操作` }).isVisible()).toBe(true); // its row menu, named in Japanese
      await checklist().getByRole('checkbox', { name: 'WT for my alt', exact: true }).waitFor();
      expect(await page.locator('#presets-panel legend').first().textContent()).toBe('コンテンツルーレット');
      // The preset picked before the switch is still picked, under its Japanese name.
      expect(await page.locator('#presets-panel').getByRole('checkbox', { name: new RegExp(await presetIn('ja', 'roulette-leveling')) }).isChecked()).toBe(true);

      // The draft is still there, in a form now in Japanese; a custom task keeps the name typed.
      expect(await page.locator('#add-task-panel').getAttribute('open')).not.toBeNull();
      expect(await page.locator('label[for="new-name"]').textContent()).toBe('名前');
      expect(await page.locator('#new-name').inputValue()).toBe('Island Sanctuary');
      await page.locator('#add-task-form').getByRole('button', { name: 'タスクを追加' }).click();
      await page.getByRole('alert').filter({ hasText: '「Island Sanctuary」を追加しました。' }).waitFor();
      await checklist().getByRole('checkbox', { name: 'Island Sanctuary', exact: true }).waitFor();
      expect((await cadenceHeadings())[0]).toMatch(/^デイリー0\/2、2件中0件完了、/);

      await page.screenshot({ path: `${ARTIFACTS}webLocales-ja-desktop.png`, fullPage: true });
      await expectAccessibleInBothSchemes(page, 'the checklist in Japanese');
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390); // no sideways scrolling
      await page.screenshot({ path: `${ARTIFACTS}webLocales-ja-phone.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('says what failed in Japanese around the API’s sentence, and rolls the tick back', async () => {
      const expert = await presetIn('ja', 'roulette-expert');
      await page.route('**/completion', (route) =>
        route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ code: 'NOT_FOUND', error: 'Task not found.' }) }),
      );
      await checklist().getByRole('checkbox', { name: expert, exact: true }).click();
      await page.getByRole('alert').filter({ hasText: `「${expert}」を完了にできませんでした：Task not found.` }).waitFor();
      expect(await checklist().getByRole('checkbox', { name: expert, exact: true }).isChecked()).toBe(false);
      expect(await page.getByRole('button', { name: 'メッセージを閉じる' }).isVisible()).toBe(true);
      await page.unroute('**/completion');

      await page.route('**/tasks/*/completion', (route) => route.abort('internetdisconnected'));
      await checklist().getByRole('checkbox', { name: expert, exact: true }).click();
      const banner = page.locator('#offline');
      await banner.getByText('トラッカーのサービスに接続できません。').waitFor();
      await page.unroute('**/tasks/*/completion');
      await banner.getByRole('button', { name: '再試行' }).click();
      await banner.waitFor({ state: 'hidden' });
    });

    it('stays in Japanese across a reload, fetching the Japanese chunk alone', async () => {
      chunks.length = 0;
      await page.reload();
      await page.getByRole('heading', { name: '次のリセット' }).waitFor();
      expect(await lang()).toBe('ja');
      expect(await page.evaluate<string | null>(`localStorage.getItem('ffxiv-tracker:language')`)).toBe('ja');
      expect(await page.getByRole('button', { name: 'ログアウト' }).isVisible()).toBe(true);
      expect(chunks).toEqual(['ja']);
    });

    it('switches to German: a heading and a cadence in German, one more chunk fetched', async () => {
      chunks.length = 0;
      await page.getByRole('combobox', { name: '言語' }).selectOption('de');
      await page.getByRole('heading', { name: 'Nächste Resets' }).waitFor();
      expect(await lang()).toBe('de');
      expect((await cadenceHeadings())[0]).toMatch(/^Täglich0\/2, 0 von 2 erledigt,Reset in \d+/);
      await checklist().getByRole('checkbox', { name: await presetIn('de', 'roulette-expert'), exact: true }).waitFor();
      expect(chunks).toEqual(['de']);
      await page.screenshot({ path: `${ARTIFACTS}webLocales-de-desktop.png`, fullPage: true });

      // The login screen follows the choice too.
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('button', { name: 'Mit Discord anmelden' }).waitFor();
      await page.getByRole('alert').filter({ hasText: 'Du bist abgemeldet.' }).waitFor();
    });

    it('defaults to the first of the browser’s languages it speaks when nothing was chosen', async () => {
      const tab = await browser.context.newPage();
      tab.on('pageerror', (e) => pageErrors.push(e.message));
      // As text: the tests' tsconfig has no DOM types. Spanish is not spoken here, so French it is.
      await tab.addInitScript(`
        localStorage.removeItem('ffxiv-tracker:language');
        Object.defineProperty(navigator, 'languages', { get: () => ['es-ES', 'fr-CA', 'en-GB'] });
      `);
      await tab.goto(`${svc.base}/app/`);
      await tab.getByRole('button', { name: 'Se connecter avec Discord' }).waitFor();
      expect(await tab.evaluate<string>('document.documentElement.lang')).toBe('fr');
      await tab.getByRole('combobox', { name: 'Langue' }).selectOption('en');
      await tab.getByRole('button', { name: 'Log in with Discord' }).waitFor();
      expect(await tab.evaluate<string>('document.documentElement.lang')).toBe('en');
      await tab.close();
      expect(pageErrors).toEqual([]);
    });
  });
}
