/** A player, whichever front door they came through. */
export interface User {
  id: string;
  discordId: string;
  username: string;
  globalName: string | null;
  /** Discord avatar hash; `avatarUrl` derives from it. */
  avatar: string | null;
  avatarUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What Discord tells us about a user (from OAuth `/users/@me` or an interaction). */
export interface DiscordIdentity {
  discordId: string;
  username: string;
  globalName?: string | null;
  avatar?: string | null;
}
