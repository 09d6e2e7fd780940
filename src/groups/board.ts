import { createHash } from 'node:crypto';
import type { CharacterRow } from '../store/schema.js';
import type { TaskWithRegion } from '../tasks/task.repository.js';
import { findPreset } from '../tasks/presets.js';
import { toTaskView } from '../tasks/task.status.js';
import type { Board, BoardCell, BoardRow, Group } from './group.types.js';

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
export function computeBoard(group: Group, members: BoardMember[], characters: CharacterRow[], tasks: TaskWithRegion[], now: number): Board {
  const tracked = new Set(group.presets);
  const taskFor = new Map<string, TaskWithRegion>();
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
        const view = toTaskView(task.character_id ? task : { ...task, character_region: c.region }, now);
        if (view.periodEnd !== null && (nextReset === null || view.periodEnd < nextReset)) nextReset = view.periodEnd;
        return { presetKey: key, state: view.done ? 'done' : 'open', periodEnd: view.periodEnd };
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
