import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildForBench, compiled, ROOT } from './build.js';
import { LAYOUT, runHttpSection } from './httpSection.js';
import type { JwtResult } from './jwtVerify.js';
import type { LodestoneResult } from './lodestoneBench.js';
import type { BoardResult } from './boardBench.js';
import type { OutboxResult } from './outboxBench.js';
import type { PollResult } from './boardPollBench.js';
import { rows, table, type BenchResults } from './report.js';
import type { ResetScaleResult } from './resetScale.js';
import { runSection } from './rpc.js';

/**
 * `npm run bench`: throughput, latency, reset cost at scale, bot round trips, JWT cost and
 * memory of the real service on loopback. A dev tool, not a test: it prints a table and writes
 * the same figures as JSON under bench/results/ (git-ignored).
 *   BENCH_DURATION  seconds per HTTP run (default 10); BENCH_WARMUP seconds of warm-up before each (default 3)
 *   BENCH_SECTIONS  comma list of jwt,http,scale,lodestone,boards,polling,outbox (default all)
 *   BENCH_SCALE_USERS / BENCH_SCALE_GUILDS  size of the reset-at-scale store (default 100000 / 10000)
 *   BENCH_CHILD_FLAGS  extra node flags for the measured processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 */
async function main(): Promise<void> {
  const seconds = positive('BENCH_DURATION', 10);
  const warmup = positive('BENCH_WARMUP', Math.min(3, seconds));
  const sections = new Set((process.env.BENCH_SECTIONS ?? 'jwt,http,scale,lodestone,boards,polling,outbox').split(',').map((s) => s.trim()));
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  const say = (s: string) => process.stderr.write(`${s}\n`);
  say(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node} (${machine.platform})`);

  say('Compiling the service for the measured processes…');
  const build = buildForBench();
  say(`  done in ${build.seconds.toFixed(1)} s${build.typeErrors ? ' (tsc reported type errors elsewhere in the tree; emitted anyway)' : ''}`);

  const results: BenchResults = {};
  const started = Date.now();
  if (sections.has('jwt')) {
    say('4 JWT verification…');
    results.jwt = await runSection<JwtResult>(compiled('jwtVerify'));
  }
  if (sections.has('lodestone')) {
    say('6 Lodestone: parse time and the link round trip against the fake…');
    results.lodestone = await runSection<LodestoneResult>(compiled('lodestoneBench'));
  }
  if (sections.has('outbox')) {
    say('8 Outbox: one reset for 2,000 servers, three processes, one budget…');
    results.outbox = await runSection<OutboxResult>(compiled('outboxBench'));
  }
  if (sections.has('boards')) {
    say('7 Group boards: render at 50 × 25 and the edits of a burst…');
    results.boards = await runSection<BoardResult>(compiled('boardBench'));
  }
  if (sections.has('polling')) {
    say(`9 Board polling: GET /groups/:id at 50 × 25, 304 and 200 (${seconds} s per run after ${warmup} s of warm-up)…`);
    results.polling = await runSection<PollResult>(compiled('boardPollBench'), { BENCH_DURATION: String(seconds), BENCH_WARMUP: String(warmup) });
  }
  if (sections.has('http')) {
    say(`1 HTTP (${seconds} s per run after ${warmup} s of warm-up), 3 bot, 5 memory…`);
    results.http = await runHttpSection(seconds, warmup);
  }
  if (sections.has('scale')) {
    say('2 Reset at scale (seeding takes a while)…');
    results.scale = await runSection<ResetScaleResult>(compiled('resetScale'));
  }

  const list = rows(results);
  const at = new Date();
  const report = {
    at: at.toISOString(),
    machine,
    settings: { httpSeconds: seconds, warmupSeconds: warmup, connections: results.http?.connections, sections: [...sections] },
    layout: LAYOUT,
    results,
    table: list,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  const foreign = [results.http?.bare, results.http?.healthz, results.http?.getTasks, results.http?.completion, results.http?.exchange, results.polling?.notModified, results.polling?.full]
    .map((f) => f?.foreignCores ?? 0)
    .reduce((a, b) => Math.max(a, b), 0);

  process.stdout.write(`\nFFXIV Tracker bench — ${report.at}\n`);
  process.stdout.write(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB RAM, Node ${machine.node}\n`);
  process.stdout.write(`Layout: ${LAYOUT}\n\n`);
  process.stdout.write(`${table(list)}\n\n`);
  if (foreign > 0.2) {
    process.stdout.write(`Warning: other processes used up to ${foreign} cores during an HTTP or polling run; those figures are low. Re-run on a quiet machine.\n`);
  }
  const failed = list.filter((r) => r.pass === false).length;
  process.stdout.write(`${list.filter((r) => r.pass).length} PASS, ${failed} FAIL (${report.totalSeconds} s)\n`);

  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const file = join(dir, `${at.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, json);
  writeFileSync(join(dir, 'latest.json'), json);
  process.stdout.write(`Written: ${file} and latest.json\n`);
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number of seconds, got "${raw}"`);
  return v;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
