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

/**
 * `GET /groups`: a group you are a member of; its `id` is also the invitation a member shares. Written out by hand:
 * the group routes keep their zod schemas to themselves, and the OpenAPI document (`/openapi.json`) has the same shapes.
 */
export interface Group {
  id: string;
  guildId: string;
  name: string;
  /** Tracked preset keys, in column order. */
  presets: string[];
  memberCount: number;
  createdAt: string;
}

/** A cell of a board. `not-tracked`: the member has no task for that preset, which is not the same as "open". */
export type BoardCellState = 'done' | 'open' | 'not-tracked';

/** One row of a board: a character of a member (a member who joined with all of theirs has a row per character). */
export interface BoardRow {
  /** One of your own characters. */
  you: boolean;
  memberName: string;
  characterName: string;
  world: string;
  verified: boolean;
  cells: { presetKey: string; state: BoardCellState; periodEnd: string | null }[];
}

/** `GET /groups/:id`: a group's board as of `at`. */
export interface GroupBoard {
  group: Group;
  presets: { key: string; name: string; cadence: string }[];
  rows: BoardRow[];
  /** The earliest reset among the cells; null when nobody tracks anything yet. */
  nextReset: string | null;
  at: string;
}

/** `POST /groups/:id/members`: the group joined and the presets you do not track yet. */
export interface JoinResult {
  group: Group;
  missingPresets: string[];
}
