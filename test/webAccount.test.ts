import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectAccessibleInBothSchemes } from './web/axe.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, openTab, type Browser } from './web/browser.js';
import { buildWebApp, startWebService, type WebService } from './web/webService.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const DISCORD_ID = '1300000000000000888';
const AVATAR_HASH = 'c0ffee0123456789';
/** A 2×2 PNG: small, but a real image the browser decodes. */
const AVATAR_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4UaEBRAwQCgAp7gWhjAnOiAAAAABJRU5ErkJggg==',
  'base64',
);
/** The palettes' page backgrounds (--bg in styles.css). */
const LIGHT_BG = 'rgb(244, 241, 234)';
const DARK_BG = 'rgb(21, 23, 28)';

/** Discord's CDN on loopback: `/avatars/<user>/<hash>.png` for the one avatar it holds, 404 for any other. */
async function startAvatarCdn(): Promise<{ url: string; served: string[]; close(): Promise<void> }> {
  const served: string[] = [];
  const server: Server = createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.url === `/avatars/${DISCORD_ID}/${AVATAR_HASH}.png`) res.writeHead(200, { 'content-type': 'image/png' }).end(AVATAR_PNG);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('no such avatar');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (!chromiumAvailable()) {
  console.warn(`\n!!! test/webAccount.test.ts: the browser tests are SKIPPED, no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH. !!!\n`);
  it.skip(`account menu in a real browser — SKIPPED: Chromium not found at ${CHROMIUM_PATH}`, () => {});
} else {
  describe('the account menu at /app/ in Chromium: avatar, calendar feed, API keys, theme', () => {
    let web: { dir: string; remove(): Promise<void> };
    let cdn: Awaited<ReturnType<typeof startAvatarCdn>>;
    let svc: WebService;
    let browser: Browser;
    let page: Page;
    /** The player's login, for what the test sets up through the API. */
    let jwt: string;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      [web, browser, cdn] = await Promise.all([buildWebApp(), launchChromium(), startAvatarCdn(), mkdir(ARTIFACTS, { recursive: true })]);
      svc = await startWebService(web.dir, { DISCORD_CDN_URL: cdn.url });
      // A player with a character on a Japanese data center (the browser's time zone would guess Europe) and a task, so
      // the page is a returning player's checklist rather than the first-visit steps.
      ({ jwt } = await svc.login({ id: DISCORD_ID, username: 'wol', global_name: 'Warrior of Light', avatar: AVATAR_HASH }));
      const linked = await svc.api('/characters', {
        method: 'POST',
        token: jwt,
        json: { lodestoneId: '23456789', name: 'Minfilia Warde', world: 'Tonberry', datacenter: 'Elemental', region: 'jp' },
      });
      expect(linked.status).toBe(201);
      expect((await svc.api('/tasks/presets', { method: 'POST', token: jwt, json: { keys: ['wondrous-tails'] } })).status).toBe(201);
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: svc.base });
      page = await openTab(browser.context, pageErrors);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await svc?.stop();
      await cdn?.close();
      await web?.remove();
    });

    const menuButton = () => page.getByRole('button', { name: 'Account' });
    const menu = () => page.getByRole('menu', { name: 'Account' });
    const dialog = () => page.getByRole('dialog');
    const focusedText = () => page.evaluate<string>('document.activeElement?.textContent?.trim() ?? ""');
    const focusedId = () => page.evaluate<string>('document.activeElement?.id ?? ""');
    const hash = () => page.evaluate<string>('location.hash');
    const background = () => page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor');
    /** An <img> that has actually loaded (a CSP refusal or a 404 leaves naturalWidth at 0). */
    const loaded = (img: Locator) =>
      expect.poll(() => img.evaluate((el) => (el as unknown as { complete: boolean; naturalWidth: number }).naturalWidth), { timeout: 3_000 }).toBeGreaterThan(0);
    const noSidewaysScroll = async () => expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    async function openView(item: 'Calendar feed' | 'API keys'): Promise<void> {
      await menuButton().click();
      await menu().getByRole('menuitem', { name: item }).click();
      await dialog().getByRole('heading', { name: item, level: 2 }).waitFor();
    }

    async function closeView(): Promise<void> {
      await page.keyboard.press('Escape');
      await dialog().waitFor({ state: 'hidden' });
      await expect.poll(focusedId).toBe('account-button');
    }

    async function chooseTheme(name: 'System' | 'Light' | 'Dark'): Promise<void> {
      await menuButton().click();
      await menu().getByRole('menuitemradio', { name }).click();
      await menu().waitFor({ state: 'hidden' });
    }

    it('shows the Discord avatar from DISCORD_CDN_URL beside the name, allowed by the page’s CSP', async () => {
      const res = await fetch(`${svc.base}/app/`);
      const imgSrc = /img-src ([^;]+)/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
      expect(imgSrc).toBe(`'self' data: https://img2.finalfantasyxiv.com https://lds-img.finalfantasyxiv.com ${cdn.url}`);

      await page.goto(`${svc.base}/app/`);
      await page.getByRole('button', { name: 'Log in with Discord' }).click();
      await page.locator('#logout').waitFor();
      const who = page.locator('#who');
      expect(await who.locator('.user').textContent()).toBe('Warrior of Light');
      const avatar = who.locator('img.user-avatar');
      await loaded(avatar);
      expect(await avatar.getAttribute('alt')).toBe(''); // decorative: the name beside it says who it is
      expect(await avatar.getAttribute('src')).toBe(`${cdn.url}/avatars/${DISCORD_ID}/${AVATAR_HASH}.png`);
      expect(cdn.served).toContain(`/avatars/${DISCORD_ID}/${AVATAR_HASH}.png`);
      expect(await who.locator('.user-initial').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
      expect(pageErrors).toEqual([]);
    });

    it('follows the menu button pattern from the keyboard', async () => {
      const button = menuButton();
      expect(await button.getAttribute('aria-haspopup')).toBe('menu');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await menu().isVisible()).toBe(false);

      await button.focus();
      await page.keyboard.press('ArrowDown');
      await menu().waitFor();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      expect(await focusedText()).toBe('Calendar feed');
      await page.keyboard.press('ArrowDown');
      expect(await focusedText()).toBe('API keys');
      await page.keyboard.press('ArrowDown');
      expect(await focusedText()).toMatch(/System$/); // the separator and the theme's label are skipped
      await page.keyboard.press('End');
      expect(await focusedText()).toMatch(/Dark$/);
      await page.keyboard.press('ArrowDown'); // round the end
      expect(await focusedText()).toBe('Calendar feed');
      await page.keyboard.press('ArrowUp');
      expect(await focusedText()).toMatch(/Dark$/);
      await page.keyboard.press('Home');
      expect(await focusedText()).toBe('Calendar feed');
      await page.keyboard.press('l'); // a letter goes to the next item starting with it
      expect(await focusedText()).toMatch(/Light$/);
      expect(await menu().getByRole('menuitemradio', { name: 'System' }).getAttribute('aria-checked')).toBe('true');

      await page.keyboard.press('Escape');
      await menu().waitFor({ state: 'hidden' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await focusedId()).toBe('account-button');

      await page.keyboard.press('ArrowUp'); // opens on the last item
      expect(await focusedText()).toMatch(/Dark$/);
      await page.keyboard.press('Tab'); // moves on, and the menu closes behind it
      await menu().waitFor({ state: 'hidden' });
      expect(await focusedId()).toBe('logout');

      await button.focus();
      await page.keyboard.press('Enter');
      expect(await focusedText()).toBe('Calendar feed');
      await page.keyboard.press('Enter');
      await dialog().getByRole('heading', { name: 'Calendar feed' }).waitFor();
      expect(await hash()).toBe('#calendar');
      await page.keyboard.press('Escape');
      await dialog().waitFor({ state: 'hidden' });
      // The dialog's close event, which puts focus back and clears the address, comes a task after it is hidden.
      await expect.poll(focusedId).toBe('account-button'); // back where the view was opened from
      expect(await hash()).toBe('');

      await page.locator('h1').click(); // a click elsewhere closes it too
      await button.click();
      await menu().waitFor();
      await page.locator('h1').click();
      await menu().waitFor({ state: 'hidden' });
    });

    it('speaks the page’s language, and switches with it in place', async () => {
      await page.locator('#language').selectOption('fr');
      await page.getByRole('button', { name: 'Compte' }).click();
      const items = page.getByRole('menu', { name: 'Compte' }).locator('[role^="menuitem"]');
      expect(await items.allTextContents()).toEqual(['Abonnement au calendrier', 'Clés d’API', 'Système', 'Clair', 'Sombre']);
      expect(await page.getByRole('group', { name: 'Thème' }).isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      expect(await page.getByRole('button', { name: 'Se déconnecter' }).isVisible()).toBe(true);
      await page.locator('#language').selectOption('en');
      await menuButton().waitFor();
    });

    it('gives the calendar feed of the player’s region, with the others a choice away', async () => {
      await openView('Calendar feed');
      const region = dialog().getByLabel('Region');
      expect(await region.inputValue()).toBe('jp'); // from the character, not the browser's time zone (Europe)
      const url = dialog().getByLabel('Subscribe URL');
      expect(await url.inputValue()).toBe(`${svc.base}/calendar.ics?region=jp`);
      const host = new URL(svc.base).host;
      expect(await dialog().getByRole('link', { name: 'Open in your calendar app' }).getAttribute('href')).toBe(`webcal://${host}/calendar.ics?region=jp`);

      const feed = await fetch(await url.inputValue());
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
      const ics = await feed.text();
      expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(ics).toContain('END:VCALENDAR');

      await region.selectOption('eu');
      expect(await url.inputValue()).toBe(`${svc.base}/calendar.ics?region=eu`);
      await region.selectOption({ label: 'All regions' });
      expect(await url.inputValue()).toBe(`${svc.base}/calendar.ics`);
      await region.selectOption('na');
      await dialog().getByRole('button', { name: 'Copy the calendar address' }).click();
      await dialog().getByText('Copied.').waitFor();
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(`${svc.base}/calendar.ics?region=na`);
      await closeView();

      // A bookmark of the view opens it again after a reload.
      await page.goto(`${svc.base}/app/#calendar`);
      await page.reload();
      await dialog().getByRole('heading', { name: 'Calendar feed' }).waitFor();
      expect(await dialog().getByLabel('Region').inputValue()).toBe('jp');
      await dialog().getByRole('button', { name: 'Close' }).click();
      await dialog().waitFor({ state: 'hidden' });
      await expect.poll(hash).toBe('');
    });

    it('creates an API key that works with x-api-key, shows it once, and revokes it after asking', async () => {
      await openView('API keys');
      await dialog().getByText('You have no API keys yet.').waitFor();
      const form = dialog().locator('form');
      await form.getByLabel('Name').fill('Stream overlay');
      expect(await form.getByRole('checkbox', { name: 'See your tasks and whether they are done' }).isChecked()).toBe(true);
      await form.getByRole('checkbox', { name: 'Tick off, add, change and delete your tasks' }).check();
      await form.getByLabel('Expires').selectOption({ label: 'In 90 days' });
      const created = page.waitForResponse((r) => r.url().endsWith('/api-keys') && r.request().method() === 'POST');
      await form.getByRole('button', { name: 'Create key' }).click();
      expect((await created).status()).toBe(201);

      const shown = dialog().getByRole('region', { name: 'Your new key “Stream overlay”' });
      await shown.getByText('it is shown only this once').waitFor();
      const key = await shown.getByLabel('Key', { exact: true }).inputValue();
      expect(key).toMatch(/^ffxt_/);
      expect(await focusedId()).toBe('new-api-key'); // selected whole, ready to copy
      await shown.getByRole('button', { name: 'Copy the new key' }).click();
      await shown.getByText('Copied.').waitFor();
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(key);
      expect(await form.getByLabel('Name').inputValue()).toBe(''); // ready for another

      const row = dialog().locator('li.api-key', { hasText: 'Stream overlay' });
      expect(await row.locator('.key-scopes li').allTextContents()).toEqual(['See your tasks and whether they are done', 'Tick off, add, change and delete your tasks']);
      expect(await row.locator('small').textContent()).toMatch(/^starts with ffxt_[\w-]+… · created .+ · never used · expires .+$/);

      const tasks = await fetch(`${svc.base}/tasks`, { headers: { 'x-api-key': key } });
      expect(tasks.status).toBe(200);
      expect(((await tasks.json()) as { presetKey: string }[]).map((t) => t.presetKey)).toEqual(['wondrous-tails']);
      expect((await fetch(`${svc.base}/characters`, { headers: { 'x-api-key': key } })).status).toBe(403); // not a scope it was given

      await shown.getByRole('button', { name: 'I have copied it' }).click();
      await shown.waitFor({ state: 'detached' }); // and never shown again

      await row.getByRole('button', { name: 'Revoke Stream overlay' }).click();
      const question = row.getByRole('group', { name: 'Revoke “Stream overlay”? Tools using it stop working at once.' });
      await question.waitFor();
      expect(await focusedText()).toBe('Cancel'); // the harmless answer first
      await page.keyboard.press('Escape'); // says no, and the dialog stays
      await question.waitFor({ state: 'detached' });
      expect(await dialog().isVisible()).toBe(true);
      expect(await page.evaluate<string>('document.activeElement?.getAttribute("aria-label") ?? ""')).toBe('Revoke Stream overlay');

      await row.getByRole('button', { name: 'Revoke Stream overlay' }).click();
      const revoked = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api-keys/'));
      await question.getByRole('button', { name: 'Revoke Stream overlay' }).click();
      expect((await revoked).status()).toBe(204);
      await row.waitFor({ state: 'detached' });
      await dialog().getByText('“Stream overlay” is revoked.').waitFor();
      expect(await focusedId()).toBe('api-keys-list-h');

      const refused = await fetch(`${svc.base}/tasks`, { headers: { 'x-api-key': key } });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ code: expect.any(String), error: expect.any(String) });

      // The view's address, bookmarked: the list is loaded afresh.
      await page.goto(`${svc.base}/app/#api-keys`);
      await page.reload();
      await dialog().getByRole('heading', { name: 'API keys', level: 2 }).waitFor();
      await dialog().getByText('You have no API keys yet.').waitFor();
      await closeView();
      expect(pageErrors).toEqual([]);
    });

    it('limits a new key to one of the player’s characters, says in words what it can do, and the service holds it to that', async () => {
      // Linked after the page loaded: the view asks for the characters itself when it opens.
      const linked = await svc.api('/characters', {
        method: 'POST',
        token: jwt,
        json: { lodestoneId: '34567890', name: 'Thancred Waters', world: 'Gilgamesh', datacenter: 'Aether', region: 'na' },
      });
      expect(linked.status).toBe(201);
      const taskOf = async (characterId: string) => {
        const res = await svc.api('/tasks', { method: 'POST', token: jwt, json: { name: 'Overlay check', cadence: 'daily', characterId } });
        expect(res.status).toBe(201);
        return ((await res.json()) as { id: string }).id;
      };
      const [minfiliaTask, thancredTask] = [await taskOf('23456789'), await taskOf('34567890')];
      let posted = 0;
      const countPosts = (r: { method(): string; url(): string }) => void (r.method() === 'POST' && r.url().endsWith('/api-keys') && posted++);
      page.on('request', countPosts);

      await openView('API keys');
      const form = dialog().locator('form');
      const which = form.getByRole('group', { name: 'Which characters' });
      await which.waitFor();
      expect(await which.getByRole('radio', { name: 'All your characters, and your account-wide tasks' }).isChecked()).toBe(true);
      await form.getByLabel('Name').fill('Minfilia overlay');
      await which.getByRole('radio', { name: 'Only the characters ticked here' }).check();
      const only = which.getByRole('group', { name: 'Only the characters ticked here' });
      // In the service's order, which for two linked in the same instant of the test's clock is by id.
      expect((await only.locator('label').allTextContents()).sort()).toEqual(['Minfilia Warde (Tonberry)', 'Thancred Waters (Gilgamesh)']);
      // The four boxes for all characters make way for what the key may do with these.
      expect(await form.getByRole('checkbox', { name: 'See your tasks and whether they are done' }).isVisible()).toBe(false);
      const reach = form.locator('#api-key-reach-said');
      expect(await reach.textContent()).toBe('Tick the characters the key may use.');

      await form.getByRole('button', { name: 'Create key' }).click();
      await expect.poll(() => form.getByRole('alert').textContent()).toBe('Tick at least one character, or choose all your characters.');
      expect(await focusedId()).toBe(await only.getByRole('checkbox').first().getAttribute('id')); // where to tick
      expect(posted).toBe(0); // said in the page, nothing sent

      await only.getByRole('checkbox', { name: 'Minfilia Warde (Tonberry)' }).check();
      expect(await form.getByRole('alert').textContent()).toBe(''); // answered, so no longer said
      expect(await reach.textContent()).toBe(
        'The key will see Minfilia Warde (Tonberry) and its tasks, and nothing else: not your other characters, not your account-wide tasks.',
      );
      await form.getByRole('radio', { name: 'See them and their tasks, and tick off, add, change and delete their tasks' }).check();
      expect(await reach.textContent()).toBe(
        'The key will see Minfilia Warde (Tonberry), tick off, add, change and delete its tasks, and could also refresh or unlink the character; ' +
          'nothing else: not your other characters, not your account-wide tasks.',
      );
      expect(await form.getByRole('radio', { name: /^See them and their tasks, and/ }).getAttribute('aria-describedby')).toBe('api-key-reach-said');
      await expectAccessibleInBothSchemes(page, 'the API-key form limiting a key to one character');

      const created = page.waitForResponse((r) => r.url().endsWith('/api-keys') && r.request().method() === 'POST');
      await form.getByRole('button', { name: 'Create key' }).click();
      const answer = await created;
      expect(answer.status()).toBe(201);
      expect((answer.request().postDataJSON() as { scopes: string[] }).scopes).toEqual(['character:23456789:write']);
      const key = await dialog().getByLabel('Key', { exact: true }).inputValue();
      const row = dialog().locator('li.api-key', { hasText: 'Minfilia overlay' });
      expect(await row.locator('.key-scopes li').allTextContents()).toEqual(['See Minfilia Warde (Tonberry), change its tasks, refresh or unlink it']);
      // Cleared for the next key, which is for all characters again.
      expect(await which.getByRole('radio', { name: 'All your characters, and your account-wide tasks' }).isChecked()).toBe(true);
      await form.getByRole('checkbox', { name: 'See your tasks and whether they are done' }).waitFor();
      expect(await only.isVisible()).toBe(false);

      const withKey = (path: string, method = 'GET') => fetch(`${svc.base}${path}`, { method, headers: { 'x-api-key': key } });
      const listed = await withKey('/tasks?characterId=23456789');
      expect(listed.status).toBe(200);
      expect(((await listed.json()) as { id: string }[]).map((t) => t.id)).toEqual([minfiliaTask]);
      const elsewhere = await withKey('/tasks?characterId=34567890');
      expect(elsewhere.status).toBe(404); // outside the key is answered like another player's character
      expect(await elsewhere.json()).toMatchObject({ code: 'NOT_FOUND' });
      const done = await withKey(`/tasks/${minfiliaTask}/completion`, 'PUT');
      expect(done.status).toBe(200);
      expect(await done.json()).toMatchObject({ id: minfiliaTask, done: true });
      expect((await withKey(`/tasks/${thancredTask}/completion`, 'PUT')).status).toBe(404);
      expect(await (await svc.api(`/tasks/${thancredTask}`, { token: jwt })).json()).toMatchObject({ done: false });

      page.off('request', countPosts);
      await closeView();
      expect(pageErrors).toEqual([]);
    });

    it('keeps the theme chosen across a reload, and System follows the device', async () => {
      await page.emulateMedia({ colorScheme: 'light' });
      await chooseTheme('Dark');
      expect(await page.evaluate<string | undefined>('document.documentElement.dataset.theme')).toBe('dark');
      expect(await background()).toBe(DARK_BG);
      expect(await page.evaluate<string>('getComputedStyle(document.documentElement).colorScheme')).toBe('dark');

      // Set by the time the document is parsed: before the checklist is drawn (the page has only its header then).
      await page.reload({ waitUntil: 'domcontentloaded' });
      expect(await page.evaluate<string | undefined>('document.documentElement.dataset.theme')).toBe('dark');
      expect(await background()).toBe(DARK_BG);
      await page.locator('#logout').waitFor();
      await menuButton().click();
      expect(await menu().getByRole('menuitemradio', { name: 'Dark' }).getAttribute('aria-checked')).toBe('true');
      await page.keyboard.press('Escape');

      // Another tab of the page follows a choice made here.
      const other = await openTab(browser.context, pageErrors);
      await other.goto(`${svc.base}/app/`);
      expect(await other.evaluate<string | undefined>('document.documentElement.dataset.theme')).toBe('dark');
      await chooseTheme('Light');
      await expect.poll(() => other.evaluate<string | undefined>('document.documentElement.dataset.theme')).toBe('light');
      await other.close();

      await page.emulateMedia({ colorScheme: 'dark' });
      await chooseTheme('Light');
      expect(await background()).toBe(LIGHT_BG); // the choice wins over the device's dark mode
      expect(await page.evaluate<string>('getComputedStyle(document.documentElement).colorScheme')).toBe('light');

      await chooseTheme('System');
      expect(await page.evaluate<string | null>('localStorage.getItem("ffxiv-tracker:theme")')).toBeNull();
      expect(await background()).toBe(DARK_BG);
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await background()).toBe(LIGHT_BG);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await background()).toBe(DARK_BG);
      await page.emulateMedia({ colorScheme: 'light' });
    });

    it('passes axe-core (WCAG 2.1 AA) with the menu and each view open, in the light and the dark theme', async () => {
      for (const theme of ['Light', 'Dark'] as const) {
        await chooseTheme(theme);
        await menuButton().click();
        await menu().waitFor();
        await expectAccessible(page, `the open account menu (${theme})`);
        await page.keyboard.press('Escape');

        await openView('Calendar feed');
        await expectAccessible(page, `the calendar feed (${theme})`);
        await closeView();

        await openView('API keys');
        const form = dialog().locator('form');
        await form.getByLabel('Name').fill(`Audit ${theme}`);
        await form.getByRole('button', { name: 'Create key' }).click();
        await dialog().getByRole('region', { name: `Your new key “Audit ${theme}”` }).waitFor();
        await dialog().locator('li.api-key', { hasText: `Audit ${theme}` }).getByRole('button', { name: `Revoke Audit ${theme}` }).click();
        await dialog().getByRole('button', { name: 'Cancel' }).waitFor();
        await expectAccessible(page, `the API keys, a new key shown and a revocation asked (${theme})`);
        await page.keyboard.press('Escape'); // no to the question first
        await closeView();
      }
      await chooseTheme('System');
    });

    it('fits a 390-px phone: the header, the open menu and both views, without sideways scrolling', async () => {
      await menuButton().click();
      await page.screenshot({ path: `${ARTIFACTS}webAccount-desktop-menu.png`, clip: { x: 0, y: 0, width: 1280, height: 420 } });
      await page.keyboard.press('Escape');
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await noSidewaysScroll();
        expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
        await menuButton().click();
        const box = (await menu().boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
        await noSidewaysScroll();
        await page.screenshot({ path: `${ARTIFACTS}webAccount-phone-menu.png` });
        await page.keyboard.press('Escape');

        await openView('Calendar feed');
        await noSidewaysScroll();
        expect((await dialog().boundingBox())!.width).toBeLessThanOrEqual(390);
        await page.screenshot({ path: `${ARTIFACTS}webAccount-phone-calendar.png` });
        await closeView();

        await openView('API keys');
        await dialog().locator('form').getByLabel('Name').fill('Phone widget');
        await dialog().locator('form').getByRole('button', { name: 'Create key' }).click();
        await dialog().getByRole('region', { name: 'Your new key “Phone widget”' }).waitFor();
        await noSidewaysScroll();
        const keyField = (await dialog().getByLabel('Key', { exact: true }).boundingBox())!;
        expect(keyField.x + keyField.width).toBeLessThanOrEqual(390);
        await page.screenshot({ path: `${ARTIFACTS}webAccount-phone-api-keys.png` });
        await closeView();

        await chooseTheme('Dark');
        await page.screenshot({ path: `${ARTIFACTS}webAccount-phone-dark.png` });
        await chooseTheme('System');
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    });

    it('shows the initial instead when the avatar cannot be loaded, or there is none', async () => {
      for (const [id, avatar, name] of [
        ['1300000000000000889', 'deadbeef404', 'Y’shtola'], // the CDN has no such image
        ['1300000000000000890', null, 'ålisaie'],
      ] as const) {
        await page.getByRole('button', { name: 'Log out' }).click();
        await page.getByRole('button', { name: 'Log in with Discord' }).waitFor();
        svc.discord.addOAuthUser({ id, username: name.toLowerCase(), global_name: name, avatar });
        await page.getByRole('button', { name: 'Log in with Discord' }).click();
        await page.locator('#logout').waitFor();
        const who = page.locator('#who');
        expect(await who.locator('.user').textContent()).toBe(name);
        await who.locator('.user-initial').waitFor();
        expect(await who.locator('.user-initial').textContent()).toBe(name[0]!.toLocaleUpperCase());
        expect(await who.locator('.user-initial').getAttribute('aria-hidden')).toBe('true');
        expect(await who.locator('img').count()).toBe(0);
      }
      expect(cdn.served).toContain('/avatars/1300000000000000889/deadbeef404.png'); // asked for, answered 404
      expect(pageErrors).toEqual([]);
    });
  });
}
