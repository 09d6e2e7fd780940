import { z } from 'zod';
import { CADENCES, REGIONS } from '../resets/cadences.js';
import { PRESETS } from './presets.js';

export const MAX_TASKS_PER_USER = 500;

/** Somewhere a non-whitespace character: what `trim().min(1)` accepts, said in JSON Schema. */
const NOT_BLANK = /\S/;

export const taskNameSchema = z
  .string()
  .trim()
  .min(1, 'a name needs 1 to 100 characters')
  .max(100, 'a name needs 1 to 100 characters')
  .regex(NOT_BLANK, 'a name needs 1 to 100 characters');
export const taskNotesSchema = z.string().max(1000, 'notes hold at most 1000 characters');
export const cooldownHoursSchema = z.number().int().min(1).max(24 * 30);
const refSchema = z.string().trim().min(1).max(64).regex(NOT_BLANK).describe('A character: our id or its Lodestone id');

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
      ctx.addIssue({ code: 'custom', path: ['intervalHours'], message: 'a cooldown task needs intervalHours (e.g. 18 for treasure maps)', params: { i18n: { key: 'errors.validation.cooldownNeedsHours' } } });
    }
    if (v.cadence !== 'cooldown' && v.intervalHours != null) {
      ctx.addIssue({ code: 'custom', path: ['intervalHours'], message: 'intervalHours only applies to cooldown tasks', params: { i18n: { key: 'errors.validation.hoursOnlyForCooldown' } } });
    }
  })
  // The same rules for the OpenAPI document (the task service checks the Jumbo Cactpot one).
  .meta({
    allOf: [
      {
        if: { properties: { cadence: { const: 'cooldown' } } },
        then: { required: ['intervalHours'], properties: { intervalHours: { type: 'integer' } } },
        else: { properties: { intervalHours: { type: 'null' } } },
      },
      {
        if: { properties: { cadence: { const: 'jumbo-cactpot' } } },
        then: {
          anyOf: [
            { required: ['characterId'], properties: { characterId: { type: 'string' } } },
            { required: ['region'], properties: { region: { type: 'string' } } },
          ],
        },
      },
    ],
  });

export const updateTaskSchema = z
  .strictObject({
    name: taskNameSchema.optional(),
    notes: taskNotesSchema.nullable().optional(),
    position: z.number().int().min(0).max(100_000).optional(),
    hidden: z.boolean().optional().describe('Hide the task without deleting it (lists leave it out unless `hidden=include`)'),
    // The rules these follow depend on the stored task (a cooldown may keep its hours), so the task service checks them.
    cadence: z.enum(CADENCES).optional().describe('A task of your own only: a preset follows the game (409 `PRESET_CADENCE`)'),
    characterId: refSchema.nullable().optional().describe('Move the task to one of your characters; null makes it account-wide'),
    region: z.enum(REGIONS).nullable().optional().describe('The Jumbo Cactpot drawing of an account-wide task'),
    intervalHours: cooldownHoursSchema.nullable().optional().describe('A cooldown\'s hours; sent for a cooldown only'),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change', params: { i18n: { key: 'errors.validation.nothingToChange' } } })
  .meta({ minProperties: 1 });

export const taskFilterSchema = z.strictObject({
  cadence: z.enum(CADENCES).optional(),
  characterId: refSchema.optional(),
  status: z.enum(['open', 'done']).optional(),
  hidden: z.enum(['exclude', 'include', 'only']).optional().describe('Hidden tasks: left out (default), included, or only them'),
});

/** `PUT /tasks/order`: the player's order, first to last. */
export const reorderTasksSchema = z.strictObject({
  ids: z
    .array(z.string().min(1).max(64))
    .min(1)
    .max(MAX_TASKS_PER_USER)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'each task once' }),
});

const JUMBO_PRESETS = PRESETS.filter((p) => p.cadence === 'jumbo-cactpot').map((p) => p.key);

export const addPresetsSchema = z
  .strictObject({
    // Unknown keys are refused by the task service (400), so the document lists the catalogue.
    keys: z
      .array(z.string().min(1).max(64).meta({ enum: PRESETS.map((p) => p.key) }))
      .min(1)
      .max(100),
    characterId: refSchema.nullish(),
  })
  // A Jumbo Cactpot preset needs a character (its data center sets the drawing); checked by the task service.
  .meta({
    if: { required: ['keys'], properties: { keys: { contains: { enum: JUMBO_PRESETS } } } },
    then: { required: ['characterId'], properties: { characterId: { type: 'string' } } },
  });

export type CreateTaskInput = z.input<typeof createTaskSchema>;
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;
export type TaskFilter = z.input<typeof taskFilterSchema>;
export type AddPresetsInput = z.input<typeof addPresetsSchema>;
