import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLodestone, type FakeCharacter, type FakeLodestone } from './fakeLodestone/index.js';
import { expectAccessibleInBothSchemes } from './web/axe.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, openTab, type Browser } from './web/browser.js';
import { buildWebApp, startWebService, type WebService } from './web/webService.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const DISCORD_ID = '1300000000000000888';

const ALYX: FakeCharacter = { id: '11111111', name: 'Alyx Bergen', world: 'Cerberus', datacenter: 'Chaos', title: 'Warrior of Light', bio: 'Hi there' };
const THANCRED: FakeCharacter = { id: '12121212', name: 'Thancred Waters', world: 'Moogle', datacenter: 'Chaos' };
const THANCRED_TOO: FakeCharacter = { id: '12121213', name: 'Thancred Watersson', world: 'Moogle', datacenter: 'Chaos' };
const TWIN_A: FakeCharacter = { id: '22222221', name: 'Same Name', world: 'Odin', datacenter: 'Light' };
const TWIN_B: FakeCharacter = { id: '22222222', name: 'Same Name', world: 'Odin', datacenter: 'Light' };
const URIANGER: FakeCharacter = { id: '55555555', name: 'Urianger Augurelt', world: 'Omega', datacenter: 'Chaos' };

if (!chromiumAvailable()) {
  console.warn(`\n!!! test/webLodestone.test.ts: the browser tests are SKIPPED, no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH. !!!\n`);
  it.skip(`Lodestone linking in a real browser — SKIPPED: Chromium not found at ${CHROMIUM_PATH}`, () => {});
} else {
  describe('linking and verifying characters from the Lodestone at /app/ in Chromium', () => {
    let web: { dir: string; remove(): Promise<void> };
    let lodestone: FakeLodestone;
    let imageOrigin: string;
    let svc: WebService;
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];
    const featureCalls: string[] = [];

    beforeAll(async () => {
      [web, browser, lodestone] = await Promise.all([
        buildWebApp(),
        launchChromium(),
        startFakeLodestone({ characters: [ALYX, THANCRED, THANCRED_TOO, TWIN_A, TWIN_B, URIANGER] }),
        mkdir(ARTIFACTS, { recursive: true }),
      ]);
      imageOrigin = new URL(lodestone.baseUrl).origin;
      svc = await startWebService(web.dir, {
        LODESTONE_URL: lodestone.baseUrl,
        LODESTONE_MIN_GAP_MS: '0',
        LODESTONE_IMAGE_ORIGINS: imageOrigin,
        LODESTONE_USER_CALLS_PER_MINUTE: '1000',
        LODESTONE_REFRESH_PER_MINUTE: '30',
      });
      svc.discord.addOAuthUser({ id: DISCORD_ID, username: 'alyx', global_name: 'Alyx' });
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: svc.base });
      page = await openTab(browser.context, pageErrors);
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/features') featureCalls.push(r.url());
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await svc?.stop();
      await lodestone?.close();
      await web?.remove();
    });

    const characters = () => page.locator('.characters');
    /** A character's row, found by its name, verified or not. */
    const row = (name: string) => characters().locator('li.character', { has: page.locator('.character-name', { hasText: new RegExp(`^${name}(☑️, verified)?$`) }) });
    const linkPanel = () => page.locator('.lodestone-link');
    const apiCharacters = async () => {
      const jwt = (await svc.login({ id: DISCORD_ID, username: 'alyx' })).jwt;
      return (await (await svc.api('/characters', { token: jwt })).json()) as { lodestoneId: string; name: string; verified: boolean; lostVerificationAt: string | null }[];
    };
    /** An <img> that has actually loaded (a CSP refusal or a 404 leaves naturalWidth at 0). */
    const loaded = async (img: Locator) => {
      await img.scrollIntoViewIfNeeded();
      const ready = () => img.evaluate((el) => (el as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0); // the tests' tsconfig has no DOM types
      await expect.poll(ready, { timeout: 3_000 }).toBe(true);
    };

    it('asks /features once, shows the Lodestone form, and allows images from exactly the Lodestone image origin', async () => {
      const res = await fetch(`${svc.base}/app/`);
      const imgSrc = /img-src ([^;]+)/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
      expect(imgSrc).toBe(`'self' data: ${imageOrigin} https://cdn.discordapp.com`); // and Discord's CDN for the header's avatar

      await page.goto(`${svc.base}/app/`);
      await page.getByRole('button', { name: 'Log in with Discord' }).click();
      await page.locator('#logout').waitFor();
      await page.locator('#characters-h ~ details > summary').click();
      await linkPanel().getByRole('textbox', { name: 'Lodestone profile URL or id' }).waitFor();
      expect(await page.locator('#char-lodestone').count()).toBe(0); // the hand-typed form is for a service without the Lodestone
      expect(featureCalls).toHaveLength(1);
    });

    it('links by profile URL, saying so while the Lodestone is read, and shows the face it loaded', async () => {
      await page.getByLabel('Lodestone profile URL or id').fill(`https://eu.finalfantasyxiv.com/lodestone/character/${ALYX.id}/`);
      lodestone.setDelay(400);
      const link = page.locator('#lodestone-link-form').getByRole('button', { name: /^Link/ });
      await link.click();
      await expect.poll(() => link.textContent()).toBe('Linking…');
      expect(await link.getAttribute('aria-disabled')).toBe('true');
      await row('Alyx Bergen').waitFor();
      lodestone.setDelay(0);
      expect(await link.textContent()).toBe('Link');
      expect(await page.getByLabel('Lodestone profile URL or id').inputValue()).toBe('');

      const alyx = row('Alyx Bergen');
      expect(await alyx.locator('small').allTextContents()).toEqual(['Cerberus · Chaos · Europe', 'not verified']);
      const face = alyx.locator('img.avatar');
      expect(await face.getAttribute('alt')).toBe('');
      const src = new URL((await face.getAttribute('src'))!);
      expect(src.origin + src.pathname).toBe(new URL(lodestone.avatarUrl(ALYX.id)).origin + new URL(lodestone.avatarUrl(ALYX.id)).pathname);
      await loaded(face);
    });

    it('searches by name and world, and links the result picked', async () => {
      await page.locator('#search-name').fill('Thancred');
      await page.locator('#search-world').fill('moogle');
      await page.locator('#search-world').press('Tab'); // a known world is written the Lodestone's way
      expect(await page.locator('#search-world').inputValue()).toBe('Moogle');
      await page.locator('#search-world').press('Enter'); // Enter searches; linking by name is the second button
      const results = page.locator('#lodestone-results');
      await results.getByRole('heading', { name: 'Found on Moogle' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'The Lodestone found 2 characters.' }).waitFor();
      const entries = results.locator('li.candidate');
      expect(await entries.allInnerTexts()).toEqual([expect.stringMatching(/^Thancred Waters\s+Moogle \[Chaos\]\s+Link$/), expect.stringMatching(/^Thancred Watersson\s+Moogle \[Chaos\]\s+Link$/)]);
      await loaded(entries.first().locator('img.avatar'));

      await results.getByRole('button', { name: /^Link Thancred Waters \(Moogle\)/ }).click();
      await row('Thancred Waters').waitFor();
      // Its Link button became "linked", so the keyboard went to the new row, which reads out the name.
      await expect.poll(() => page.evaluate<string>('document.activeElement.textContent')).toBe('Thancred Waters');
      expect(await entries.first().locator('.tag').textContent()).toBe('linked');
      expect(await row('Thancred Waters').locator('small').first().textContent()).toBe('Moogle · Chaos · Europe');
    });

    it('offers the candidates when a link by name is ambiguous, and links the one picked', async () => {
      await page.locator('#search-name').fill('Same Name');
      await page.locator('#search-world').fill('Odin');
      await page.locator('#lodestone-search-form').getByRole('button', { name: 'Link by name' }).click();
      await page.getByRole('alert').filter({ hasText: 'The Lodestone has 2 characters named Same Name on Odin' }).waitFor();
      const results = page.locator('#lodestone-results');
      await results.getByRole('heading', { name: 'Is it one of these?' }).waitFor();
      expect(await results.locator('li.candidate').count()).toBe(2);
      expect(await row('Same Name').count()).toBe(0); // nothing linked yet

      await results.getByRole('button', { name: new RegExp(`Lodestone id ${TWIN_B.id}`) }).click();
      await row('Same Name').waitFor();
      expect((await apiCharacters()).map((c) => c.lodestoneId).sort()).toEqual([ALYX.id, THANCRED.id, TWIN_B.id]);
    });

    it('verifies a character: the code to paste, Check now, the API’s sentence, then the verified mark', async () => {
      // A task for Alyx, so the checklist has a heading naming her.
      const presets = page.locator('#presets-panel');
      // Closed: this account was new, so its first visit led it (test/webOnboarding.test.ts) rather than this panel.
      expect(await presets.getAttribute('open')).toBeNull();
      await presets.locator('summary').click();
      await presets.getByRole('combobox', { name: 'For' }).selectOption({ label: 'Alyx Bergen (Cerberus)' });
      await presets.getByRole('checkbox', { name: /Duty Roulette: Expert/ }).check();
      await presets.getByRole('button', { name: 'Add selected' }).click();
      const heading = page.locator('#checklist section.owner h2', { hasText: 'Alyx Bergen (Cerberus)' });
      await heading.waitFor();
      await loaded(heading.locator('img.avatar'));

      const alyx = row('Alyx Bergen');
      await alyx.getByRole('button', { name: 'Verify Alyx Bergen is yours' }).click();
      const box = alyx.getByRole('group', { name: 'Prove Alyx Bergen is yours' });
      const codeField = box.getByRole('textbox', { name: 'Code' });
      await codeField.waitFor();
      const code = await codeField.inputValue();
      expect(code).toMatch(/^XIVT-[A-Z0-9]{8}$/);
      expect(await page.evaluate<string>('document.activeElement.value')).toBe(code); // focused, and selected, to copy
      expect(await page.evaluate<number>('document.activeElement.selectionEnd - document.activeElement.selectionStart')).toBe(code.length);
      expect(await box.textContent()).toContain(`paste ${code} anywhere in the "Character Profile" text`);
      expect(await box.locator('.expiry').textContent()).toMatch(/^The code works until \d\d:\d\d (CET|CEST|GMT[+−-]\d+) \(your time\)\.$/);
      await box.getByRole('button', { name: 'Copy the code for Alyx Bergen' }).click();
      await box.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(code);
      await expectAccessibleInBothSchemes(page, 'the characters panel with a verification code');

      // Not pasted yet: the API's sentence, and still not verified.
      await box.getByRole('button', { name: 'Check now for Alyx Bergen' }).click();
      await box.getByRole('alert').filter({ hasText: `The Character Profile of Alyx Bergen does not contain ${code} yet; it reads "Hi there".` }).waitFor();
      expect(await alyx.locator('.verified').count()).toBe(0);

      lodestone.upsertCharacter({ ...ALYX, bio: `Hi there\n${code}` });
      lodestone.setDelay(400);
      const check = box.getByRole('button', { name: /Check/ });
      await check.click();
      await expect.poll(() => check.textContent()).toBe('Checking…');
      expect(await check.getAttribute('aria-disabled')).toBe('true');
      await box.waitFor({ state: 'detached' });
      lodestone.setDelay(0);

      expect(await alyx.locator('.character-name').textContent()).toBe('Alyx Bergen☑️, verified');
      expect(await alyx.locator('.verified [aria-hidden="true"]').textContent()).toBe('☑️'); // screen readers hear "verified" instead
      expect(await alyx.getByRole('button', { name: /^Verify/ }).count()).toBe(0);
      expect(await page.evaluate<string>('document.activeElement.className')).toBe('character-name');
      expect(await heading.textContent()).toBe('Alyx Bergen (Cerberus)☑️, verified');
      expect((await apiCharacters()).find((c) => c.lodestoneId === ALYX.id)?.verified).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}webLodestone-desktop.png`, fullPage: true });
      await page.locator('section[aria-labelledby="characters-h"]').screenshot({ path: `${ARTIFACTS}webLodestone-characters.png` });
    });

    it('shows the API’s sentence and changes nothing when the Lodestone is down', async () => {
      const before = await apiCharacters();
      const rowsBefore = await characters().locator('.character-head').allInnerTexts();
      lodestone.setMaintenance(true);
      try {
        await page.getByLabel('Lodestone profile URL or id').fill(URIANGER.id);
        await page.locator('#lodestone-link-form').getByRole('button', { name: 'Link' }).click();
        await page
          .locator('#lodestone-link-form')
          .getByRole('alert')
          .filter({ hasText: /^The Lodestone is down for maintenance\. Try again when it is back\.$/ })
          .waitFor();
        await row('Thancred Waters').getByRole('button', { name: 'Refresh Thancred Waters from the Lodestone' }).click();
        await row('Thancred Waters').getByRole('alert').filter({ hasText: 'The Lodestone is down for maintenance.' }).waitFor();
      } finally {
        lodestone.setMaintenance(false);
      }
      expect(await page.getByLabel('Lodestone profile URL or id').inputValue()).toBe(URIANGER.id); // kept, to try again
      expect(await row('Urianger Augurelt').count()).toBe(0);
      expect(await apiCharacters()).toEqual(before);
      expect(await characters().locator('.character-head').allInnerTexts()).toEqual(rowsBefore);
      expect(await page.evaluate<string>('document.body.innerText')).not.toMatch(/at \w+ \(|Error:|stack/i);
    });

    it('says so when another account proved a character theirs, and fits a phone', async () => {
      // Another player verifies Thancred: the verification moves to them, and this account is told.
      const other = await svc.login({ id: '1300000000000000999', username: 'thief' });
      await svc.api('/characters', { method: 'POST', token: other.jwt, json: { lodestoneId: THANCRED.id } });
      const mine = await svc.login({ id: DISCORD_ID, username: 'alyx' });
      const first = (await (await svc.api(`/characters/${THANCRED.id}/verification`, { method: 'POST', token: mine.jwt })).json()) as { code: string };
      lodestone.upsertCharacter({ ...THANCRED, bio: first.code });
      expect((await svc.api(`/characters/${THANCRED.id}/verification/check`, { method: 'POST', token: mine.jwt })).status).toBe(200);
      const theirs = (await (await svc.api(`/characters/${THANCRED.id}/verification`, { method: 'POST', token: other.jwt })).json()) as { code: string };
      lodestone.upsertCharacter({ ...THANCRED, bio: theirs.code });
      expect((await svc.api(`/characters/${THANCRED.id}/verification/check`, { method: 'POST', token: other.jwt })).status).toBe(200);

      await page.reload();
      const thancred = row('Thancred Waters');
      await thancred.locator('.character-note').filter({ hasText: /^On \d+ \w+, \d\d:\d\d another account proved Thancred Waters theirs\. If it is yours, verify it again\.$/ }).waitFor();
      expect(featureCalls).toHaveLength(2); // once per page load

      await page.locator('#characters-h ~ details > summary').click();
      await thancred.getByRole('button', { name: 'Verify Thancred Waters is yours' }).click();
      await thancred.getByRole('textbox', { name: 'Code' }).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await thancred.scrollIntoViewIfNeeded();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390); // no sideways scrolling
      await page.screenshot({ path: `${ARTIFACTS}webLodestone-phone.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });

      // Half an hour later the code is gone: the API's 410 sentence, in the box. Escape closes it.
      svc.clock.advance(31 * 60_000);
      await thancred.getByRole('button', { name: 'Check now for Thancred Waters' }).click();
      await thancred.getByRole('alert').filter({ hasText: 'There is no valid code for this character (codes last 30 minutes): ask for a new one.' }).waitFor();
      await thancred.getByRole('textbox', { name: 'Code' }).focus();
      await page.keyboard.press('Escape');
      await thancred.locator('.verification').waitFor({ state: 'detached' });
      expect(await page.evaluate<string>('document.activeElement.getAttribute("aria-label")')).toBe('Verify Thancred Waters is yours');
      expect(pageErrors).toEqual([]);
    });
  });
}
