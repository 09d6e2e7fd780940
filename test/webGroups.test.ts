import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../src/groups/group.types.js';
import { expectAccessibleInBothSchemes } from './web/axe.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, openTab, type Browser } from './web/browser.js';
import { buildWebApp, startWebService, type WebService } from './web/webService.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PLAYER = { id: '1300000000000000555', username: 'alyx', global_name: 'Alyx' };
const GUILD = '1100000000000000100';
/** The page's poll interval for this test (`?pollMs=`; the page's floor is one second). */
const POLL_MS = 1_000;

if (!chromiumAvailable()) {
  console.warn(`\n!!! test/webGroups.test.ts: the browser tests are SKIPPED, no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH. !!!\n`);
  it.skip(`group boards in a real browser — SKIPPED: Chromium not found at ${CHROMIUM_PATH}`, () => {});
} else {
  describe('group boards at /app/ in Chromium', () => {
    let web: { dir: string; remove(): Promise<void> };
    let svc: WebService;
    let browser: Browser;
    let page: Page;
    let me: { id: string };
    let bob: { id: string };
    let alyxCharacterId: string;
    let bobRaidTask: string;
    let statik: Group;
    let crew: Group;
    const pageErrors: string[] = [];
    /** Every answer to GET /groups/<Static's id>, in order: the polls. */
    const polls: number[] = [];

    beforeAll(async () => {
      [web, browser] = await Promise.all([buildWebApp(), launchChromium(), mkdir(ARTIFACTS, { recursive: true })]);
      svc = await startWebService(web.dir);
      svc.discord.addOAuthUser(PLAYER);
      const s = svc.services;
      // The player exists before the browser logs in (the login finds them by Discord id), and so does Bob.
      me = await s.users.upsertFromDiscord({ discordId: PLAYER.id, username: PLAYER.username, globalName: PLAYER.global_name });
      bob = await s.users.upsertFromDiscord({ discordId: '1300000000000000556', username: 'bob', globalName: 'Bob' });
      const alyx = await s.characters.link(me.id, { lodestoneId: '11111111', name: 'Alyx Bergen', world: 'Cerberus', datacenter: 'Chaos', region: 'eu' });
      const bobs = await s.characters.link(bob.id, { lodestoneId: '22222222', name: 'Bob Builder', world: 'Moogle', datacenter: 'Chaos', region: 'eu' });
      alyxCharacterId = alyx.id;
      // No verification with the Lodestone off: Bob's character is marked verified in the store.
      await svc.store.db.updateTable('characters').set({ verified_at: Date.now() }).where('id', '=', bobs.id).execute();
      const owner = { userId: bob.id, canManageServer: true, roleIds: [] };
      statik = await s.groups.create(owner, { guildId: GUILD, name: 'Static', presets: ['wondrous-tails', 'savage-raid-loot'] });
      crew = await s.groups.create(owner, { guildId: GUILD, name: 'Savage Crew', presets: ['wondrous-tails', 'tomestone-cap', 'faux-hollows'] });
      await s.tasks.addPresets(me.id, { keys: ['wondrous-tails'], characterId: alyx.id });
      const bobTasks = (await s.tasks.addPresets(bob.id, { keys: ['wondrous-tails', 'savage-raid-loot'], characterId: bobs.id })).added;
      await s.tasks.complete(bob.id, bobTasks.find((t) => t.presetKey === 'wondrous-tails')!.id);
      bobRaidTask = bobTasks.find((t) => t.presetKey === 'savage-raid-loot')!.id;
      await s.groups.join(bob.id, statik.id, null);
      await s.groups.join(bob.id, crew.id, null);
      await s.groups.join(me.id, statik.id, alyx.id);

      page = await openTab(browser.context, pageErrors);
      page.on('response', (r) => {
        if (r.request().method() === 'GET' && new URL(r.url()).pathname === `/groups/${statik.id}`) polls.push(r.status());
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await svc?.stop();
      await web?.remove();
    });

    const board = (name: string) => page.locator('section.board', { has: page.getByRole('heading', { level: 3, name, exact: true }) });
    const table = (name: string) => page.getByRole('table', { name, exact: true });
    /** A board's rows as [row header, cell, cell…] texts; cells read as the emoji and then their words. */
    const rows = (name: string) =>
      table(name)
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from((tr as unknown as { children: ArrayLike<{ textContent: string | null }> }).children, (c) => c.textContent ?? '')));
    const cellOf = (name: string, character: string, column: number) => table(name).locator('tbody tr', { hasText: character }).locator('td').nth(column);
    const apiGroups = async () => {
      const jwt = await svc.apiLogin(PLAYER.id, PLAYER.username);
      return ((await (await svc.api('/groups', { token: jwt })).json()) as { name: string }[]).map((g) => g.name);
    };

    it('shows each group’s board: members’ characters, the tracked presets, done / open / not tracked, and the next reset', async () => {
      await page.goto(`${svc.base}/app/`);
      await page.getByRole('button', { name: 'Log in with Discord' }).click();
      await page.locator('#logout').waitFor();
      await table('Static').waitFor(); // this load's first read is done, so none of its answers is counted below
      // The session goes on across a reload (the login cookie); this load polls every second.
      polls.length = 0;
      await page.goto(`${svc.base}/app/?pollMs=${POLL_MS}`);
      const groups = page.getByRole('region', { name: 'Groups' });
      await table('Static').waitFor();
      expect(await groups.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Static']);
      expect(await board('Static').locator('.board-meta').textContent()).toBe('2 members');
      expect(await table('Static').locator('thead th').allTextContents()).toEqual(['Character', 'Wondrous Tails', 'Savage raid loot']);
      expect(await rows('Static')).toEqual([
        ['Alyx BergenyouCerberus', '⬜open', '➖not tracked'],
        ['Bob Builder☑️, verifiedMoogle · Bob', '✅done', '⬜open'],
      ]);
      expect(await table('Static').locator('tbody tr').first().getAttribute('class')).toBe('you');
      expect(await table('Static').locator('tbody th[scope="row"]').count()).toBe(2);
      expect(await cellOf('Static', 'Bob Builder', 0).getAttribute('title')).toBe('Wondrous Tails: done');
      expect(await board('Static').locator('.board-reset').textContent()).toMatch(/^next reset in (\d+d \d+h|\d+h \d\dm|\d+m \d\ds|\d+s) · \w{3} \d\d:\d\d$/);
      // The board scrolls on its own when it is wider than the screen, and the keyboard can reach it to scroll it.
      expect(await page.getByRole('region', { name: 'Board of Static' }).getAttribute('tabindex')).toBe('0');
      await page.locator('#groups-panel').screenshot({ path: `${ARTIFACTS}webGroups-panel.png` });
      await expectAccessibleInBothSchemes(page, 'the checklist with group boards');
    });

    it('polls with If-None-Match: 304 while nothing changed, then redraws by itself, keeping focus and a selection', async () => {
      const before = polls.length;
      await expect.poll(() => polls.length, { timeout: 3 * POLL_MS + 2_000 }).toBeGreaterThanOrEqual(before + 2);
      expect(polls[0]).toBe(200); // the first read of the board
      expect(polls.slice(1)).toEqual(polls.slice(1).map(() => 304)); // then only "not modified"

      // The player has selected a world's name and is on the Leave button when Bob ticks his raid loot elsewhere.
      await page.evaluate(`(() => {
        const small = document.querySelector('tr.you th small');
        const range = document.createRange();
        range.selectNodeContents(small);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        document.querySelector('[aria-label="Leave Static"]').focus();
      })()`);
      await svc.services.tasks.complete(bob.id, bobRaidTask);
      await expect.poll(() => cellOf('Static', 'Bob Builder', 1).textContent(), { timeout: 2 * POLL_MS + 1_000 }).toBe('✅done');
      expect(polls.at(-1)).toBe(200);
      expect(await page.evaluate<string>('getSelection().toString()')).toBe('Cerberus');
      expect(await page.evaluate<string>('document.activeElement.getAttribute("aria-label")')).toBe('Leave Static');
    });

    it('stops polling while the page is hidden, and asks at once when it is shown again', async () => {
      const setHidden = (hidden: boolean) =>
        page.evaluate(`(() => {
          if (${hidden}) Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
          else delete document.hidden;
          document.dispatchEvent(new Event('visibilitychange'));
        })()`);
      await setHidden(true);
      await page.waitForTimeout(200); // a poll already on its way may still land
      const whileHidden = polls.length;
      await page.waitForTimeout(2 * POLL_MS + 300);
      expect(polls.length).toBe(whileHidden);
      // Without the resume there would be no poll at all: the timer stopped while the page was hidden.
      const shown = page.waitForResponse((r) => new URL(r.url()).pathname === `/groups/${statik.id}`, { timeout: 2_000 });
      await setHidden(false);
      expect((await shown).status()).toBe(304);
    });

    it('refreshes the boards right after the player ticks a tracked task on this page', async () => {
      // A ten-minute interval: only the tick can bring the change in time.
      await page.goto(`${svc.base}/app/?pollMs=600000`);
      await table('Static').waitFor();
      expect(await cellOf('Static', 'Alyx Bergen', 0).textContent()).toBe('⬜open');
      await page.locator('#checklist').getByRole('checkbox', { name: 'Wondrous Tails', exact: true }).check();
      await expect.poll(() => cellOf('Static', 'Alyx Bergen', 0).textContent(), { timeout: 2_000 }).toBe('✅done');
    });

    it('joins by id with one character, tracks the missing presets in one click, and shows the board', async () => {
      const join = page.locator('#join-group-form');
      await page.locator('details.join > summary').click();
      await join.getByLabel('Group id').fill(crew.id);
      expect(await join.getByLabel('Join with').locator('option').allTextContents()).toEqual(['All my characters', 'Alyx Bergen (Cerberus)']);
      await join.getByLabel('Join with').selectOption({ label: 'Alyx Bergen (Cerberus)' });
      await join.getByRole('button', { name: 'Join' }).click();
      await join.getByRole('status').filter({ hasText: 'You joined Savage Crew; its board is below.' }).waitFor();
      const missing = page.locator('.missing');
      expect(await missing.locator('p').first().textContent()).toBe(
        'You do not track 2 of its presets yet: Weekly tomestone cap and Faux Hollows. Until you do, they show ➖ on the board.',
      );
      await table('Savage Crew').waitFor();
      expect(await rows('Savage Crew')).toEqual([
        ['Alyx BergenyouCerberus', '✅done', '➖not tracked', '➖not tracked'],
        ['Bob Builder☑️, verifiedMoogle · Bob', '✅done', '➖not tracked', '➖not tracked'],
      ]);
      expect(await join.getByLabel('Group id').inputValue()).toBe(''); // done with

      await missing.getByRole('button', { name: 'Track Weekly tomestone cap and Faux Hollows for Alyx Bergen' }).click();
      await missing.getByText('Added 2 tasks for Alyx Bergen: Weekly tomestone cap and Faux Hollows are on the board of Savage Crew now.').waitFor();
      expect(await page.evaluate<string>('document.activeElement.textContent')).toMatch(/^Added 2 tasks/); // the button went: the keyboard did not
      await expect.poll(() => rows('Savage Crew'), { timeout: 2_000 }).toEqual([
        ['Alyx BergenyouCerberus', '✅done', '⬜open', '⬜open'],
        ['Bob Builder☑️, verifiedMoogle · Bob', '✅done', '➖not tracked', '➖not tracked'],
      ]);
      const tasks = await svc.services.tasks.list(me.id);
      expect(tasks.filter((t) => t.characterId === alyxCharacterId).map((t) => t.presetKey).sort()).toEqual(['faux-hollows', 'tomestone-cap', 'wondrous-tails']);
      await page.locator('#checklist').getByRole('checkbox', { name: 'Faux Hollows', exact: true }).waitFor();
      expect(await apiGroups()).toEqual(['Savage Crew', 'Static']);

      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390); // a wide board scrolls in its box, not the page
      await page.screenshot({ path: `${ARTIFACTS}webGroups-phone.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('shows the API’s sentence for an id that names no group, and changes nothing', async () => {
      const join = page.locator('#join-group-form');
      await join.getByLabel('Group id').fill('0b7c2d4e-0000-4000-8000-000000000000');
      await join.getByRole('button', { name: 'Join' }).click();
      await join.getByRole('alert').filter({ hasText: /^Group was not found\.$/ }).waitFor();
      expect(await join.getByLabel('Group id').inputValue()).toBe('0b7c2d4e-0000-4000-8000-000000000000'); // kept, to correct
      expect(await page.getByRole('region', { name: 'Groups' }).getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Savage Crew', 'Static']);
      expect(await apiGroups()).toEqual(['Savage Crew', 'Static']);
    });

    it('leaves a group after asking in the page (Escape cancels), and the board goes', async () => {
      const crewBoard = board('Savage Crew');
      await crewBoard.getByRole('button', { name: 'Leave Savage Crew' }).click();
      const ask = crewBoard.getByRole('group', { name: /^Leave Savage Crew\?/ });
      await ask.waitFor();
      expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Cancel'); // Enter twice does not leave
      await page.keyboard.press('Escape');
      await ask.waitFor({ state: 'detached' });
      expect(await page.evaluate<string>('document.activeElement.getAttribute("aria-label")')).toBe('Leave Savage Crew');

      await page.keyboard.press('Enter');
      const left = page.waitForResponse((r) => r.request().method() === 'DELETE');
      await ask.getByRole('button', { name: 'Leave Savage Crew' }).click();
      expect((await left).status()).toBe(204);
      await crewBoard.waitFor({ state: 'detached' });
      await page.getByRole('alert').filter({ hasText: 'You left Savage Crew.' }).waitFor();
      expect(await page.evaluate<string>('document.activeElement.id')).toBe('groups-h');
      expect(await apiGroups()).toEqual(['Static']);
      expect(pageErrors).toEqual([]);
    });
  });
}
