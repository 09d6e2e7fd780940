import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../src/bot/bot.js';
import { loadCommands } from '../src/bot/registry.js';
import { parseConfig } from '../src/config.js';
import { DEFAULT_USER, button, chatInput, opt } from './fakeDiscord/index.js';
import { startHttpHarness, type HttpHarness } from './helpers/httpHarness.js';
import { silentLog } from './helpers/testStore.js';

// The bot and the HTTP API over one store, as main wires them: one user, one set of tasks.
let h: HttpHarness;
let bot: Bot;
beforeAll(async () => {
  h = await startHttpHarness({ start: '2026-11-23T10:00:00Z' });
  const config = parseConfig({ JWT_SECRET: 'x'.repeat(40), DISCORD_TOKEN: h.discord.botToken, DISCORD_CLIENT_ID: h.discord.applicationId, DISCORD_API_URL: h.discord.apiUrl });
  bot = await startBot({ config, services: h.services, clock: h.clock.now, log: silentLog, commands: await loadCommands() });
});
afterAll(async () => {
  await bot.stop();
  await h.stop();
});

type Task = { id: string; name: string; done: boolean };

describe('Discord and the web are one tracker', () => {
  it('a task made on the web is ticked with a Discord button and shows done on the web, and back', async () => {
    const web = await h.login({ id: DEFAULT_USER.id, username: DEFAULT_USER.username });
    const created = (await (await h.api('/tasks', { method: 'POST', token: web.jwt, json: { name: 'Wondrous Tails', cadence: 'weekly' } })).json()) as Task;

    const list = await h.discord.dispatchInteraction(chatInput('tasks'));
    expect(JSON.stringify(list.data!.embeds)).toContain('Wondrous Tails');
    await h.discord.dispatchInteraction(button(`tasks:toggle:${created.id}:-`));
    expect(((await (await h.api(`/tasks/${created.id}`, { token: web.jwt })).json()) as Task).done).toBe(true);

    await h.api(`/tasks/${created.id}/completion`, { method: 'DELETE', token: web.jwt });
    const status = await h.discord.dispatchInteraction(chatInput('task', [opt.subcommand('done', { task: created.id })]));
    expect(status.data?.content).toContain('is done');
    expect(((await (await h.api(`/tasks/${created.id}`, { token: web.jwt })).json()) as Task).done).toBe(true);
    expect((await h.store.db.selectFrom('users').selectAll().execute()).filter((u) => u.discord_id === DEFAULT_USER.id)).toHaveLength(1);
  });
});
