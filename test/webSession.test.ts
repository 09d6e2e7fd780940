import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, openTab, type Browser } from './web/browser.js';
import { buildWebApp, startWebService, type WebService } from './web/webService.js';

const DISCORD_ID = '1300000000000000778';
const HOUR = 3_600_000;

/**
 * The web page's login session across tabs and days: the refresh token in an HttpOnly cookie, one refresh at a time
 * for the whole browser, logout reaching every tab, and the cookie useless to another site.
 */
if (!chromiumAvailable()) {
  it.skip(`web session in a real browser — SKIPPED: Chromium not found at ${CHROMIUM_PATH}`, () => {});
} else {
  describe('the web page’s session in Chromium', () => {
    let web: { dir: string; remove(): Promise<void> };
    let svc: WebService;
    let browser: Browser;
    let other: Browser | undefined;
    /** Another site: `localhost` is a different site from `127.0.0.1`, so SameSite and CORS both apply. */
    let evil: Server;
    let evilBase: string;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      [web, browser] = await Promise.all([buildWebApp(), launchChromium()]);
      svc = await startWebService(web.dir);
      svc.discord.addOAuthUser({ id: DISCORD_ID, username: 'alisaie', global_name: 'Alisaie' });
      evil = createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' }).end(
          `<!doctype html><title>Free gil</title>
           <form id="steal" method="post" action="${svc.base}/auth/refresh"><input type="hidden" name="from" value="evil"><button>Claim</button></form>`,
        );
      });
      await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
      evilBase = `http://localhost:${(evil.address() as AddressInfo).port}`;
    }, 60_000);

    afterAll(async () => {
      await other?.close();
      await browser?.close();
      await svc?.stop();
      await web?.remove();
      await new Promise((resolve) => evil?.close(resolve));
    });

    const openPage = (b: Browser = browser) => openTab(b.context, pageErrors);
    const loginButton = (p: Page) => p.getByRole('button', { name: 'Log in with Discord' });
    const loggedIn = (p: Page) => p.locator('#logout').waitFor();
    const cookies = (b = browser) => b.context.cookies(`${svc.base}/auth/refresh`);
    /** Every request the browser sends to the refresh endpoint, from any tab. */
    const refreshes: Request[] = [];
    const exchanges: Request[] = [];

    let a: Page;
    let b: Page;

    it('a first visit asks once whether there is a session, and shows the login', async () => {
      browser.context.on('request', (r) => {
        if (r.url().endsWith('/auth/refresh')) refreshes.push(r);
        if (r.url().endsWith('/exchange')) exchanges.push(r);
      });
      a = await openPage();
      await a.goto(`${svc.base}/app/`);
      await loginButton(a).waitFor();
      expect(refreshes).toHaveLength(1);
      expect(await (await refreshes[0]!.response())!.json()).toMatchObject({ code: 'TOKEN_MISSING' });
      expect(await a.locator('#main [role=alert]').count()).toBe(0); // nothing to apologise for
    });

    it('a second tab is logged in by the cookie, without going back to Discord', async () => {
      await loginButton(a).click();
      await loggedIn(a);
      expect(exchanges).toHaveLength(1);
      expect(await cookies()).toEqual([expect.objectContaining({ name: 'tracker_refresh', path: '/auth', httpOnly: true, sameSite: 'Strict' })]);

      b = await openPage();
      await b.goto(`${svc.base}/app/`);
      await loggedIn(b);
      expect(await b.locator('#who').textContent()).toContain('Alisaie');
      expect(exchanges).toHaveLength(1);
      await a.reload();
      await loggedIn(a);
    });

    it('two tabs opened at once each load the checklist once', async () => {
      const tabs = await Promise.all([openPage(), openPage()]);
      const me = tabs.map(() => 0);
      tabs.forEach((tab, i) =>
        tab.on('request', (r) => {
          if (new URL(r.url()).pathname === '/users/me') me[i] = (me[i] ?? 0) + 1;
        }),
      );
      await Promise.all(tabs.map((tab) => tab.goto(`${svc.base}/app/`)));
      await Promise.all(tabs.map((tab) => loggedIn(tab)));
      // The first tab's token reaches the second while it boots: it must not start the checklist a second time.
      await Promise.all(tabs.map((tab) => tab.waitForLoadState('networkidle')));
      expect(me).toEqual([1, 1]);
      await Promise.all(tabs.map((tab) => tab.close()));
    });

    it('two tabs whose access token expired at once refresh once, and both carry on', async () => {
      const jwt = await svc.apiLogin(DISCORD_ID, 'alisaie');
      expect((await svc.api('/tasks', { method: 'POST', token: jwt, json: { name: 'Wondrous Tails', cadence: 'weekly' } })).status).toBe(201);
      for (const p of [a, b]) {
        await p.reload();
        await p.locator('#checklist').getByRole('checkbox', { name: 'Wondrous Tails', exact: true }).waitFor();
      }

      svc.clock.advance(16 * 60_000); // past both tabs' 15-minute JWT
      const before = refreshes.length;
      // Each tab's first try is refused as expired (401 TOKEN_EXPIRED); what counts is the answer to its retry.
      const ticks = [a, b].map((p) => p.waitForResponse((r) => r.url().endsWith('/completion') && r.status() !== 401));
      await Promise.all([a, b].map((p) => p.locator('#checklist').getByRole('checkbox', { name: 'Wondrous Tails', exact: true }).check()));
      expect((await Promise.all(ticks)).map((r) => r.status())).toEqual([200, 200]);
      const rotated = refreshes.slice(before);
      // One tab rotated; the other waited for the lock and took its token (two in a row would be safe too, but wasteful).
      expect(rotated).toHaveLength(1);
      expect((await rotated[0]!.response())!.status()).toBe(200);
      await Promise.all([a, b].map((p) => loggedIn(p)));
    });

    it('refuses a cross-site form post to the refresh endpoint and leaves the session alone', async () => {
      const [before] = await cookies();
      const attacker = await openPage();
      await attacker.goto(`${evilBase}/`);
      const posted = attacker.waitForResponse((r) => r.url() === `${svc.base}/auth/refresh`);
      await attacker.getByRole('button', { name: 'Claim' }).click();
      const answer = await posted;
      expect(answer.request().headers()['cookie']).toBeUndefined(); // SameSite=Strict: not sent from another site
      expect(answer.status()).toBe(400); // not even a body the endpoint takes
      expect(await attacker.locator('body').textContent()).not.toMatch(/"jwt"/);
      // The same form without the stray field: still no token, as the cookie is neither sent nor read without the header.
      await attacker.goto(`${evilBase}/`);
      await attacker.evaluate("document.querySelector('input[name=from]').remove()");
      const bare = attacker.waitForResponse((r) => r.url() === `${svc.base}/auth/refresh`);
      await attacker.getByRole('button', { name: 'Claim' }).click();
      expect((await bare).status()).toBe(401);
      expect(await attacker.locator('body').textContent()).toContain('TOKEN_MISSING');

      // A script on that site cannot ask in the page's way either: the header needs a CORS preflight, which fails.
      await attacker.goto(`${evilBase}/`);
      const fetched = await attacker.evaluate(async (url) => {
        try {
          const r = await fetch(url, { method: 'POST', credentials: 'include', headers: { 'x-tracker-client': 'web', 'content-type': 'application/json' }, body: '{}' });
          return `answered ${r.status}`;
        } catch (e) {
          return `refused: ${(e as Error).name}`;
        }
      }, `${svc.base}/auth/refresh`);
      expect(fetched).toBe('refused: TypeError');
      await attacker.close();

      expect((await cookies())[0]?.value).toBe(before!.value); // not rotated
      await a.reload();
      await loggedIn(a);
    });

    it('the next day, a new browser with the same cookie jar is still logged in', async () => {
      svc.clock.advance(24 * HOUR); // the access token is long gone; the refresh cookie lives 30 idle days
      other = await launchChromium();
      await other.context.addCookies(await cookies());
      const p = await openPage(other);
      await p.goto(`${svc.base}/app/`);
      await loggedIn(p);
      await p.locator('#checklist').getByRole('checkbox', { name: 'Wondrous Tails', exact: true }).waitFor();
      // It rotated the token it was given: the first browser's copy now belongs to the same, still-open session,
      // and is stale. Putting the new one back in the first browser stands for "the same browser, the next day".
      await browser.context.addCookies(await cookies(other));
      await p.close();
    });

    it('logging out in one tab logs out the others at once, and the cookie is gone', async () => {
      await a.reload();
      await loggedIn(a);
      await b.reload();
      await loggedIn(b);
      await a.getByRole('button', { name: 'Log out' }).click();
      await loginButton(a).waitFor();
      await b.getByText('You logged out in another tab.').waitFor();
      await loginButton(b).waitFor();
      expect(await cookies()).toEqual([]);

      // And a reload stays logged out: nothing is left to resume.
      await b.reload();
      await loginButton(b).waitFor();
      expect(pageErrors).toEqual([]);
    });

    it('logging in again in one tab brings the others back', async () => {
      await loginButton(a).click();
      await loggedIn(a);
      await loggedIn(b);
      expect(await b.locator('#who').textContent()).toMatch(/alisaie/i);
    });

    it('a logout the service could not hear about is not quietly resumed on the next load', async () => {
      await a.route('**/auth/logout', (route) => route.abort('internetdisconnected'));
      await a.getByRole('button', { name: 'Log out' }).click();
      await a.getByText(/You are logged out on this device, but the tracker service could not be told/).waitFor();
      await loginButton(b).waitFor(); // the other tab follows
      expect(await cookies()).toHaveLength(1); // the cookie could not be cleared: the service never answered
      await a.unroute('**/auth/logout');

      const before = refreshes.length;
      await a.reload();
      await loginButton(a).waitFor();
      expect(refreshes.length).toBe(before); // it did not even ask
      // Logging in again clears the mark.
      await loginButton(a).click();
      await loggedIn(a);
      await a.reload();
      await loggedIn(a);
    });

    it('a session ended elsewhere, found out by one tab, ends in the others at once', async () => {
      await loggedIn(b); // back with the login in the other tab
      const jwt = await svc.apiLogin(DISCORD_ID, 'alisaie');
      expect((await svc.api('/auth/logout-all', { method: 'POST', token: jwt })).status).toBe(200);
      await a.locator('#checklist').getByRole('checkbox', { name: 'Wondrous Tails', exact: true }).click();
      await a.getByText(/Your session has ended/).waitFor();
      await b.getByText(/Your session has ended/).waitFor(); // without a call of its own
      await loginButton(b).waitFor();
      expect(pageErrors).toEqual([]);
    });
  });
}
