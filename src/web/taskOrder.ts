import type { Character, Task } from './types.js';

/**
 * Which of the checklist's lists a task is in: its owner's section (tasks of characters no longer linked share one)
 * and its cadence. Rows move within their list only.
 */
export function listKey(task: Task, characters: readonly Character[]): string {
  const owner = task.characterId === null ? 'account' : characters.some((c) => c.id === task.characterId) ? task.characterId : 'other';
  return `${owner} ${task.cadence}`;
}

/**
 * The whole order once one list's rows are in `listIds` order: they take the places their list held, and every other
 * task (other lists, hidden rows not on screen) keeps its own.
 */
export function withListOrder(tasks: readonly Task[], listIds: readonly string[]): Task[] {
  const inList = new Set(listIds);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  let next = 0;
  return tasks.map((t) => (inList.has(t.id) ? (byId.get(listIds[next++]!) ?? t) : t));
}

/** A list's ids with `id` moved one place up (-1) or down (+1); null at that end. */
export function movedBy(listIds: readonly string[], id: string, by: -1 | 1): string[] | null {
  const from = listIds.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= listIds.length) return null;
  const out = [...listIds];
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}

/** `tasks` put back in the order of `ids`; any task not named there (added meanwhile) keeps its place after them. */
export function inOrder(tasks: readonly Task[], ids: readonly string[]): Task[] {
  const rank = new Map(ids.map((id, i) => [id, i]));
  return [...tasks].sort((a, b) => (rank.get(a.id) ?? ids.length) - (rank.get(b.id) ?? ids.length));
}
