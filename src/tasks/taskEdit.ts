import type { Updateable } from 'kysely';
import { invalid } from '../errors.js';
import type { CharacterRow, TasksTable } from '../store/schema.js';
import type { TaskWithRegion } from './task.repository.js';
import { jumboNeedsCharacter, jumboNeedsRegion, presetCadenceFixed } from './task.refusals.js';
import type { updateTaskSchema } from './task.schema.js';
import type { z } from 'zod';

type Patch = z.output<typeof updateTaskSchema>;

/**
 * The columns a PATCH sets, after the same rules POST /tasks applies to the task as it will be: a cooldown has hours
 * (kept from before when it stays one) and nothing else does, a Jumbo Cactpot task has a drawing to follow (a
 * character, or for a task of your own a region). Pure: `character` is the new owner already checked to be the
 * caller's (null: account-wide; undefined: not changing). Throws the refusal, so nothing is written.
 */
export function planTaskEdit(row: TaskWithRegion, patch: Patch, character: CharacterRow | null | undefined): Updateable<TasksTable> {
  const preset = row.preset_key !== null;
  const changes = <K extends 'cadence' | 'interval_hours' | 'region'>(sent: TaskWithRegion[K] | undefined, column: K) => sent !== undefined && sent !== row[column];
  if (preset && (changes(patch.cadence, 'cadence') || changes(patch.intervalHours, 'interval_hours') || changes(patch.region, 'region'))) {
    throw presetCadenceFixed();
  }
  const cadence = patch.cadence ?? row.cadence;
  if (cadence !== 'cooldown' && patch.intervalHours != null) {
    throw invalid('intervalHours: intervalHours only applies to cooldown tasks', undefined, { key: 'errors.validation.hoursOnlyForCooldown' });
  }
  const hours = patch.intervalHours !== undefined ? patch.intervalHours : row.cadence === 'cooldown' ? row.interval_hours : null;
  if (cadence === 'cooldown' && hours == null) {
    throw invalid('intervalHours: a cooldown task needs intervalHours (e.g. 18 for treasure maps)', undefined, { key: 'errors.validation.cooldownNeedsHours' });
  }
  const characterId = character === undefined ? row.character_id : (character?.id ?? null);
  const region = patch.region !== undefined ? patch.region : row.region;
  if (cadence === 'jumbo-cactpot' && characterId === null) {
    // As when adding one: the preset takes its drawing from a character's data center, a task of your own may name a region.
    if (preset) throw jumboNeedsCharacter();
    if (!region) throw jumboNeedsRegion();
  }
  return {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.notes !== undefined && { notes: patch.notes === '' ? null : patch.notes }),
    ...(patch.position !== undefined && { position: patch.position }),
    ...(patch.hidden !== undefined && { hidden: patch.hidden ? 1 : 0 }),
    cadence,
    interval_hours: cadence === 'cooldown' ? hours : null,
    region,
    character_id: characterId,
  };
}
