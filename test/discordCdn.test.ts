import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHarness } from './helpers/httpHarness.js';

const LODESTONE_IMAGES = 'https://img2.lodestone.example,https://lds-img.lodestone.example';

/** The img-src sources of the CSP /app/ is served with. */
async function pageImageSources(base: string): Promise<string[]> {
  const res = await fetch(`${base}/app/`);
  expect(res.status).toBe(200);
  const csp = res.headers.get('content-security-policy') ?? '';
  return /(?:^|;)img-src ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
}

describe("Discord's image CDN (DISCORD_CDN_URL)", () => {
  let webDir: string;

  // A stand-in for the built page: only its headers matter here.
  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'tracker-cdn-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>t</title>');
  });
  afterAll(() => rm(webDir, { recursive: true, force: true }));

  it.each([
    ['by default', {}, 'https://cdn.discordapp.com', 'https://cdn.discordapp.com'],
    ['when configured', { DISCORD_CDN_URL: 'http://127.0.0.1:9/discord-cdn/' }, 'http://127.0.0.1:9/discord-cdn', 'http://127.0.0.1:9'],
  ])('builds avatar URLs on it and lets the page load images from exactly its origin and the Lodestone’s (%s)', async (_, env, cdnUrl, cdnOrigin) => {
    const h = await startHttpHarness({ webDir, env: { LODESTONE_IMAGE_ORIGINS: LODESTONE_IMAGES, ...env } });
    try {
      const { jwt, user } = await h.login({ id: '1300000000000000501', username: 'wol', avatar: 'a1b2c3' });
      expect(user.avatarUrl).toBe(`${cdnUrl}/avatars/1300000000000000501/a1b2c3.png`);
      const me = (await (await h.api('/users/me', { token: jwt })).json()) as { avatarUrl: string | null };
      expect(me.avatarUrl).toBe(`${cdnUrl}/avatars/1300000000000000501/a1b2c3.png`);

      expect(await pageImageSources(h.base)).toEqual(["'self'", 'data:', ...LODESTONE_IMAGES.split(','), cdnOrigin]);
    } finally {
      await h.stop();
    }
  });

  it('answers no avatar URL for a user without one, and a GIF for an animated one', async () => {
    const h = await startHttpHarness({ env: { DISCORD_CDN_URL: 'https://images.discord.example' } });
    try {
      expect((await h.login({ id: '1300000000000000502', username: 'plain', avatar: null })).user.avatarUrl).toBeNull();
      expect((await h.login({ id: '1300000000000000503', username: 'moving', avatar: 'a_ff00' })).user.avatarUrl).toBe(
        'https://images.discord.example/avatars/1300000000000000503/a_ff00.gif',
      );
    } finally {
      await h.stop();
    }
  });

  it('names the CDN once when it shares an origin with the Lodestone images', async () => {
    const h = await startHttpHarness({ webDir, env: { LODESTONE_IMAGE_ORIGINS: 'https://images.example', DISCORD_CDN_URL: 'https://images.example/discord' } });
    try {
      expect(await pageImageSources(h.base)).toEqual(["'self'", 'data:', 'https://images.example']);
    } finally {
      await h.stop();
    }
  });
});
