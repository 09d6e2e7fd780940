import type { LoadFigures } from './autocannonRun.js';
import type { HttpSectionResult } from './httpSection.js';
import type { JwtResult } from './jwtVerify.js';
import type { LodestoneResult } from './lodestoneBench.js';
import type { BoardResult } from './boardBench.js';
import type { OutboxResult } from './outboxBench.js';
import type { PollResult } from './boardPollBench.js';
import type { ResetScaleResult } from './resetScale.js';

/** One line of the table; `pass` is set when the line has a target. */
export interface Row {
  section: string;
  measure: string;
  value: string;
  target?: string;
  pass?: boolean;
}

export interface BenchResults {
  jwt?: JwtResult;
  http?: HttpSectionResult;
  scale?: ResetScaleResult;
  lodestone?: LodestoneResult;
  boards?: BoardResult;
  outbox?: OutboxResult;
  polling?: PollResult;
}

const n = (v: number, digits = 0) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function load(f: LoadFigures): string {
  const parts = [`${n(f.requestsPerSec)} req/s`, `p50 ${f.p50Ms} ms`, `p99 ${f.p99Ms} ms`];
  if (f.ratioToBare !== undefined) parts.push(`${pct(f.ratioToBare)} of bare`);
  parts.push(`server ${n(f.serverCpuUsPerRequest)} µs CPU/req`);
  if (f.non2xx || f.errors) parts.push(`${n(f.non2xx)} non-2xx, ${n(f.errors)} errors`);
  return parts.join(' · ');
}

/** The figures as table rows, with each target's PASS/FAIL. */
export function rows(r: BenchResults): Row[] {
  const out: Row[] = [];
  const h = r.http;
  if (h) {
    const s = '1 HTTP';
    out.push({ section: s, measure: 'bare Fastify route (baseline)', value: load(h.bare) });
    out.push({ section: s, measure: `  same, answering GET /tasks's ${n(h.bareSized.bytes)} bytes (diagnostic)`, value: load(h.bareSized) });
    out.push({ section: s, measure: 'GET /healthz (diagnostic: plugins + logs)', value: load(h.healthz) });
    out.push({ section: s, measure: `GET /tasks (${h.getTasks.tasks} tasks, 2 characters)`, value: load(h.getTasks) });
    out.push({ section: s, measure: '  GET /tasks vs bare route (old yardstick, diagnostic)', value: pct(h.getTasks.ratioToBare!) });
    out.push({ section: s, measure: '  GET /tasks vs bare route with its bytes (diagnostic)', value: pct(h.getTasks.requestsPerSec / h.bareSized.requestsPerSec) });
    const cpuRatio = h.getTasks.serverCpuUsPerRequest / h.bareSized.serverCpuUsPerRequest;
    out.push({
      section: s,
      measure: '  GET /tasks server CPU vs the bare app sending the same bytes',
      value: `${n(h.getTasks.serverCpuUsPerRequest)} vs ${n(h.bareSized.serverCpuUsPerRequest)} µs (${cpuRatio.toFixed(2)}×)`,
      target: '≤ 2×',
      pass: cpuRatio <= 2,
    });
    out.push({ section: s, measure: '  GET /tasks p99 latency', value: `${h.getTasks.p99Ms} ms`, target: '< 25 ms', pass: h.getTasks.p99Ms < 25 });
    out.push({ section: s, measure: '  GET /tasks at 10 connections (diagnostic)', value: load(h.getTasksAt10) });
    out.push({ section: s, measure: 'PUT /tasks/:id/completion (each a new completion)', value: load(h.completion) });
    const dry = h.completion.poolExhausted ? ' (pool ran dry: run stopped early)' : '';
    out.push({
      section: s,
      measure: '  completion writes/s (rows counted in SQLite)',
      value: `${n(h.completion.writesPerSec)}/s (${n(h.completion.writes)} in ${h.completion.seconds} s)${dry}`,
      target: '≥ 2,000/s',
      pass: h.completion.writesPerSec >= 2000,
    });
    out.push({
      section: s,
      measure: '  completion server CPU per request',
      value: `${n(h.completion.serverCpuUsPerRequest)} µs`,
      target: '≤ 250 µs',
      pass: h.completion.serverCpuUsPerRequest <= 250,
    });
    out.push({ section: s, measure: 'POST /exchange (fresh state + code each)', value: load(h.exchange) + (h.exchange.poolExhausted ? ' (pool ran dry: run stopped early)' : '') });
  }
  const sc = r.scale;
  if (sc) {
    const s = '2 Reset at scale';
    const seed = sc.seed;
    out.push({
      section: s,
      measure: 'seeded store',
      value: `${n(seed.users)} users, ${n(seed.characters)} characters, ${n(seed.tasks)} tasks, ${n(seed.completions)} completions; ${seed.seconds} s, ${n(seed.dbMB)} MB`,
    });
    out.push({
      section: s,
      measure: 'daily rollover: rows written by the 15:00 tick',
      value: `${n(sc.rollover.rowsWritten)} rows, ${sc.rollover.ms} ms (${statements(sc.rollover.statements)})`,
      target: '0 (nothing per task)',
      pass: sc.rollover.rowsWritten === 0,
    });
    out.push({
      section: s,
      measure: `one user's status (TaskService.list, ${n(sc.statusQuery.n)} random users)`,
      value: `p50 ${ms(sc.statusQuery.p50)} · p99 ${ms(sc.statusQuery.p99)} · max ${ms(sc.statusQuery.max)}`,
      target: 'p99 < 1 ms',
      pass: sc.statusQuery.p99 < 1,
    });
    const g = sc.guildAnnouncements;
    out.push({
      section: s,
      measure: `announcements for ${n(g.guilds)} servers (one tick)`,
      value: `${n(g.ms, 0)} ms for ${n(g.messages)} messages (${n(g.usPerMessage)} µs each), ${n(g.rowsWritten)} rows written`,
    });
    const p = sc.personalReminders;
    out.push({
      section: s,
      measure: `extra: ${n(p.users)} personal reminder DMs (one tick)`,
      value: `${n(p.ms, 0)} ms for ${n(p.messages)} DMs (${n(p.usPerMessage)} µs each, open tasks listed per user), ${n(p.rowsWritten)} rows written`,
    });
    out.push({ section: s, measure: 'peak RSS of the scale process', value: `${n(sc.peakRssMB)} MB` });
  }
  if (h) {
    const s = '3 Bot';
    out.push({
      section: s,
      measure: `/tasks round trip (${n(h.bot.n)} sequential, ${h.bot.tasks} tasks)`,
      value: `p50 ${ms(h.bot.p50)} · p99 ${ms(h.bot.p99)} · max ${ms(h.bot.max)}`,
      target: 'p99 < 50 ms',
      pass: h.bot.p99 < 50,
    });
    if (h.botHttp) {
      out.push({
        section: s,
        measure: '  the same over HTTP interactions (signed POST → callback, 2nd process)',
        value: `p50 ${ms(h.botHttp.p50)} · p99 ${ms(h.botHttp.p99)} · max ${ms(h.botHttp.max)}`,
        target: 'p99 < 50 ms',
        pass: h.botHttp.p99 < 50,
      });
    }
  }
  if (r.jwt) {
    out.push({
      section: '4 JWT',
      measure: `verify, full check (${n(r.jwt.verifications)} tokens, each new)`,
      value: `${r.jwt.usPerVerify} µs each (worst batch of 1,000: ${r.jwt.worstBatchUsPerVerify} µs each)`,
      target: '< 20 µs',
      pass: r.jwt.usPerVerify < 20,
    });
    out.push({ section: '4 JWT', measure: '  the same token again (remembered until exp)', value: `${r.jwt.usPerRememberedVerify} µs each` });
  }
  if (h) {
    const s = '5 Memory';
    const m = h.memoryMB;
    out.push({ section: s, measure: 'service RSS at idle: 1 s after start', value: `${m.idle} MB`, target: '< 150 MB', pass: m.idle < 150 });
    out.push({ section: s, measure: '  and once idle memory is reclaimed (≤ 20 s)', value: `${m.idleSettled} MB`, target: '< 150 MB', pass: m.idleSettled < 150 });
    out.push({ section: s, measure: 'service RSS at the end of the HTTP load / peak / after the bot run', value: `${m.afterLoad} / ${m.peakDuringLoad} / ${m.afterBot} MB` });
    out.push({ section: s, measure: '  then after a forced full GC: RSS / JS heap used', value: `${m.afterGc} / ${m.heapUsedAfterGc} MB` });
  }
  const l = r.lodestone;
  if (l) {
    const s = '6 Lodestone';
    out.push({
      section: s,
      measure: `parse a profile page (${l.pageKB} kB, ${n(l.parse.n)} times; p99 holds the GC pauses)`,
      value: `mean ${l.parse.meanMs} ms · p99 ${l.parse.p99Ms} ms`,
      target: 'mean < 2 ms',
      pass: l.parse.meanMs < 2,
    });
    out.push({ section: s, measure: '  the same page parsed whole (private profiles, redesigns; diagnostic)', value: `mean ${l.parseWholeMeanMs} ms` });
    out.push({
      section: s,
      measure: `POST /characters by id, fake Lodestone on loopback (${n(l.link.n)} sequential, no gap, no cache)`,
      value: `p50 ${ms(l.link.p50Ms)} · p99 ${ms(l.link.p99Ms)} · max ${ms(l.link.maxMs)}`,
    });
  }
  const b = r.boards;
  if (b) {
    const s = '7 Group boards';
    out.push({
      section: s,
      measure: `render a board, ${b.members} members × ${b.presets} presets (store reads, statuses, embed; ${n(b.render.n)} times)`,
      value: `mean ${ms(b.render.meanMs)} · p99 ${ms(b.render.p99Ms)}`,
      target: 'mean < 5 ms',
      pass: b.render.meanMs < 5,
    });
    out.push({ section: s, measure: '  statuses, embed and fingerprint alone (diagnostic)', value: ms(b.embedMeanMs) });
    out.push({
      section: s,
      measure: `burst: members ticking tasks for ${b.burst.seconds} s, publisher on its timer`,
      value: `${n(b.burst.ticks)} ticks (${n(b.burst.ticksPerSec)}/s) → ${b.burst.edits} edits, at most ${b.burst.maxEditsIn5s} in any 5 s`,
      target: '≤ 1 edit per 5 s',
      pass: b.burst.maxEditsIn5s <= 1,
    });
  }
  const p = r.polling;
  if (p) {
    const s = '9 Board polling';
    // Every answer of the 304 run was a 304 (the section refuses the run otherwise): not worth a "non-2xx" note.
    out.push({ section: s, measure: `GET /groups/:id, ${p.members} × ${p.presets}, If-None-Match matches (304; fetch loop, 50 at once)`, value: `${load({ ...p.notModified, non2xx: 0 })} · all 304` });
    out.push({ section: s, measure: `GET /groups/:id, no If-None-Match (200, ${p.boardKB} kB; fetch loop, 50 at once)`, value: load(p.full) });
    out.push({ section: s, measure: '  GET /healthz through the same loop (diagnostic: loop and HTTP plumbing alone)', value: load(p.healthz) });
    out.push({ section: s, measure: '  of which the board-version read (GroupService.boardVersion in-process; diagnostic)', value: `${n(p.versionReadUs)} µs` });
    const perCore = 1e6 / p.notModified.serverCpuUsPerRequest;
    out.push({
      section: s,
      measure: '  a 304 against a 200 (server CPU); pages one core keeps fresh at a poll per 10 s',
      value: `${pct(p.notModified.serverCpuUsPerRequest / p.full.serverCpuUsPerRequest)} · ~${n(perCore * 10, 0)} open pages`,
    });
    out.push({ section: s, measure: `  one connection, back to back (${n(p.sequential.n)} each; diagnostic)`, value: `p50 304 ${ms(p.sequential.notModifiedP50Ms)} · 200 ${ms(p.sequential.fullP50Ms)}` });
  }
  const o = r.outbox;
  if (o) {
    const s = '8 Outbox';
    out.push({
      section: s,
      measure: `${n(o.announcements)} announcements at one reset, ${o.processes} processes, budget ${o.rate}/s`,
      value: `drained in ${o.seconds} s (${o.drainPerSec}/s), ${n(o.messages)} messages`,
      target: `${n(o.announcements)} messages`,
      pass: o.messages === o.announcements,
    });
    out.push({ section: s, measure: '  peak requests Discord saw in one second', value: `${o.peakPerSecond}`, target: `≤ ${o.rate}`, pass: o.peakPerSecond <= o.rate });
  }
  return out;
}

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
const statements = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ') || 'no statements';

/** A plain-text table that reads in a terminal and pastes into Markdown as a code block. */
export function table(list: Row[]): string {
  const head = ['Section', 'Measure', 'Value', 'Target', 'Result'];
  const cells = list.map((r) => [r.section, r.measure, r.value, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join(' | ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}
