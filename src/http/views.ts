import type { ApiKey } from '../apiKeys/apiKey.service.js';
import type { Character } from '../characters/character.types.js';
import type { TaskView } from '../tasks/task.types.js';
import type { User } from '../users/user.types.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null | undefined) => (ms == null ? null : iso(ms));

/** Domain objects (epoch ms) into their JSON form (ISO-8601 UTC). */
export const userJson = (u: User) => ({
  id: u.id,
  discordId: u.discordId,
  username: u.username,
  globalName: u.globalName,
  avatarUrl: u.avatarUrl,
  createdAt: iso(u.createdAt),
});

export const taskJson = (t: TaskView) => ({
  id: t.id,
  name: t.name,
  cadence: t.cadence,
  characterId: t.characterId,
  region: t.region,
  intervalHours: t.intervalHours,
  notes: t.notes,
  position: t.position,
  hidden: t.hidden,
  presetKey: t.presetKey,
  done: t.done,
  completedAt: isoOrNull(t.completedAt),
  periodStart: isoOrNull(t.periodStart),
  periodEnd: isoOrNull(t.periodEnd),
  opensAt: isoOrNull(t.opensAt),
  createdAt: iso(t.createdAt),
  updatedAt: iso(t.updatedAt),
});

export const characterJson = (c: Character) => ({
  id: c.id,
  persistentKey: c.persistentKey,
  lodestoneId: c.lodestoneId,
  name: c.name,
  world: c.world,
  datacenter: c.datacenter,
  region: c.region,
  avatarUrl: c.avatarUrl,
  portraitUrl: c.portraitUrl,
  title: c.title,
  freeCompany: c.freeCompany,
  verified: c.verified,
  verifiedAt: isoOrNull(c.verifiedAt),
  lostVerificationAt: isoOrNull(c.lostVerificationAt),
  fetchedAt: isoOrNull(c.fetchedAt),
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

export const keyJson = (k: ApiKey) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  createdAt: iso(k.createdAt),
  lastUsedAt: isoOrNull(k.lastUsedAt),
  expiresAt: isoOrNull(k.expiresAt),
});

export { iso, isoOrNull };
