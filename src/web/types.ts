import type { z } from 'zod';
import type {
  characterSchema,
  lodestoneSearchEntrySchema,
  presetSchema,
  taskSchema,
  tokenPairSchema,
  userSchema,
  verificationSchema,
} from '../http/schemas.js';

/** The API's JSON shapes, taken from the zod schemas the service validates and documents with (types only). */
export type Task = z.infer<typeof taskSchema>;
export type Character = z.infer<typeof characterSchema>;
export type Preset = z.infer<typeof presetSchema>;
export type User = z.infer<typeof userSchema>;
export type TokenPair = z.infer<typeof tokenPairSchema>;
/** One character the Lodestone's search found (also a failed link's `candidates`). */
export type LodestoneEntry = z.infer<typeof lodestoneSearchEntrySchema>;
/** `POST /characters/:lodestoneId/verification`: the code to paste into the Lodestone profile. */
export type Verification = z.infer<typeof verificationSchema>;
export type Cadence = Task['cadence'];
export type Region = Character['region'];

/** One cadence's current period, from `GET /resets`. */
export interface ResetPeriod {
  cadence: string;
  region: string | null;
  periodStart: string;
  periodEnd: string;
  opensAt: string | null;
}

/** `GET /resets`: the server's clock and every cadence's current period. */
export interface Resets {
  now: string;
  periods: ResetPeriod[];
}

/** `GET /features`: what the service offers, so the page shows the forms that work on it. */
export interface Features {
  /** Characters are read from the Lodestone; when false they are linked by hand. */
  lodestone: boolean;
}
