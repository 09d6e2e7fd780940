import { z } from 'zod';
import { REGIONS } from '../resets/cadences.js';

export const MAX_CHARACTERS_PER_USER = 40;

export const lodestoneIdSchema = z.string().regex(/^\d{1,10}$/, 'a Lodestone id is 1 to 10 digits');
const label = (max: number) => z.string().trim().min(1).max(max);
const imageUrl = z.url().max(500).refine((u) => /^https?:/.test(u), 'must be an http(s) URL');

/** A character a user links: the seed Character API's shape. */
export const linkCharacterSchema = z.strictObject({
  lodestoneId: lodestoneIdSchema,
  name: label(40),
  world: label(30),
  datacenter: label(30),
  region: z.enum(REGIONS),
  avatarUrl: imageUrl.nullish(),
  portraitUrl: imageUrl.nullish(),
});

export const updateCharacterSchema = linkCharacterSchema
  .omit({ lodestoneId: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');

export type LinkCharacterInput = z.input<typeof linkCharacterSchema>;
export type UpdateCharacterInput = z.input<typeof updateCharacterSchema>;
