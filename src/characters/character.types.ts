import type { Region } from '../resets/cadences.js';

/** A linked FFXIV character, in the seed Character API's shape plus our own id. */
export interface Character {
  id: string;
  userId: string;
  /** HMAC of user id and Lodestone id with the server secret: stable per user, leaks neither. */
  persistentKey: string;
  lodestoneId: string;
  name: string;
  world: string;
  datacenter: string;
  region: Region;
  avatarUrl: string | null;
  portraitUrl: string | null;
  title: string | null;
  freeCompany: { id: string; name: string } | null;
  /** This user proved the character theirs with a code in its Lodestone profile. */
  verified: boolean;
  verifiedAt: number | null;
  /** When another user proved the character theirs and the verification moved to them. */
  lostVerificationAt: number | null;
  /** When the Lodestone profile was last read; null for a character linked by hand and never read. */
  fetchedAt: number | null;
  createdAt: number;
  updatedAt: number;
}
