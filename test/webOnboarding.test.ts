import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followOnboarding, startOnboarding } from '../src/web/onboarding.js';
import { regionOfTimeZone } from '../src/web/timeZoneRegion.js';
import type { Character, Task } from '../src/web/types.js';
import { startFakeLodestone, type FakeCharacter, type FakeLodestone } from './fakeLodestone/index.js';
import { expectAccessibleInBothSchemes } from './web/axe.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, openTab, type Browser } from './web/browser.js';
import { buildWebApp, startWebService, type WebService } from './web/webService.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

const ALYX: FakeCharacter = { id: '11111111', name: 'Alyx Bergen', world: 'Cerberus', datacenter: 'Chaos' };
const URIANGER: FakeCharacter = { id: '55555555', name: 'Urianger Augurelt', world: 'Omega', datacenter: 'Chaos' };

const NEWCOMER = { id: '1300000000000000901', username: 'newcomer', global_name: 'Newcomer' };
const SKIPPER = { id: '1300000000000000902', username: 'skipper', global_name: 'Skipper' };
const THUMBS = { id: '1300000000000000903', username: 'thumbs', global_name: 'Thumbs' };
const BY_HAND = { id: '1300000000000000904', username: 'byhand', global_name: 'By Hand' };

/** The presets ticked for a character before the player touches anything, in the catalogue's order. */
const DEFAULTS = ['Duty Roulette: Leveling', 'Duty Roulette: Main Scenario', 'Jumbo Cactpot tickets', 'Fashion Report', 'Wondrous Tails', 'Custom Deliveries'];

/** What a page tells the tests, read as text: the tests' tsconfig has no DOM types. */
const focusedId = (p: Page) => p.evaluate<string>('document.activeElement?.id ?? ""');
const focusedText = (p: Page) => p.evaluate<string>('document.activeElement?.textContent ?? ""');
const scrollWidth = (p: Page) => p.evaluate<number>('document.documentElement.scrollWidth');
/** Whether an element lies wholly inside the window. */
const inView = (l: Locator) => l.evaluate((el) => {
  const r = (el as unknown as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect();
  return r.top >= 0 && r.bottom <= (globalThis as unknown as { innerHeight: number }).innerHeight;
});


describe('the first visit’s rules', () => {
  const task = { id: 't1' } as Task;
  const alyx = { id: 'c1' } as Character;
  const thancred = { id: 'c2' } as Character;

  it('leads only an account with nothing, and moves on with what the account gains, from any form', () => {
    expect(startOnboarding([], [])).toEqual({ step: 'character' });
    expect(startOnboarding([task], [])).toBeNull();
    expect(startOnboarding([], [alyx])).toBeNull();
    expect(followOnboarding({ step: 'character' }, [], [alyx])).toEqual({ step: 'presets', characterId: 'c1' });
    expect(followOnboarding({ step: 'presets', characterId: 'c1' }, [], [alyx, thancred])).toEqual({ step: 'presets', characterId: 'c1' });
    expect(followOnboarding({ step: 'presets', characterId: null }, [], [])).toEqual({ step: 'presets', characterId: null });
    expect(followOnboarding({ step: 'presets', characterId: 'c1' }, [task], [alyx])).toBeNull(); // a task from anywhere ends it
    expect(followOnboarding({ step: 'presets', characterId: 'c1' }, [], [])).toEqual({ step: 'character' }); // unlinked meanwhile
    expect(followOnboarding(null, [], [])).toBeNull(); // over is over, for this login
  });

  it('guesses the data-center region from the time zone', () => {
    expect(['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland', 'Pacific/Honolulu', 'Etc/UTC'].map(regionOfTimeZone)).toEqual([
      'eu',
      'na',
      'jp',
      'oc',
      'oc',
      'na',
      'na',
    ]);
  });
});

if (!chromiumAvailable()) {
  console.warn(`\n!!! test/webOnboarding.test.ts: the browser tests are SKIPPED, no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH. !!!\n`);
  it.skip(`the first visit in a real browser — SKIPPED: Chromium not found at ${CHROMIUM_PATH}`, () => {});
} else {
  describe('the first visit at /app/ in Chromium', () => {
    let web: { dir: string; remove(): Promise<void> };
    let lodestone: FakeLodestone;
    let svc: WebService;
    let byHand: WebService;
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      [web, browser, lodestone] = await Promise.all([
        buildWebApp(),
        launchChromium(DESKTOP),
        startFakeLodestone({ characters: [ALYX, URIANGER] }),
        mkdir(ARTIFACTS, { recursive: true }),
      ]);
      [svc, byHand] = await Promise.all([
        startWebService(web.dir, {
          LODESTONE_URL: lodestone.baseUrl,
          LODESTONE_MIN_GAP_MS: '0',
          LODESTONE_IMAGE_ORIGINS: new URL(lodestone.baseUrl).origin,
          LODESTONE_USER_CALLS_PER_MINUTE: '1000',
        }),
        startWebService(web.dir), // no LODESTONE_URL: characters are linked by hand
      ]);
      page = await openPage();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await Promise.all([svc?.stop(), byHand?.stop()]);
      await lodestone?.close();
      await web?.remove();
    });

    /** A tab that fails fast and remembers script errors and CSP refusals. */
    const openPage = () => openTab(browser.context, pageErrors);

    const onboarding = (p = page) => p.locator('#onboarding');
    const stepHeading = (p = page) => p.locator('#onboarding-step-h');
    const checklist = (p = page) => p.locator('#checklist');
    const resetRows = (p = page) => p.locator('.public-resets li');
    const resetNames = (p = page) => p.locator('.public-resets li .name').allTextContents();
    const ticked = (p = page) => onboarding(p).locator('input[type=checkbox]:checked + label > span').allTextContents();
    const logIn = async (p: Page, user: { id: string; username: string; global_name: string }, service = svc) => {
      service.discord.addOAuthUser(user); // the fake Discord logs in the user added last
      await p.getByRole('button', { name: 'Log in with Discord' }).click();
      await p.locator('#logout').waitFor();
    };
    const logOut = async (p = page) => {
      await p.getByRole('button', { name: 'Log out' }).click();
      await p.getByRole('button', { name: 'Log in with Discord' }).waitFor();
    };
    /** Tabs forward to the control named `text`, as someone without a mouse would (a bounded number of presses). */
    const tabTo = async (text: string, p = page) => {
      for (let i = 0; i < 40 && (await focusedText(p)) !== text; i++) await p.keyboard.press('Tab');
      expect(await focusedText(p)).toBe(text);
    };
    const apiTasks = async (user: { id: string; username: string }, service = svc) => {
      const jwt = await service.apiLogin(user.id, user.username);
      return (await (await service.api('/tasks', { token: jwt })).json()) as { id: string; name: string; characterId: string | null }[];
    };

    it('shows the next resets counting down before login, for the player’s region and in the page’s language, then logs in', async () => {
      // Server and page agree on a Tuesday-or-any-day 10:00:30 UTC: the daily reset (15:00 UTC) is 4h 59m 30s away.
      const at = new Date();
      at.setUTCHours(10, 0, 30, 0);
      svc.clock.set(at.getTime());
      await page.clock.install({ time: at });
      await page.goto(`${svc.base}/app/`);

      const login = page.locator('section.login');
      await login.getByRole('heading', { name: 'Next resets' }).waitFor();
      await resetRows().first().waitFor();
      // The tests' Chromium lives in Europe/Paris: the European drawing of the Jumbo Cactpot, and only that one.
      expect(await resetNames()).toEqual(['Daily reset', 'Weekly reset', 'Grand Company reset', 'Fashion Report', 'Jumbo Cactpot (EU)']);
      expect(await page.getByRole('combobox', { name: 'Your data center region' }).inputValue()).toBe('eu');
      const daily = resetRows().first().locator('time'); // the daily reset's, in any language
      await expect.poll(() => daily.textContent()).toBe('in 4h 59m');
      await page.clock.runFor(60_000);
      await expect.poll(() => daily.textContent()).toBe('in 4h 58m');
      expect(await daily.getAttribute('datetime')).toBe(new Date(at.getTime() + (4 * 3600 + 59 * 60 + 30) * 1000).toISOString());
      // The button comes after the clock, in reading order too.
      expect(await login.locator('.public-resets ~ #login').count()).toBe(1);
      await expectAccessibleInBothSchemes(page, 'the logged-out page');

      // Another region's drawing, remembered by this browser.
      await page.getByRole('combobox', { name: 'Your data center region' }).selectOption({ label: 'North America' });
      expect((await resetNames()).at(-1)).toBe('Jumbo Cactpot (NA)');
      await page.reload();
      await resetRows().filter({ hasText: 'Jumbo Cactpot (NA)' }).waitFor();
      await page.getByRole('combobox', { name: 'Your data center region' }).selectOption('eu');

      // In Japanese: the heading, the label, and the API's names asked for again in Japanese.
      const ja = (await (await svc.api('/resets?lang=ja')).json()) as { periods: { name: string; region: string | null }[] };
      await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
      await page.getByRole('heading', { name: '次のリセット' }).waitFor();
      await expect.poll(() => resetNames()).toEqual(ja.periods.filter((p) => p.region === null || p.region === 'eu').map((p) => p.name));
      expect(await page.getByRole('combobox', { name: 'データセンターのリージョン' }).inputValue()).toBe('eu');
      await expect.poll(() => daily.textContent()).toMatch(/^あと4\s?時間\s?5\d\s?分$/); // the reload started the page's clock over
      await page.getByRole('combobox', { name: '言語' }).selectOption('en');
      await page.getByRole('button', { name: 'Log in with Discord' }).waitFor();

      await logIn(page, NEWCOMER);
      // A new account: led to its first step, whose heading has the keyboard (and so is read out).
      await onboarding().waitFor();
      expect(await stepHeading().textContent()).toBe('Step 1 of 2: Link your character');
      await expect.poll(() => focusedId(page)).toBe('onboarding-step-h');
      expect(await checklist().isVisible()).toBe(false); // nothing to show until the flow has added something
      expect(pageErrors).toEqual([]);
    });

    it('leads a new account from a Lodestone search to its first tasks, in view, and then leaves it alone', async () => {
      await expectAccessibleInBothSchemes(page, 'onboarding step 1 (Lodestone)');
      const step = onboarding();
      expect(await step.locator('#link-character-form').count()).toBe(0); // the form by hand is for a service without the Lodestone
      await step.getByRole('textbox', { name: 'Name', exact: true }).fill('Alyx');
      await step.getByRole('combobox', { name: 'World', exact: true }).fill('Cerberus');
      await step.getByRole('button', { name: 'Search', exact: true }).click();
      await step.getByRole('heading', { name: 'Found on Cerberus' }).waitFor();
      await step.getByRole('button', { name: /^Link Alyx Bergen \(Cerberus\)/ }).click();

      // Linked: step 2 for her, announced by moving the keyboard to its heading; the usual chores already ticked.
      await expect.poll(() => stepHeading().textContent()).toBe('Step 2 of 2: Pick chores for Alyx Bergen');
      await expect.poll(() => focusedId(page)).toBe('onboarding-step-h');
      expect(await ticked()).toEqual(DEFAULTS);
      expect(await page.locator('.lodestone-link').count()).toBe(1); // the panel's form, lent to step 1, went back
      await expectAccessibleInBothSchemes(page, 'onboarding step 2 (presets for a character)');

      await step.getByRole('checkbox', { name: /Duty Roulette: Expert/ }).check();
      await step.getByRole('checkbox', { name: /Custom Deliveries/ }).uncheck();
      await step.getByRole('button', { name: 'Add to my checklist' }).click();
      await onboarding().waitFor({ state: 'hidden' });

      const added = ['Duty Roulette: Leveling', 'Duty Roulette: Expert', 'Duty Roulette: Main Scenario', 'Jumbo Cactpot tickets', 'Fashion Report', 'Wondrous Tails'];
      const tasks = await apiTasks(NEWCOMER);
      expect(tasks.map((t) => t.name).sort()).toEqual([...added].sort());
      const alyx = tasks[0]!.characterId;
      expect(alyx).not.toBeNull();
      expect(tasks.every((t) => t.characterId === alyx)).toBe(true); // for her, not the account
      // On screen under her name, each in view, and the keyboard on the first box of the list.
      await checklist().locator('section.owner h2', { hasText: 'Alyx Bergen (Cerberus)' }).waitFor();
      for (const name of added) await expect.poll(() => inView(checklist().getByRole('checkbox', { name, exact: true }))).toBe(true);
      await expect.poll(() => page.evaluate<boolean>(`document.activeElement === document.querySelector('#checklist input[data-task]')`)).toBe(true);

      await page.reload();
      await checklist().getByRole('checkbox', { name: 'Wondrous Tails', exact: true }).waitFor();
      expect(await onboarding().isVisible()).toBe(false);
      expect(pageErrors).toEqual([]);
    });

    it('puts the keyboard on the checklist after a login, and keeps the clock on the logged-out page that says why', async () => {
      await logOut();
      await page.getByRole('alert').filter({ hasText: 'You are logged out.' }).waitFor();
      await resetRows().first().waitFor();
      await logIn(page, NEWCOMER);
      await checklist().getByRole('checkbox', { name: 'Wondrous Tails', exact: true }).waitFor();
      await expect.poll(() => focusedId(page)).toBe('checklist-h');
      expect(await onboarding().isVisible()).toBe(false);
    });

    it('skips to account-wide tasks by keyboard alone, with the Jumbo Cactpot (drawn per data center) not offered', async () => {
      await logOut();
      await logIn(page, SKIPPER);
      await onboarding().waitFor();
      await expect.poll(() => focusedId(page)).toBe('onboarding-step-h');
      await tabTo('Skip to account-wide tasks');
      await page.keyboard.press('Enter');
      await expect.poll(() => stepHeading().textContent()).toBe('Step 2 of 2: Pick account-wide chores');
      await expect.poll(() => focusedId(page)).toBe('onboarding-step-h');
      const accountDefaults = DEFAULTS.filter((name) => name !== 'Jumbo Cactpot tickets');
      expect(await ticked()).toEqual(accountDefaults);
      expect(await onboarding().getByRole('checkbox', { name: /Jumbo Cactpot/ }).count()).toBe(0);
      await expectAccessibleInBothSchemes(page, 'onboarding step 2 (account-wide presets)');

      await page.keyboard.press('Tab'); // the first box, Leveling
      expect(await focusedId(page)).toBe('first-preset-roulette-leveling');
      await page.keyboard.press('Space');
      await tabTo('Add to my checklist');
      await page.keyboard.press('Enter');
      await onboarding().waitFor({ state: 'hidden' });
      await checklist().locator('section.owner h2', { hasText: 'Account-wide' }).waitFor();
      const tasks = await apiTasks(SKIPPER);
      expect(tasks.map((t) => t.name).sort()).toEqual(accountDefaults.filter((name) => name !== 'Duty Roulette: Leveling').sort());
      expect(tasks.every((t) => t.characterId === null)).toBe(true);
      await expect.poll(() => page.evaluate<boolean>(`document.activeElement === document.querySelector('#checklist input[data-task]')`)).toBe(true);
      expect(pageErrors).toEqual([]);
    });

    it('fits a phone: no sideways scrolling at any step, choices kept across a language switch, added tasks brought into view', async () => {
      await page.locator('#toast').filter({ hasText: /^Added \d+ tasks/ }).waitFor(); // said by the test before, for 10 s
      await logOut();
      expect(await page.locator('#toast').isHidden()).toBe(true); // it spoke of a screen that is gone
      await page.setViewportSize(PHONE);
      try {
        await resetRows().first().waitFor();
        expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
        expect(await inView(page.locator('#login'))).toBe(true); // the clock and the button, in the first screen
        await page.screenshot({ path: `${ARTIFACTS}webOnboarding-phone-logged-out.png`, fullPage: true });

        await logIn(page, THUMBS);
        await onboarding().waitFor();
        expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await page.screenshot({ path: `${ARTIFACTS}webOnboarding-phone-step1.png`, fullPage: true });
        await onboarding().getByLabel('Lodestone profile URL or id').fill(URIANGER.id);
        await onboarding().locator('#lodestone-link-form').getByRole('button', { name: 'Link' }).click();
        await expect.poll(() => stepHeading().textContent()).toBe('Step 2 of 2: Pick chores for Urianger Augurelt');
        expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await page.screenshot({ path: `${ARTIFACTS}webOnboarding-phone-step2.png`, fullPage: true });

        // Picked, then the page switched to French (the longest labels) and back: the flow and the choices stay.
        await onboarding().getByRole('checkbox', { name: /Duty Roulette: Main Scenario/ }).uncheck();
        await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
        await expect.poll(() => stepHeading().textContent()).toBe('Étape 2 sur 2 : choisir les tâches de Urianger Augurelt');
        expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await page.screenshot({ path: `${ARTIFACTS}webOnboarding-phone-step2-fr.png`, fullPage: true });
        expect(await page.locator('#first-preset-roulette-main-scenario').isChecked()).toBe(false);
        expect(await page.locator('#first-preset-roulette-leveling').isChecked()).toBe(true);
        await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
        await expect.poll(() => ticked()).toEqual(DEFAULTS.filter((name) => name !== 'Duty Roulette: Main Scenario'));

        // The button is at the foot of a long list; the tasks come in at the top of the page, and the page goes there.
        const add = onboarding().getByRole('button', { name: 'Add to my checklist' });
        await add.scrollIntoViewIfNeeded();
        await add.click();
        await onboarding().waitFor({ state: 'hidden' });
        const leveling = checklist().getByRole('checkbox', { name: 'Duty Roulette: Leveling', exact: true });
        await expect.poll(() => inView(leveling)).toBe(true);
        await expect.poll(() => page.evaluate<boolean>(`document.activeElement === document.querySelector('#checklist input[data-task]')`)).toBe(true);
        expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await page.screenshot({ path: `${ARTIFACTS}webOnboarding-phone-added.png`, fullPage: true });

        // The ordinary presets panel, under the checklist on a phone, also brings what it added into view.
        const panel = page.locator('#presets-panel');
        if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
        await panel.getByRole('combobox', { name: 'For' }).selectOption({ label: 'Urianger Augurelt (Omega)' });
        await panel.getByRole('checkbox', { name: /Challenge Log/ }).check();
        await panel.getByRole('button', { name: 'Add selected' }).click();
        const challengeLog = checklist().getByRole('checkbox', { name: 'Challenge Log', exact: true });
        await challengeLog.waitFor();
        await expect.poll(() => inView(challengeLog)).toBe(true);
        expect(await inView(panel.getByRole('button', { name: 'Add selected' }))).toBe(false); // the page went up to the task
      } finally {
        await page.setViewportSize(DESKTOP);
      }
      expect(pageErrors).toEqual([]);
    });

    it('offers the form by hand on a service without the Lodestone, and “Not now” ends the flow for good', async () => {
      const tab = await openPage();
      // Discord refused: the page says so, with the clock, and the login button still works.
      await tab.goto(`${byHand.base}/app/?error=access_denied&error_description=The+user+denied+access`);
      await tab.getByRole('alert').filter({ hasText: 'Discord did not log you in (The user denied access).' }).waitFor();
      await tab.locator('.public-resets li').first().waitFor();
      await logIn(tab, BY_HAND, byHand);

      await onboarding(tab).waitFor();
      await expect.poll(() => focusedId(tab)).toBe('onboarding-step-h');
      const step = onboarding(tab);
      expect(await step.locator('.lodestone-link').count()).toBe(0);
      await expectAccessibleInBothSchemes(tab, 'onboarding step 1 (by hand)');
      await step.getByLabel('Lodestone id').fill('12345678');
      await step.getByLabel('Name').fill('Y’shtola Rhul');
      await step.getByLabel('World').fill('Moogle');
      await step.getByLabel('World').press('Tab'); // a known world fills in its data center and region
      await step.getByRole('button', { name: 'Link character' }).click();
      await expect.poll(() => stepHeading(tab).textContent()).toBe('Step 2 of 2: Pick chores for Y’shtola Rhul');
      expect(await ticked(tab)).toEqual(DEFAULTS);

      await step.getByRole('button', { name: 'Not now' }).click();
      await onboarding(tab).waitFor({ state: 'hidden' });
      await expect.poll(() => focusedId(tab)).toBe('checklist-h');
      expect(await checklist(tab).textContent()).toMatch(/^No tasks yet/);
      expect(await apiTasks(BY_HAND, byHand)).toEqual([]);

      await tab.reload();
      await tab.locator('#characters-h').waitFor();
      await tab.locator('.characters li', { hasText: 'Y’shtola Rhul' }).waitFor();
      expect(await onboarding(tab).isVisible()).toBe(false); // it has a character now: no second first visit
      await tab.close();
      expect(pageErrors).toEqual([]);
    });
  });
}
