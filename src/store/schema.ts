import type { Generated, Selectable } from 'kysely';

/**
 * The typed shape of the store. Every instant is an integer of epoch milliseconds (UTC),
 * every Discord id a string (snowflakes exceed 2^53), every flag 0/1: the same on SQLite
 * and PostgreSQL.
 */
export interface Database {
  users: UsersTable;
  characters: CharactersTable;
  tasks: TasksTable;
  completions: CompletionsTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  oauth_states: OAuthStatesTable;
  guild_reminders: GuildRemindersTable;
  personal_reminders: PersonalRemindersTable;
  announcement_claims: AnnouncementClaimsTable;
  api_keys: ApiKeysTable;
  character_verifications: CharacterVerificationsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  group_boards: GroupBoardsTable;
  guild_group_settings: GuildGroupSettingsTable;
  outbox: OutboxTable;
  send_budget: SendBudgetTable;
  send_pause: SendPauseTable;
}

export interface UsersTable {
  id: string;
  discord_id: string;
  username: string;
  global_name: string | null;
  avatar: string | null;
  /** Incremented by every write to the user's tasks or characters (see bumpTasksVersion). */
  tasks_version: Generated<number>;
  /** The language of the user's last interaction (`en`, `ja`, `de`, `fr`); their DMs follow it. */
  locale: string | null;
  created_at: number;
  updated_at: number;
}

export interface CharactersTable {
  id: string;
  user_id: string;
  lodestone_id: string;
  name: string;
  world: string;
  datacenter: string;
  region: string;
  avatar_url: string | null;
  portrait_url: string | null;
  title: string | null;
  free_company_id: string | null;
  free_company_name: string | null;
  /** When the Lodestone profile was last read; null for characters linked by hand. */
  fetched_at: number | null;
  /** Claimed by the background refresher, so two processes do not read the same profile. */
  refresh_attempted_at: number | null;
  /** Set when this user proved the character theirs; at most one row per Lodestone id has it. */
  verified_at: number | null;
  /** Set when another user proved the character theirs; the DM telling this user is sent once. */
  lost_verification_at: number | null;
  lost_verification_notified_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface CharacterVerificationsTable {
  user_id: string;
  lodestone_id: string;
  code: string;
  created_at: number;
  expires_at: number;
}

export interface TasksTable {
  id: string;
  user_id: string;
  character_id: string | null;
  name: string;
  cadence: string;
  /** Hours for `cooldown` tasks. */
  interval_hours: number | null;
  /** Data-center region for `jumbo-cactpot` tasks without a character. */
  region: string | null;
  notes: string | null;
  position: number;
  /** 1 when the player hid the task (kept, with its history, but left out of lists). */
  hidden: Generated<number>;
  preset_key: string | null;
  /** Copies of the newest completion, so one indexed read gives a user's whole status. */
  last_period_start: number | null;
  last_completed_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface CompletionsTable {
  task_id: string;
  user_id: string;
  period_start: number;
  completed_at: number;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: number;
  last_used_at: number;
  expires_at: number;
  revoked_at: number | null;
  user_agent: string | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: number;
  used_at: number | null;
}

export interface OAuthStatesTable {
  state_hash: string;
  code_verifier: string;
  redirect_uri: string;
  created_at: number;
  expires_at: number;
}

export interface GuildRemindersTable {
  guild_id: string;
  channel_id: string;
  role_id: string | null;
  /** Comma-separated reset events. */
  events: string;
  lead_minutes: number;
  /** The announcements' language (`en`, `ja`, `de`, `fr`); null is English. */
  language: string | null;
  enabled: number;
  disabled_reason: string | null;
  updated_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface PersonalRemindersTable {
  user_id: string;
  cadence: string;
  hours_before: number;
  enabled: number;
  /** Set when Discord refused a DM; the user is told at their next command. */
  dm_failed_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AnnouncementClaimsTable {
  /** e.g. `guild:<id>`, `user:<id>`. */
  target: string;
  event: string;
  occurs_at: number;
  claimed_at: number;
  claimed_by: string;
  sent_at: number | null;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  /** Space-separated scopes. */
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface GroupsTable {
  id: string;
  guild_id: string;
  name: string;
  /** Lower-cased name, unique per server. */
  name_key: string;
  owner_user_id: string;
  /** Comma-separated preset keys, in column order. */
  presets: string;
  created_at: number;
  updated_at: number;
}

export interface GroupMembersTable {
  id: string;
  group_id: string;
  user_id: string;
  /** Null: all of the member's characters. */
  character_id: string | null;
  joined_at: number;
}

export interface GroupBoardsTable {
  group_id: string;
  channel_id: string;
  message_id: string | null;
  /** 1 when something on the board may have changed since the last edit. */
  dirty: number;
  next_reset_at: number | null;
  last_edited_at: number | null;
  rendered_hash: string | null;
  claimed_by: string | null;
  claimed_until: number | null;
  disabled_at: number | null;
  disabled_reason: string | null;
  owner_notified_at: number | null;
  created_at: number;
}

export interface GuildGroupSettingsTable {
  guild_id: string;
  creator_role_id: string | null;
  updated_at: number;
}

export interface OutboxTable {
  /** Also the Discord message nonce (at most 25 characters). */
  id: string;
  kind: 'channel' | 'dm';
  target: string;
  /** The message body as JSON. */
  body: string;
  /** What a permanent refusal switches off: `guild:<id>`, `user:<id>`, or `none`. */
  origin: string;
  /** What the message is; unique, so queueing it twice is one row. */
  dedupe_key: string;
  created_at: number;
  available_at: number;
  claimed_by: string | null;
  lease_until: number | null;
  attempts: Generated<number>;
  sent_at: number | null;
  failed_at: number | null;
  last_error: string | null;
}

export interface SendBudgetTable {
  second: number;
  count: number;
}

export interface SendPauseTable {
  id: number;
  paused_until: number;
}

export type ApiKeyRow = Selectable<ApiKeysTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type GroupRow = Selectable<GroupsTable>;
export type GroupBoardRow = Selectable<GroupBoardsTable>;
export type UserRow = Selectable<UsersTable>;
export type CharacterRow = Selectable<CharactersTable>;
export type TaskRow = Selectable<TasksTable>;
export type GuildReminderRow = Selectable<GuildRemindersTable>;
export type PersonalReminderRow = Selectable<PersonalRemindersTable>;
