import type { Locale } from '../i18n/locales.js';

/** A player, whichever front door they came through. */
export interface User {
  id: string;
  discordId: string;
  username: string;
  globalName: string | null;
  /** Discord avatar hash; `avatarUrl` derives from it. */
  avatar: string | null;
  avatarUrl: string | null;
  /** The language of their last interaction with the bot; their reminder DMs follow it. */
  locale: Locale;
  createdAt: number;
  updatedAt: number;
}

/** What Discord tells us about a user (from OAuth `/users/@me` or an interaction). */
export interface DiscordIdentity {
  discordId: string;
  username: string;
  globalName?: string | null;
  avatar?: string | null;
  /** The language of this interaction (the bot only; the web login does not say). */
  locale?: Locale;
}
