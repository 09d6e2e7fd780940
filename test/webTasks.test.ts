import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../src/bot/bot.js';
import { loadCommands } from '../src/bot/registry.js';
import { parseConfig } from '../src/config.js';
import { chatInput } from './fakeDiscord/index.js';
import { silentLog } from './helpers/testStore.js';
import { expectAccessibleInBothSchemes } from './web/axe.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, openTab, type Browser } from './web/browser.js';
import { buildWebApp, startWebService, type WebService } from './web/webService.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const DISCORD_ID = '1300000000000000888';

interface TaskJson {
  id: string;
  name: string;
  cadence: string;
  characterId: string | null;
  notes: string | null;
  intervalHours: number | null;
  hidden: boolean;
  done: boolean;
}

if (!chromiumAvailable()) {
  console.warn(`\n!!! test/webTasks.test.ts: the browser tests are SKIPPED, no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH. !!!\n`);
  it.skip(`ordering, hiding and editing tasks in a real browser — SKIPPED: Chromium not found at ${CHROMIUM_PATH}`, () => {});
} else {
  describe('ordering, hiding and editing tasks on the web checklist, in Chromium', () => {
    let web: { dir: string; remove(): Promise<void> };
    let svc: WebService;
    let browser: Browser;
    let bot: Bot;
    let page: Page;
    let jwt: string;
    let character: { id: string; name: string };
    const ids: Record<string, string> = {};
    const pageErrors: string[] = [];

    /** Our own look at the store over the API, as another client would have it. */
    const api = async <T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> => {
      const res = await svc.api(path, { ...init, token: jwt });
      expect(res.ok, `${path} answered ${res.status}`).toBe(true);
      return (await res.json()) as T;
    };
    const apiNames = async () => (await api<TaskJson[]>('/tasks?hidden=include')).map((t) => t.name);

    beforeAll(async () => {
      [web, browser] = await Promise.all([buildWebApp(), launchChromium(), mkdir(ARTIFACTS, { recursive: true })]);
      svc = await startWebService(web.dir);
      // The real bot over the same store, logged in to the same fake Discord that the page logs in through.
      const config = parseConfig({ JWT_SECRET: 'x'.repeat(40), DISCORD_TOKEN: svc.discord.botToken, DISCORD_CLIENT_ID: svc.discord.applicationId, DISCORD_API_URL: svc.discord.apiUrl });
      bot = await startBot({ config, services: svc.services, clock: svc.clock.now, log: silentLog, commands: await loadCommands() });

      jwt = await svc.apiLogin(DISCORD_ID, 'wol');
      character = await api('/characters', { method: 'POST', json: { lodestoneId: '33000001', name: 'Y’shtola Rhul', world: 'Moogle', datacenter: 'Chaos', region: 'eu' } });
      for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta']) ids[name] = (await api<TaskJson>('/tasks', { method: 'POST', json: { name, cadence: 'daily' } })).id;
      ids.Maps = (await api<TaskJson>('/tasks', { method: 'POST', json: { name: 'Maps', cadence: 'weekly' } })).id;
      await api('/tasks/presets', { method: 'POST', json: { keys: ['roulette-expert', 'wondrous-tails'], characterId: character.id } });
      svc.discord.addOAuthUser({ id: DISCORD_ID, username: 'wol', global_name: 'Warrior of Light' });

      page = await openTab(browser.context, pageErrors);
      await page.goto(`${svc.base}/app/`);
      await page.getByRole('button', { name: 'Log in with Discord' }).click();
      await page.locator('#logout').waitFor();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await bot?.stop();
      await svc?.stop();
      await web?.remove();
    });

    const checklist = () => page.locator('#checklist');
    const box = (name: string) => checklist().getByRole('checkbox', { name, exact: true });
    const row = (name: string) => checklist().locator('li[data-task-row]', { has: page.getByRole('checkbox', { name, exact: true }) });
    const menuButton = (name: string) => checklist().getByRole('button', { name: `Actions for ${name}`, exact: true });
    /** The names of one list (an owner's tasks of one cadence), top to bottom. */
    const listNames = (owner: string, cadence: string) => checklist().locator(`section.group:has(#group-${owner}-${cadence}) .tasks .name`).allTextContents();
    const dailyNames = () => listNames('account', 'daily');
    const announced = () => page.locator('#checklist-announcer').textContent();
    const focusedLabel = () => page.evaluate<string>('document.activeElement.getAttribute("aria-label") ?? document.activeElement.textContent');
    const focusedId = () => page.evaluate<string>('document.activeElement.id');
    const orderSent = () => page.waitForRequest((r) => r.method() === 'PUT' && r.url().endsWith('/tasks/order'));
    const orderSaved = () => page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/tasks/order'));
    /** What the bot's `/tasks` lists for this player, as one text. */
    const botTasks = async () => {
      const cb = await svc.discord.dispatchInteraction(chatInput('tasks', [], { user: { id: DISCORD_ID, username: 'wol' } }));
      return cb.data!.embeds!.flatMap((e) => e.fields ?? []).map((f) => f.value).join('\n');
    };
    const reload = async () => {
      await page.reload();
      await box('Alpha').or(box('Bravo')).first().waitFor();
    };
    /** Drags a row by its handle with the mouse onto the upper half of another row. */
    async function drag(name: string, onto: Locator) {
      const from = (await row(name).locator('.drag-handle').boundingBox())!;
      const to = (await onto.boundingBox())!;
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2, to.y + to.height / 4, { steps: 12 });
      await page.mouse.up();
    }

    it('reorders by dragging the handle; the order persists, and the API and the bot follow it', async () => {
      expect(await dailyNames()).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
      const saved = orderSaved();
      const sent = orderSent();
      await drag('Delta', row('Alpha'));
      expect((await saved).status()).toBe(200);
      expect(await dailyNames()).toEqual(['Delta', 'Alpha', 'Bravo', 'Charlie']);
      expect(await announced()).toBe('Delta moved to 1 of 4');
      // Every task is sent, the other lists' ones in their places.
      expect(((await sent).postDataJSON() as { ids: string[] }).ids.length).toBe(7);

      await reload();
      expect(await dailyNames()).toEqual(['Delta', 'Alpha', 'Bravo', 'Charlie']);
      expect((await apiNames()).slice(0, 4)).toEqual(['Delta', 'Alpha', 'Bravo', 'Charlie']);
      const said = await botTasks();
      const at = (name: string) => said.indexOf(name);
      expect([at('Delta'), at('Alpha'), at('Bravo'), at('Charlie')].every((i) => i >= 0)).toBe(true);
      expect(at('Delta') < at('Alpha') && at('Alpha') < at('Bravo') && at('Bravo') < at('Charlie')).toBe(true);
    });

    it('moves a task from the keyboard (Alt+arrows on its box, Move up/down in its menu), keeping focus on it', async () => {
      await box('Alpha').focus();
      let saved = orderSaved();
      await page.keyboard.press('Alt+ArrowDown');
      expect((await saved).status()).toBe(200);
      expect(await dailyNames()).toEqual(['Delta', 'Bravo', 'Alpha', 'Charlie']);
      expect(await focusedId()).toBe(`done-${ids.Alpha}`);
      expect(await announced()).toBe('Alpha moved to 3 of 4');

      await menuButton('Charlie').focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown'); // Edit → Move up
      expect(await focusedLabel()).toBe('Move up');
      saved = orderSaved();
      await page.keyboard.press('Enter');
      expect((await saved).status()).toBe(200);
      expect(await dailyNames()).toEqual(['Delta', 'Bravo', 'Charlie', 'Alpha']);
      expect(await focusedLabel()).toBe('Actions for Charlie');
      expect(await announced()).toBe('Charlie moved to 3 of 4');

      // At the ends the move that cannot happen is there but disabled.
      await menuButton('Delta').click();
      expect(await page.getByRole('menuitem', { name: 'Move up' }).getAttribute('aria-disabled')).toBe('true');
      await page.keyboard.press('Escape');
      await reload();
      expect(await dailyNames()).toEqual(['Delta', 'Bravo', 'Charlie', 'Alpha']);
      expect((await apiNames()).slice(0, 4)).toEqual(['Delta', 'Bravo', 'Charlie', 'Alpha']);
    });

    it('rolls a refused reorder back and says why', async () => {
      await page.route('**/tasks/order', (route) =>
        route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ code: 'NOT_FOUND', error: 'Task was not found.' }) }),
      );
      await box('Charlie').focus();
      await page.keyboard.press('Alt+ArrowUp');
      await page.getByRole('alert').filter({ hasText: 'The new order could not be saved: Task was not found.' }).waitFor();
      expect(await dailyNames()).toEqual(['Delta', 'Bravo', 'Charlie', 'Alpha']);
      expect(await focusedId()).toBe(`done-${ids.Charlie}`);
      await page.unroute('**/tasks/order');
      expect((await apiNames()).slice(0, 4)).toEqual(['Delta', 'Bravo', 'Charlie', 'Alpha']);
    });

    it('opens the row menu from the keyboard as a menu button does, and it passes axe open', async () => {
      const button = menuButton('Bravo');
      await button.focus();
      expect(await button.getAttribute('aria-haspopup')).toBe('menu');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('ArrowDown');
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      const menu = page.getByRole('menu', { name: 'Actions for Bravo' });
      expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Edit', 'Move up', 'Move down', 'Hide', 'Delete']);
      expect(await focusedLabel()).toBe('Edit');
      await page.keyboard.press('ArrowDown');
      expect(await focusedLabel()).toBe('Move up');
      await page.keyboard.press('End');
      expect(await focusedLabel()).toBe('Delete');
      await page.keyboard.press('ArrowDown'); // wraps
      expect(await focusedLabel()).toBe('Edit');
      await page.keyboard.press('ArrowUp');
      expect(await focusedLabel()).toBe('Delete');
      await page.keyboard.press('Home');
      expect(await focusedLabel()).toBe('Edit');
      await expectAccessibleInBothSchemes(page, 'the checklist with a row menu open');
      await page.keyboard.press('Escape');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await menu.isHidden()).toBe(true);
      expect(await focusedLabel()).toBe('Actions for Bravo');
      // ArrowUp opens it on its last item; Tab closes it and moves on.
      await page.keyboard.press('ArrowUp');
      expect(await focusedLabel()).toBe('Delete');
      await page.keyboard.press('Tab');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      // A click elsewhere closes it too.
      await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      await page.locator('#checklist-h').evaluate((h) => h.scrollIntoView());
      await page.mouse.click(5, 5);
      expect(await button.getAttribute('aria-expanded')).toBe('false');
    });

    it('hides a task, shows it again with "Show hidden" (remembered), and the bot leaves it out', async () => {
      await menuButton('Bravo').click();
      const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/tasks/${ids.Bravo}`));
      await page.getByRole('menuitem', { name: 'Hide' }).click();
      expect((await patched).status()).toBe(200);
      await row('Bravo').waitFor({ state: 'detached' });
      expect(await dailyNames()).toEqual(['Delta', 'Charlie', 'Alpha']);
      expect(await focusedId()).toBe(`done-${ids.Charlie}`); // the row that took its place
      expect((await api<TaskJson[]>('/tasks?hidden=only')).map((t) => t.name)).toEqual(['Bravo']);
      expect(await botTasks()).not.toContain('Bravo');
      // Hidden tasks do not count: three daily tasks of the account now.
      expect(await checklist().locator('section.group:has(#group-account-daily) h3 .progress [aria-hidden]').textContent()).toBe('0/3');

      // A move while it is hidden still sends it, in its place.
      const sent = orderSent();
      await box('Alpha').focus();
      await page.keyboard.press('Alt+ArrowUp');
      expect(((await sent).postDataJSON() as { ids: string[] }).ids.slice(0, 4)).toEqual([ids.Delta, ids.Bravo, ids.Alpha, ids.Charlie]);

      const toggle = checklist().getByRole('button', { name: 'Show hidden (1)' });
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      await toggle.click();
      await box('Bravo').waitFor();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      expect(await dailyNames()).toEqual(['Delta', 'Bravo', 'Alpha', 'Charlie']);
      expect(await row('Bravo').getAttribute('class')).toContain('is-hidden');
      expect(await row('Bravo').locator('.sub').textContent()).toBe('Hidden');
      expect(await box('Bravo').getAttribute('aria-describedby')).toBe(`about-${ids.Bravo}`);
      await expectAccessibleInBothSchemes(page, 'the checklist with hidden tasks shown');

      await reload(); // remembered on this browser
      await box('Bravo').waitFor();
      expect(await checklist().getByRole('button', { name: 'Show hidden (1)' }).getAttribute('aria-pressed')).toBe('true');

      await menuButton('Bravo').click();
      const shown = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/tasks/${ids.Bravo}`));
      await page.getByRole('menuitem', { name: 'Show' }).click();
      expect((await shown).status()).toBe(200);
      await checklist().getByRole('button', { name: /Show hidden/ }).waitFor({ state: 'detached' });
      expect(await row('Bravo').getAttribute('class')).not.toContain('is-hidden');
      expect(await botTasks()).toContain('Bravo');
    });

    it('edits every field of a task in its row, keeps what is typed across a redraw, and Escape cancels', async () => {
      await menuButton('Maps').click();
      await page.getByRole('menuitem', { name: 'Edit' }).click();
      const editor = page.getByRole('form', { name: 'Edit Maps' });
      expect(await focusedId()).toBe(`edit-name-${ids.Maps}`);
      await editor.getByLabel('Name').fill('Timeworn maps');
      await editor.getByLabel('Notes').fill('One gathered map, then decipher');
      await editor.getByLabel('Resets').selectOption('cooldown');
      await editor.getByLabel('Hours between runs').fill('20');
      await editor.getByLabel('For', { exact: true }).selectOption(character.id);
      // Another row ticked meanwhile redraws the checklist: the half-made edit stays.
      const ticked = page.waitForResponse((r) => r.url().endsWith(`/tasks/${ids.Delta}/completion`));
      await box('Delta').click();
      await ticked;
      expect(await editor.getByLabel('Name').inputValue()).toBe('Timeworn maps');
      expect(await editor.getByLabel('Resets').inputValue()).toBe('cooldown');
      await expectAccessibleInBothSchemes(page, 'the checklist with the task editor open');
      await page.screenshot({ path: `${ARTIFACTS}webTasks-editor.png`, fullPage: true });

      const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/tasks/${ids.Maps}`));
      await editor.getByRole('button', { name: 'Save' }).click();
      expect((await saved).status()).toBe(200);
      await box('Timeworn maps').waitFor();
      expect(await focusedLabel()).toBe('Actions for Timeworn maps');
      expect(await listNames(character.id, 'cooldown')).toEqual(['Timeworn maps']);
      expect(await row('Timeworn maps').locator('.notes').textContent()).toBe('One gathered map, then decipher');
      expect(await api<TaskJson>(`/tasks/${ids.Maps}`)).toMatchObject({
        name: 'Timeworn maps',
        notes: 'One gathered map, then decipher',
        cadence: 'cooldown',
        intervalHours: 20,
        characterId: character.id,
      });

      // Escape leaves the editor without saving, focus back on the row's menu button.
      await menuButton('Alpha').click();
      await page.getByRole('menuitem', { name: 'Edit' }).click();
      await page.keyboard.type(' and more');
      await page.keyboard.press('Escape');
      await box('Alpha').waitFor();
      expect(await focusedLabel()).toBe('Actions for Alpha');
      expect((await api<TaskJson>(`/tasks/${ids.Alpha}`)).name).toBe('Alpha');

      // A preset's reset is the game's: its editor says so instead of offering a cadence.
      await menuButton('Duty Roulette: Expert').click();
      await page.getByRole('menuitem', { name: 'Edit' }).click();
      const presetEditor = page.getByRole('form', { name: 'Edit Duty Roulette: Expert' });
      expect(await presetEditor.getByLabel('Resets').count()).toBe(0);
      await presetEditor.getByText('Daily, as in the game').waitFor();
      await presetEditor.getByRole('button', { name: 'Cancel' }).click();
      expect(pageErrors).toEqual([]);
    });

    it("shows each owner's progress and a clear all-done state until the next reset", async () => {
      const bar = (owner: string) => checklist().getByRole('progressbar', { name: new RegExp(`^${owner}: \\d+ of \\d+ done$`) });
      const yshtola = checklist().locator('section.owner', { has: page.locator(`#owner-${character.id}`) });
      expect(await bar('Y’shtola Rhul').getAttribute('aria-label')).toBe('Y’shtola Rhul: 0 of 3 done');
      for (const name of ['Duty Roulette: Expert', 'Wondrous Tails', 'Timeworn maps']) {
        const done = page.waitForResponse((r) => r.url().endsWith('/completion'));
        await box(name).click();
        await done;
      }
      await yshtola.getByText(/^All done until the reset — next in \d/).waitFor();
      await yshtola.screenshot({ path: `${ARTIFACTS}webTasks-all-done.png` });
      expect(await bar('Y’shtola Rhul').getAttribute('aria-label')).toBe('Y’shtola Rhul: 3 of 3 done');
      expect(await bar('Y’shtola Rhul').evaluate((p) => [(p as unknown as { value: number }).value, (p as unknown as { max: number }).max])).toEqual([3, 3]);
      // The account is not done yet: Delta of four daily tasks and the hidden-then-shown Bravo.
      expect(await bar('Account-wide').getAttribute('aria-label')).toBe('Account-wide: 1 of 4 done');
      expect(await checklist().locator('.all-done-note').count()).toBe(1);
      // Reopening one ends the all-done state.
      await box('Wondrous Tails').click();
      await yshtola.locator('.all-done-note').waitFor({ state: 'detached' });
    });

    it('keeps rows one line high on a 390-px phone, with no sideways scrolling', async () => {
      await api(`/tasks/${ids.Charlie}`, { method: 'PATCH', json: { name: 'Charlie, a very long name that cannot fit on one line of a phone screen at all', notes: 'A note under it' } });
      await page.setViewportSize({ width: 390, height: 844 });
      await reload();
      const long = 'Charlie, a very long name that cannot fit on one line of a phone screen at all';
      await box(long).waitFor();
      const heights = await checklist().locator('li.task').evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
      expect(new Set(heights).size).toBe(1); // with notes or without, long name or short
      // Cut short with an ellipsis, on one line as high as a short name's.
      const lineOf = (name: string) => row(name).locator('.name').evaluate((el) => [el.scrollWidth > el.clientWidth, Math.round(el.getBoundingClientRect().height)]);
      const [cut, height] = await lineOf(long);
      expect([cut, height]).toEqual([true, (await lineOf('Alpha'))[1]]);
      expect(await row(long).locator('label').getAttribute('title')).toBe(long);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      // Each owner's count and bar stay beside its heading, a long character name wrapping instead.
      const beside = await checklist()
        .locator('.owner-head')
        .evaluateAll((heads) =>
          heads.map((head) => {
            const name = head.querySelector('h2')!.getBoundingClientRect();
            const bar = head.querySelector('progress')!.getBoundingClientRect();
            return bar.top + bar.height / 2 > name.top && bar.top + bar.height / 2 < name.bottom && bar.left >= name.right;
          }),
        );
      expect(beside.length).toBeGreaterThan(1);
      expect(beside.every(Boolean)).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}webTasks-phone.png`, fullPage: true });
      await menuButton(long).click();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.screenshot({ path: `${ARTIFACTS}webTasks-phone-menu.png` });
      await page.keyboard.press('Escape');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: `${ARTIFACTS}webTasks-phone-dark.png`, fullPage: true });
      await page.emulateMedia({ colorScheme: 'light' });

      // A finger drags by the handle too (real touch events, through the DevTools protocol): Alpha above Bravo.
      expect(await dailyNames()).toEqual(['Delta', 'Bravo', 'Alpha', long]);
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x = 0, y = 0) =>
        cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
      await row('Alpha').scrollIntoViewIfNeeded();
      const from = (await row('Alpha').locator('.drag-handle').boundingBox())!;
      const to = (await row('Bravo').boundingBox())!;
      const x = from.x + from.width / 2;
      const saved = orderSaved();
      await touch('touchStart', x, from.y + from.height / 2);
      for (let i = 1; i <= 8; i++) await touch('touchMove', x, from.y + from.height / 2 + ((to.y + to.height / 4 - from.y - from.height / 2) * i) / 8);
      await touch('touchEnd');
      expect((await saved).status()).toBe(200);
      expect(await dailyNames()).toEqual(['Delta', 'Alpha', 'Bravo', long]);
      await cdp.detach();
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(pageErrors).toEqual([]);
    });

    it('scrolls the page while a row is held at the window’s edge, so a long list can be reordered end to end', async () => {
      await page.setViewportSize({ width: 390, height: 300 }); // the daily list runs off the bottom
      try {
        await reload();
        const names = await dailyNames();
        const first = names[0]!;
        const handle = row(first).locator('.drag-handle');
        await handle.scrollIntoViewIfNeeded();
        const from = (await handle.boundingBox())!;
        const x = from.x + from.width / 2;
        const scrolledBefore = await page.evaluate<number>('scrollY');
        const saved = orderSaved();
        await page.mouse.move(x, from.y + from.height / 2);
        await page.mouse.down();
        await page.mouse.move(x, 296, { steps: 8 }); // into the bottom edge, then held still
        await expect.poll(() => dailyNames(), { timeout: 5_000 }).toEqual([...names.slice(1), first]);
        expect(await page.evaluate<number>('scrollY')).toBeGreaterThan(scrolledBefore);
        await page.mouse.up();
        expect((await saved).status()).toBe(200);
        await reload();
        expect(await dailyNames()).toEqual([...names.slice(1), first]);
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
      expect(pageErrors).toEqual([]);
    });
  });
}
