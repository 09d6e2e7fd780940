import { PRESETS } from '../../tasks/presets.js';
import type { Preset, Task } from '../types.js';

/** The names preset tasks are stored under (the server's English catalogue). */
const englishNames = new Map(PRESETS.map((p) => [p.key, p.name]));

/**
 * A task's name as the page shows it: a preset task in the page's language (the game's wording, from
 * `GET /presets?lang=`), unless the player renamed it; the player's own names never change. A preset task is stored
 * under its English name, so any other name is one the player gave it (or the name it has in this language). The
 * same rule as `presetName` in src/i18n/presetText.ts, which the page does not import: it holds every language.
 */
export function taskName(task: Task, presets: readonly Preset[]): string {
  if (!task.presetKey) return task.name;
  const preset = presets.find((p) => p.key === task.presetKey);
  if (!preset) return task.name;
  return task.name === englishNames.get(task.presetKey) || task.name === preset.name ? preset.name : task.name;
}
