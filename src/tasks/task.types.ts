import type { Cadence, Region } from '../resets/cadences.js';

/** A task with its live status, computed from the reset engine at read time. */
export interface TaskView {
  id: string;
  userId: string;
  name: string;
  cadence: Cadence;
  characterId: string | null;
  /** The effective region (the task's own, else its character's); Jumbo Cactpot needs one. */
  region: Region | null;
  intervalHours: number | null;
  notes: string | null;
  position: number;
  /** Hidden by the player: left out of lists unless asked for. */
  hidden: boolean;
  presetKey: string | null;
  done: boolean;
  /** When it was completed in the current period (null while open). */
  completedAt: number | null;
  /** Current period; null start for to-dos, null end when nothing resets it. */
  periodStart: number | null;
  periodEnd: number | null;
  /** Fashion Report: when judging opens inside this period. */
  opensAt: number | null;
  createdAt: number;
  updatedAt: number;
}
