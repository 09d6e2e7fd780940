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
  createdAt: number;
  updatedAt: number;
}
