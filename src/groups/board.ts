import { createHash } from 'node:crypto';
import type { Period } from '../resets/cadences.js';
import { currentPeriod, isDone } from '../resets/resetEngine.js';
import type { CharacterRow } from '../store/schema.js';
import type { TaskWithRegion } from '../tasks/task.repository.js';
import { findPreset } from '../tasks/presets.js';
import { lastCompletionOf, ruleFor } from '../tasks/task.status.js';
import type { Board, BoardCell, BoardRow, Group } from './group.types.js';

/** The columns of a task a board cell needs: its rule and its last completion. */
export type BoardTask = Pick<
  TaskWithRegion,
  'user_id' | 'character_id' | 'preset_key' | 'cadence' | 'interval_hours' | 'region' | 'character_region' | 'last_period_start' | 'last_completed_at'
>;

export interface BoardMember {
  userId: string;
  memberName: string;
  /** Null: all of their characters. */
  characterId: string | null;
}

/**
 * Pure: a board from the group, its members, their characters and their tasks of the tracked
 * presets. A character's own task counts first, then an account-wide one of the same preset;
 * with neither, the cell is "not tracked", never "open".
 */
export function computeBoard(
  group: Group,
  members: BoardMember[],
  characters: Pick<CharacterRow, 'id' | 'user_id' | 'name' | 'world' | 'region' | 'verified_at'>[],
  tasks: BoardTask[],
  now: number,
): Board {
  const tracked = new Set(group.presets);
  // 50 members × 25 presets share a handful of fixed periods: each is worked out once.
  const periods = new Map<string, Period>();
  const statusOf = (task: BoardTask): { done: boolean; periodEnd: number | null } => {
    const rule = ruleFor(task);
    if (rule.cadence === 'cooldown' || rule.cadence === 'once') {
      return { done: isDone(rule, now, lastCompletionOf(task)), periodEnd: currentPeriod(rule, now, task.last_completed_at).end };
    }
    const key = rule.cadence === 'jumbo-cactpot' ? `${rule.cadence}:${rule.region}` : rule.cadence;
    let period = periods.get(key);
    if (!period) periods.set(key, (period = currentPeriod(rule, now)));
    return { done: task.last_period_start === period.start && task.last_completed_at != null, periodEnd: period.end };
  };
  const taskFor = new Map<string, BoardTask>();
  for (const t of tasks) {
    if (!t.preset_key || !tracked.has(t.preset_key)) continue;
    taskFor.set(`${t.user_id}|${t.character_id ?? '*'}|${t.preset_key}`, t);
  }
  const rows: BoardRow[] = [];
  let nextReset: number | null = null;
  for (const m of members) {
    const mine = characters.filter((c) => c.user_id === m.userId && (m.characterId === null || c.id === m.characterId));
    for (const c of mine) {
      const cells: BoardCell[] = group.presets.map((key) => {
        const task = taskFor.get(`${m.userId}|${c.id}|${key}`) ?? taskFor.get(`${m.userId}|*|${key}`);
        if (!task) return { presetKey: key, state: 'not-tracked', periodEnd: null };
        const status = statusOf(task.character_id ? task : { ...task, character_region: c.region });
        if (status.periodEnd !== null && (nextReset === null || status.periodEnd < nextReset)) nextReset = status.periodEnd;
        return { presetKey: key, state: status.done ? 'done' : 'open', periodEnd: status.periodEnd };
      });
      rows.push({ userId: m.userId, memberName: m.memberName, characterId: c.id, characterName: c.name, world: c.world, verified: c.verified_at != null, cells });
    }
  }
  rows.sort((a, b) => a.characterName.localeCompare(b.characterName) || a.world.localeCompare(b.world) || a.characterId.localeCompare(b.characterId));
  return {
    group,
    presets: group.presets.map((key) => {
      const p = findPreset(key);
      return { key, name: p?.name ?? key, cadence: p?.cadence ?? 'daily' };
    }),
    rows,
    nextReset,
    at: now,
  };
}

/** What a board shows, hashed: an edit that would show the same is skipped. */
export function boardFingerprint(board: Board): string {
  const h = createHash('sha256');
  h.update(board.group.name);
  h.update(board.group.presets.join(','));
  for (const r of board.rows) h.update(`|${r.characterId}:${r.characterName}:${r.world}:${r.verified ? 1 : 0}:${r.cells.map((c) => c.state[0]).join('')}`);
  h.update(`|${board.nextReset ?? ''}`);
  return h.digest('base64url').slice(0, 22);
}
