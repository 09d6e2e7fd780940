import { z } from 'zod';
import { findPreset } from '../tasks/presets.js';

export const MAX_MEMBERS_PER_GROUP = 50;
export const MAX_GROUPS_PER_SERVER = 25;
export const MAX_PRESETS_PER_GROUP = 25;

export const groupNameSchema = z
  .string()
  .trim()
  .min(1, 'a group name has 1 to 50 characters')
  .max(50, 'a group name has 1 to 50 characters')
  .regex(/^[^,\n]+$/, 'a group name has no commas or line breaks');

export const groupPresetsSchema = z
  .array(z.string().refine((k) => findPreset(k) !== undefined, { message: 'unknown preset' }))
  .min(1, 'a group tracks at least one preset')
  .max(MAX_PRESETS_PER_GROUP, `a group tracks at most ${MAX_PRESETS_PER_GROUP} presets`)
  .transform((keys) => [...new Set(keys)]);

export const createGroupSchema = z.strictObject({
  guildId: z.string().regex(/^\d{15,25}$/),
  name: groupNameSchema,
  presets: groupPresetsSchema,
});

export type CreateGroupInput = z.input<typeof createGroupSchema>;
