/** A group of one Discord server that tracks a few presets together. */
export interface Group {
  id: string;
  guildId: string;
  name: string;
  ownerUserId: string;
  /** Preset keys, in column order. */
  presets: string[];
  memberCount: number;
  createdAt: number;
}

/** Who is asking, as the front door knows them: the service decides what they may do. */
export interface GroupActor {
  userId: string;
  /** Manage Server in that server (Discord); never true over HTTP. */
  canManageServer: boolean;
  /** The member's roles in that server, for the creator role the server chose. */
  roleIds: readonly string[];
}

export type BoardCellState = 'done' | 'open' | 'not-tracked';

export interface BoardCell {
  presetKey: string;
  state: BoardCellState;
  /** When this member's period for it ends; null when not tracked or nothing resets it. */
  periodEnd: number | null;
}

/** One row of a board: one character of one member (a member who joined with all has a row per character). */
export interface BoardRow {
  userId: string;
  memberName: string;
  characterId: string;
  characterName: string;
  world: string;
  verified: boolean;
  cells: BoardCell[];
}

/** A group's board as of `at`: only the tracked presets, nothing else of anybody's. */
export interface Board {
  group: Group;
  presets: { key: string; name: string; cadence: string }[];
  rows: BoardRow[];
  /** The earliest reset among the cells: when the board changes by itself. */
  nextReset: number | null;
  at: number;
}
