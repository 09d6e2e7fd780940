/** A character as its Lodestone profile page shows it. */
export interface LodestoneProfile {
  lodestoneId: string;
  name: string;
  world: string;
  datacenter: string;
  avatarUrl: string | null;
  portraitUrl: string | null;
  title: string | null;
  freeCompany: { id: string; name: string } | null;
  /** The "Character Profile" text; null on a private profile, whose content the Lodestone hides. */
  selfIntroduction: string | null;
  /** The Lodestone shows the frame (name, world, face) but hides the profile itself. */
  isPrivate: boolean;
}

/** One row of the Lodestone's character search. */
export interface LodestoneSearchEntry {
  lodestoneId: string;
  name: string;
  world: string;
  datacenter: string;
  avatarUrl: string | null;
}

/** What the Lodestone answered, when it answered with something else than the page asked for. */
export type LodestoneFailure =
  | 'NOT_FOUND'
  | 'HIDDEN'
  | 'PRIVATE'
  | 'MAINTENANCE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'UNREADABLE';
