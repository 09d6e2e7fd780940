import { z } from 'zod';
import { CADENCES, REGIONS, RESET_EVENTS } from '../resets/cadences.js';

/** The response shapes of the API; the OpenAPI document is generated from these. */
const iso = z.string().describe('ISO-8601 UTC instant');

export const errorSchema = z
  .object({ code: z.string().describe('Machine-readable code, e.g. TOKEN_EXPIRED'), error: z.string().describe('Human sentence') })
  .meta({ id: 'Error' });

export const userSchema = z
  .object({
    id: z.string(),
    discordId: z.string().describe('Discord snowflake, always a string'),
    username: z.string(),
    globalName: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    createdAt: iso,
  })
  .meta({ id: 'User' });

export const tokenPairSchema = z
  .object({
    jwt: z.string().describe('Access token: send as Authorization: Bearer <jwt>'),
    refreshToken: z
      .string()
      .optional()
      .describe('Opaque, single use: trade at POST /auth/refresh. Absent for the web page (`X-Tracker-Client: web`), which gets it as an HttpOnly cookie instead'),
    expiresIn: z.number().int().describe('Seconds until the jwt expires'),
  })
  .meta({ id: 'TokenPair' });

export const taskSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    cadence: z.enum(CADENCES),
    characterId: z.string().nullable(),
    region: z.enum(REGIONS).nullable(),
    intervalHours: z.number().int().nullable(),
    notes: z.string().nullable(),
    position: z.number().int(),
    hidden: z.boolean().describe('Hidden by you: left out of lists unless `hidden=include`'),
    presetKey: z.string().nullable(),
    done: z.boolean().describe('Completed inside the current period'),
    completedAt: iso.nullable(),
    periodStart: iso.nullable(),
    periodEnd: iso.nullable().describe('When the task opens again; null if nothing resets it'),
    opensAt: iso.nullable().describe('Fashion Report: when judging opens in this period'),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'Task' });

export const characterSchema = z
  .object({
    id: z.string(),
    persistentKey: z.string(),
    lodestoneId: z.string(),
    name: z.string(),
    world: z.string(),
    datacenter: z.string(),
    region: z.enum(REGIONS),
    avatarUrl: z.string().nullable(),
    portraitUrl: z.string().nullable(),
    title: z.string().nullable().describe('The title the character shows on the Lodestone'),
    freeCompany: z.object({ id: z.string(), name: z.string() }).nullable(),
    verified: z.boolean().describe('You proved this character yours with a code in its Lodestone profile'),
    verifiedAt: iso.nullable(),
    lostVerificationAt: iso.nullable().describe('When another account proved the character theirs and the verification moved to it'),
    fetchedAt: iso.nullable().describe('When the Lodestone profile was last read; null if it never was (linked by hand)'),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'Character' });

export const lodestoneSearchEntrySchema = z
  .object({
    lodestoneId: z.string(),
    name: z.string(),
    world: z.string(),
    datacenter: z.string(),
    avatarUrl: z.string().nullable(),
  })
  .meta({ id: 'LodestoneSearchEntry' });

/** A failed link by name and world says what the search found instead. */
export const searchErrorSchema = errorSchema
  .extend({ candidates: z.array(lodestoneSearchEntrySchema).optional().describe('What the Lodestone search found, when a name + world link was not exact') })
  .meta({ id: 'LodestoneSearchError' });

export const verificationSchema = z
  .object({
    code: z.string().describe('Paste this into the Lodestone "Character Profile" text'),
    expiresAt: iso,
    instructions: z.string(),
    character: z.lazy(() => characterSchema),
  })
  .meta({ id: 'Verification' });

export const codeNotFoundSchema = errorSchema
  .extend({ found: z.enum(['private', 'empty', 'other-text']).optional().describe('What the profile showed instead of the code (CODE_NOT_FOUND)') })
  .meta({ id: 'CodeNotFoundError' });

export const presetSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    cadence: z.enum(CADENCES),
    category: z.string().describe('The category key (English, the same in every language)'),
    categoryName: z.string().describe('The category in the asked language'),
    intervalHours: z.number().int().nullable(),
    description: z.string(),
  })
  .meta({ id: 'Preset' });

export const resetSchema = z
  .object({
    event: z.enum(RESET_EVENTS),
    name: z.string().describe('In the asked language'),
    periodStart: iso,
    nextReset: iso,
  })
  .meta({ id: 'Reset' });

/** Error responses a route documents, by status. */
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, errorSchema]));

/** `/:id` of a task or an API key. */
export const idParams = z.strictObject({ id: z.string().min(1).max(64) });
