import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/http/server.js';
import { captureLog } from './helpers/captureLog.js';
import { createTestContext } from './helpers/testStore.js';
import { expectAccessibleInBothSchemes } from './web/axe.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, openTab, type Browser } from './web/browser.js';
import { buildWebApp, startWebService, type WebService } from './web/webService.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const DISCORD_ID = '1300000000000000777';

it('serves nothing at /app/ and logs one line when the web app is not built', async () => {
  const cap = captureLog('info');
  const ctx = await createTestContext();
  const app = await buildServer({ config: ctx.config, log: cap.log, store: ctx.store, services: ctx.services, clock: ctx.clock.now, webDir: '/nonexistent/web' });
  try {
    expect((await app.inject('/app/')).statusCode).toBe(404);
    expect(cap.lines.filter((l) => String(l.msg).includes('/app/'))).toEqual([
      expect.objectContaining({ webDir: '/nonexistent/web', msg: 'Web app not built, /app/ is off (npm run build builds it)' }),
    ]);
  } finally {
    await app.close();
    await ctx.close();
  }
});

if (!chromiumAvailable()) {
  console.warn(`\n!!! test/webApp.test.ts: the browser tests are SKIPPED, no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH. !!!\n`);
  it.skip(`web checklist in a real browser — SKIPPED: Chromium not found at ${CHROMIUM_PATH}`, () => {});
} else {
  describe('the web checklist at /app/ in Chromium', () => {
    let web: { dir: string; remove(): Promise<void> };
    let svc: WebService;
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      [web, browser] = await Promise.all([buildWebApp(), launchChromium(), mkdir(ARTIFACTS, { recursive: true })]);
      svc = await startWebService(web.dir);
      svc.discord.addOAuthUser({ id: DISCORD_ID, username: 'wol', global_name: 'Warrior of Light' });
      page = await openPage();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await svc?.stop();
      await web?.remove();
    });

    /** A tab that fails fast and remembers script errors and CSP refusals. */
    const openPage = () => openTab(browser.context, pageErrors);

    const checklist = (p = page) => p.locator('#checklist');
    const taskBox = (name: string, p = page) => checklist(p).getByRole('checkbox', { name, exact: true });
    /** The login cookie as the browser keeps it (the page's scripts cannot read it). */
    const refreshCookie = async () => (await browser.context.cookies(`${svc.base}/auth/refresh`)).find((c) => c.name === 'tracker_refresh');
    const logIn = async (p = page) => {
      await p.getByRole('button', { name: 'Log in with Discord' }).click();
      await p.locator('#logout').waitFor();
    };

    it('is served from /app/ under the strict CSP, with no inline script and a revalidated page', async () => {
      const res = await fetch(`${svc.base}/app/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script is a file of ours
      expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
      const asset = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!;
      expect((await fetch(svc.base + asset)).headers.get('cache-control')).toContain('immutable');
    });

    it('logs in through Discord, adds a preset, ticks it, keeps it ticked across a reload, and logs out', async () => {
      await page.goto(`${svc.base}/app/`);
      await page.getByRole('button', { name: 'Log in with Discord' }).waitFor();
      await expectAccessibleInBothSchemes(page, 'the login screen');
      await logIn();
      // Back from Discord: the one-time code and state are gone from the address bar.
      expect(new URL(page.url()).search).toBe('');
      expect(await page.locator('#who').textContent()).toContain('Warrior of Light');

      // A new account is offered its first visit (test/webOnboarding.test.ts); the presets panel works all the same.
      await page.getByRole('heading', { name: 'Link your character' }).waitFor();
      const presets = page.locator('#presets-panel');
      await presets.locator('summary').click();
      await presets.getByRole('checkbox', { name: /Duty Roulette: Expert/ }).check();
      await presets.getByRole('checkbox', { name: /Wondrous Tails/ }).check();
      await presets.getByRole('button', { name: 'Add selected' }).click();
      await taskBox('Duty Roulette: Expert').waitFor();
      await taskBox('Wondrous Tails').waitFor();
      const headings = await checklist().getByRole('heading', { level: 3 }).allTextContents();
      expect(headings).toEqual([
        // The page counts down on the real clock: days and hours, hours and minutes, or (in the last hour) minutes and seconds.
        expect.stringMatching(/^Daily0\/1, 0 of 1 done,resets in (\d+h \d\dm|\d+m \d\ds|\d+s) · \w{3} \d\d:\d\d$/),
        expect.stringMatching(/^Weekly0\/1, 0 of 1 done,resets in (\d+d \d+h|\d+h \d\dm|\d+m \d\ds|\d+s) · \w{3} \d\d:\d\d$/),
      ]);

      const row = checklist().locator('li', { has: page.getByRole('checkbox', { name: 'Duty Roulette: Expert' }) });
      await row.scrollIntoViewIfNeeded();
      const before = await row.boundingBox();
      const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/completion'));
      await taskBox('Duty Roulette: Expert').check();
      expect((await put).status()).toBe(200);
      expect(await row.boundingBox()).toEqual(before); // a ticked row keeps its size and place

      await page.reload();
      await taskBox('Duty Roulette: Expert').waitFor();
      expect(await taskBox('Duty Roulette: Expert').isChecked()).toBe(true);
      expect(await taskBox('Wondrous Tails').isChecked()).toBe(false);

      const jwt = await svc.apiLogin(DISCORD_ID, 'wol');
      const tasks = (await (await fetch(`${svc.base}/tasks`, { headers: { authorization: `Bearer ${jwt}` } })).json()) as { name: string; done: boolean }[];
      expect(tasks.map((t) => [t.name, t.done])).toEqual([
        ['Duty Roulette: Expert', true],
        ['Wondrous Tails', false],
      ]);

      await page.screenshot({ path: `${ARTIFACTS}webApp-desktop.png`, fullPage: true });
      await expectAccessibleInBothSchemes(page, 'the checklist');
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390); // no sideways scrolling
      await page.screenshot({ path: `${ARTIFACTS}webApp-phone.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });

      const cookie = await refreshCookie();
      expect(cookie).toMatchObject({ path: '/auth', httpOnly: true, sameSite: 'Strict' });
      expect(await page.evaluate<string>('document.cookie')).toBe(''); // out of the scripts' reach
      expect(await page.evaluate<number>('sessionStorage.length + localStorage.length')).toBe(0); // nothing else kept
      const refreshToken = cookie!.value;
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('button', { name: 'Log in with Discord' }).waitFor();
      expect(await refreshCookie()).toBeUndefined();
      const refresh = await fetch(`${svc.base}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      expect(refresh.status).toBe(401); // the session is over on the server too
      expect(pageErrors).toEqual([]);
    });

    it('can be driven with the keyboard alone: tick, edit and delete from the row menu, link a character', async () => {
      await logIn();
      await taskBox('Wondrous Tails').focus();
      const put = page.waitForResponse((r) => r.url().endsWith('/completion'));
      await page.keyboard.press('Space');
      expect((await put).status()).toBe(200);
      expect(await taskBox('Wondrous Tails').isChecked()).toBe(true);
      expect(await page.evaluate<string>('document.activeElement.id')).toMatch(/^done-/); // focus survives the redraw

      // Next comes the row's one menu button; Enter opens its menu on the first item, Edit, which opens the editor on the name.
      await page.keyboard.press('Tab');
      const focused = () => page.evaluate<string>('document.activeElement.getAttribute("aria-label") ?? document.activeElement.textContent');
      expect(await focused()).toBe('Actions for Wondrous Tails');
      await page.keyboard.press('Enter');
      expect(await focused()).toBe('Edit');
      await page.keyboard.press('Enter');
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('Khloe’s journal');
      await page.keyboard.press('Enter');
      await taskBox('Khloe’s journal').waitFor();
      expect(await focused()).toBe('Actions for Khloe’s journal'); // back on the row's menu button

      page.once('dialog', (d) => void d.accept());
      await page.keyboard.press('ArrowUp'); // opens the menu on its last item
      expect(await focused()).toBe('Delete');
      await page.keyboard.press('Enter'); // confirmed
      await taskBox('Khloe’s journal').waitFor({ state: 'detached' });
      expect(await page.evaluate<string>('document.activeElement.id')).toMatch(/^done-/); // on the row that took its place

      await page.locator('#characters-h ~ details > summary').focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.type('12345678');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Y’shtola Rhul');
      await page.keyboard.press('Tab');
      await page.keyboard.type('moogle');
      await page.keyboard.press('Tab'); // leaving World fills in the data center and region
      expect(await page.locator('#char-dc').inputValue()).toBe('Chaos');
      await page.locator('#link-character-form').getByRole('button', { name: 'Link character' }).press('Enter');
      await page.locator('.characters li', { hasText: 'Y’shtola Rhul' }).getByText('Moogle · Chaos · Europe').waitFor();
      expect(await page.locator('#preset-owner option').allTextContents()).toEqual(['Account-wide', 'Y’shtola Rhul (Moogle)']);
      expect(pageErrors).toEqual([]);
    });

    it('rolls a tick back and shows the API’s sentence when the API refuses it', async () => {
      await page.route('**/completion', (route) =>
        route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ code: 'NOT_FOUND', error: 'Task not found.' }) }),
      );
      await taskBox('Duty Roulette: Expert').click();
      await page.getByRole('alert').filter({ hasText: '“Duty Roulette: Expert” could not be marked not done: Task not found.' }).waitFor();
      expect(await taskBox('Duty Roulette: Expert').isChecked()).toBe(true);
      await page.unroute('**/completion');
    });

    it('shows a Retry banner while the API is unreachable, and recovers', async () => {
      await page.route('**/tasks/*/completion', (route) => route.abort('internetdisconnected'));
      await taskBox('Duty Roulette: Expert').click();
      const banner = page.locator('#offline');
      await banner.getByText('Cannot reach the tracker service').waitFor();
      expect(await taskBox('Duty Roulette: Expert').isChecked()).toBe(true);
      await page.unroute('**/tasks/*/completion');
      await banner.getByRole('button', { name: 'Retry' }).click();
      await banner.waitFor({ state: 'hidden' });
    });

    it('refreshes an expired access token silently and carries on', async () => {
      svc.clock.advance(16 * 60_000); // past the 15-minute JWT
      const refreshed = page.waitForResponse((r) => r.url().endsWith('/auth/refresh'));
      const retried = page.waitForResponse((r) => r.url().endsWith('/completion') && r.status() === 200);
      await taskBox('Duty Roulette: Expert').click();
      expect((await refreshed).status()).toBe(200);
      await retried;
      expect(await taskBox('Duty Roulette: Expert').isChecked()).toBe(false);
      expect(await page.locator('#logout').isVisible()).toBe(true);
    });

    it('goes back to the login screen when the session ends, keeping what was typed', async () => {
      await page.locator('#add-task-panel summary').click();
      await page.locator('#new-name').fill('Island Sanctuary');
      // Another device ends every session; this tab finds out on its next call.
      const jwt = await svc.apiLogin(DISCORD_ID, 'wol');
      await fetch(`${svc.base}/auth/logout-all`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` } });
      await taskBox('Duty Roulette: Expert').click();
      await page.getByText(/Your session has ended/).waitFor();

      await logIn();
      await page.locator('#add-task-panel summary').click();
      expect(await page.locator('#new-name').inputValue()).toBe('Island Sanctuary');
      await page.getByRole('button', { name: 'Add task' }).click();
      await taskBox('Island Sanctuary').waitFor();
      expect(await page.evaluate<string[]>(`Object.keys(sessionStorage).filter((k) => k.includes('draft'))`)).toEqual([]);
    });

    it('refreshes on its own a minute before the access token expires', async () => {
      const tab = await openPage();
      await page.goto('about:blank'); // the other tab, whose own timers would refresh for both (test/webSession.test.ts)
      await tab.clock.install();
      await tab.goto(`${svc.base}/app/`);
      await tab.locator('#logout').waitFor(); // a new tab is logged in by the cookie (test/webSession.test.ts)

      const refreshed = tab.waitForResponse((r) => r.url().endsWith('/auth/refresh'));
      await tab.clock.runFor('14:01'); // 900 s tokens are renewed at 840 s
      expect((await refreshed).status()).toBe(200);
      await tab.close();
      expect(pageErrors).toEqual([]);
    });
  });
}
