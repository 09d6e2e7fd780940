import { z } from 'zod';
import { CADENCES, REGIONS } from '../resets/cadences.js';

export const MAX_TASKS_PER_USER = 500;

export const taskNameSchema = z.string().trim().min(1, 'a name needs 1 to 100 characters').max(100, 'a name needs 1 to 100 characters');
export const taskNotesSchema = z.string().max(1000, 'notes hold at most 1000 characters');
export const cooldownHoursSchema = z.number().int().min(1).max(24 * 30);
const refSchema = z.string().trim().min(1).max(64);

/** What a front door sends to create a task (ids, owners and timestamps are never accepted). */
export const createTaskSchema = z
  .strictObject({
    name: taskNameSchema,
    cadence: z.enum(CADENCES),
    characterId: refSchema.nullish(),
    notes: taskNotesSchema.nullish(),
    region: z.enum(REGIONS).nullish(),
    intervalHours: cooldownHoursSchema.nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.cadence === 'cooldown' && v.intervalHours == null) {
      ctx.addIssue({ code: 'custom', path: ['intervalHours'], message: 'a cooldown task needs intervalHours (e.g. 18 for treasure maps)' });
    }
    if (v.cadence !== 'cooldown' && v.intervalHours != null) {
      ctx.addIssue({ code: 'custom', path: ['intervalHours'], message: 'intervalHours only applies to cooldown tasks' });
    }
  });

export const updateTaskSchema = z
  .strictObject({
    name: taskNameSchema.optional(),
    notes: taskNotesSchema.nullable().optional(),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');

export const taskFilterSchema = z.strictObject({
  cadence: z.enum(CADENCES).optional(),
  characterId: refSchema.optional(),
  status: z.enum(['open', 'done']).optional(),
});

export const addPresetsSchema = z.strictObject({
  keys: z.array(z.string().min(1).max(64)).min(1).max(100),
  characterId: refSchema.nullish(),
});

export type CreateTaskInput = z.input<typeof createTaskSchema>;
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;
export type TaskFilter = z.input<typeof taskFilterSchema>;
export type AddPresetsInput = z.input<typeof addPresetsSchema>;
