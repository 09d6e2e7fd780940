import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { boardEmbed } from '../../src/bot/views/boardView.js';
import { parseConfig } from '../../src/config.js';
import { boardFingerprint } from '../../src/groups/board.js';
import { BoardPublisher } from '../../src/scheduler/boardPublisher.js';
import type { MessageSender } from '../../src/scheduler/sender.js';
import { buildServices } from '../../src/services.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/openStore.js';
import { PRESETS } from '../../src/tasks/presets.js';
import { serveParent } from './rpc.js';
import { round, summarize } from './stats.js';

/** Section 7: a full board (50 members × 25 presets) and the edits a burst of ticks causes. */
export interface BoardResult {
  members: number;
  presets: number;
  /** GroupService.boardOf (store reads and status) plus the embed and its fingerprint. */
  render: { n: number; meanMs: number; p99Ms: number };
  /** The pure part alone: statuses, embed, fingerprint from rows already read (diagnostic). */
  embedMeanMs: number;
  burst: { ticks: number; seconds: number; edits: number; ticksPerSec: number; maxEditsIn5s: number };
}

const MEMBERS = 50;
const PRESET_COUNT = 25;
const BURST_SECONDS = 12;

async function run(): Promise<BoardResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-board-'));
  const store = await openStore(`file:${join(dir, 'tracker.db')}`, pino({ level: 'silent' }));
  try {
    await migrateToLatest(store.db, pino({ level: 'silent' }));
    const config = parseConfig({ JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123', LODESTONE_URL: 'off' });
    const services = buildServices({ db: store.db, clock: Date.now, secret: 'bench-secret-bench-secret-bench-secret-0123', config, log: pino({ level: 'silent' }) });
    const presets = PRESETS.filter((p) => p.cadence !== 'jumbo-cactpot').slice(0, PRESET_COUNT).map((p) => p.key);
    const owner = await services.users.upsertFromDiscord({ discordId: '1000000000000000000', username: 'owner' });
    const group = await services.groups.create({ userId: owner.id, canManageServer: true, roleIds: [] }, { guildId: '1000000000000000001', name: 'Bench Static', presets });
    const taskIds: { userId: string; taskId: string }[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const u = await services.users.upsertFromDiscord({ discordId: String(1000000000000000100n + BigInt(i)), username: `member${i}` });
      const c = await services.characters.link(u.id, { lodestoneId: String(40_000_000 + i), name: `Member Number${i}`, world: 'Cerberus', datacenter: 'Chaos', region: 'eu' });
      const { added } = await services.tasks.addPresets(u.id, { keys: presets, characterId: c.id });
      for (const t of added.slice(0, 10)) await services.tasks.complete(u.id, t.id);
      added.forEach((t) => taskIds.push({ userId: u.id, taskId: t.id }));
      await services.groups.join(u.id, group.id, c.id);
    }

    const render = async () => {
      const board = await services.groups.boardOf(group.id);
      return [boardEmbed(board), boardFingerprint(board)];
    };
    for (let i = 0; i < 30; i++) await render();
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await render();
      samples.push(performance.now() - t0);
    }
    const board = await services.groups.boardOf(group.id);
    const t1 = performance.now();
    for (let i = 0; i < 1000; i++) {
      boardEmbed(board);
      boardFingerprint(board);
    }
    const embedMeanMs = (performance.now() - t1) / 1000;

    // The burst: members tick as fast as the store takes it while the publisher runs on its own timer.
    const editsAt: number[] = [];
    const sender: MessageSender = {
      postToChannel: async () => undefined,
      sendDm: async () => undefined,
      postMessage: async () => '1000000000000000999',
      editMessage: async () => void editsAt.push(Date.now()),
    };
    await services.groups.postBoard({ userId: owner.id, canManageServer: true, roleIds: [] }, group.id, '1000000000000000002');
    const publisher = new BoardPublisher({ db: store.db, clock: Date.now, log: pino({ level: 'silent' }), groups: services.groups, sender, instanceId: 'bench' });
    await publisher.pass();
    publisher.start();
    const started = Date.now();
    let ticks = 0;
    while (Date.now() - started < BURST_SECONDS * 1000) {
      const t = taskIds[(ticks * 7919) % taskIds.length]!;
      await services.tasks.toggle(t.userId, t.taskId);
      ticks += 1;
      // Requests arrive through the event loop; without yielding, the publisher's timer would never run.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const seconds = (Date.now() - started) / 1000;
    await publisher.stop();
    let maxEditsIn5s = 0;
    for (const at of editsAt) maxEditsIn5s = Math.max(maxEditsIn5s, editsAt.filter((x) => x >= at && x < at + 5_000).length);
    const r = summarize(samples);
    return {
      members: MEMBERS,
      presets: presets.length,
      render: { n: r.n, meanMs: round(r.mean, 2), p99Ms: round(r.p99, 2) },
      embedMeanMs: round(embedMeanMs, 3),
      burst: { ticks, seconds: round(seconds, 1), edits: editsAt.length, ticksPerSec: Math.round(ticks / seconds), maxEditsIn5s },
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

serveParent(null, { run });
