import { z } from 'zod';
import { REGIONS } from '../resets/cadences.js';

export const MAX_CHARACTERS_PER_USER = 40;

export const lodestoneIdSchema = z.string().regex(/^\d{1,10}$/, 'a Lodestone id is 1 to 10 digits');
/** Trimmed, 1 to `max` characters: the pattern says "not blank" in the OpenAPI document too. */
const label = (max: number) => z.string().trim().min(1).max(max).regex(/\S/, 'must not be blank');
const imageUrl = z
  .url()
  .max(500)
  .refine((u) => /^https?:/.test(u), 'must be an http(s) URL')
  .meta({ pattern: '^https?:' });

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

/**
 * `POST /characters` and `/character link`. With the Lodestone on: a Lodestone id, a profile URL,
 * or a name and world to search for; the profile is read from the Lodestone, and name, world or
 * images sent along are not trusted. With it off, the whole character by hand (the shape above).
 */
export const linkRequestSchema = z
  .strictObject({
    lodestoneId: lodestoneIdSchema.optional(),
    url: z.string().trim().max(300).optional().describe('A Lodestone profile URL: https://<region>.finalfantasyxiv.com/lodestone/character/<id>/'),
    name: label(40).optional(),
    world: label(30).optional(),
    datacenter: label(30).optional(),
    region: z.enum(REGIONS).optional(),
    avatarUrl: imageUrl.nullish(),
    portraitUrl: imageUrl.nullish(),
  })
  .refine((v) => v.lodestoneId !== undefined || v.url !== undefined || (v.name !== undefined && v.world !== undefined), {
    message: 'give a lodestoneId, a profile url, or a name and world',
  })
  .refine((v) => !(v.lodestoneId !== undefined && v.url !== undefined), { message: 'give a lodestoneId or a url, not both' })
  // The same two rules for the OpenAPI document.
  .meta({
    anyOf: [{ required: ['lodestoneId'] }, { required: ['url'] }, { required: ['name', 'world'] }],
    dependentSchemas: { lodestoneId: { properties: { url: false } } },
  });

/** `GET /lodestone/characters`: a name on one world. */
export const lodestoneSearchSchema = z.strictObject({ name: label(40), world: label(30) });

export const updateCharacterSchema = linkCharacterSchema
  .omit({ lodestoneId: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .meta({ minProperties: 1 });

export type LinkCharacterInput = z.input<typeof linkCharacterSchema>;
export type LinkRequest = z.input<typeof linkRequestSchema>;
export type UpdateCharacterInput = z.input<typeof updateCharacterSchema>;
