import { ChannelType, MessageFlags, type APIAttachment, type APIEmbed, type APIMessage, type APIUser } from 'discord-api-types/v10';
import {
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_MEMBER_PERMISSIONS,
  DEFAULT_OWNER_ID,
  makeBotUser,
  makeMember,
  makeMessage,
  makeUser,
} from './fixtures.js';
import { snowflake } from './ids.js';
import type { FakeChannel, FakeGuild, RecordedFile } from './types.js';

export type JsonObject = Record<string, unknown>;

const JOINED_AT = '2024-01-01T00:00:00.000000+00:00';

/** Flags a bot may set when sending a message. */
const SENDABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.Ephemeral | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

/** Everything the fake knows: guilds, users, DM channels, messages, commands. */
export class FakeState {
  readonly botUser: APIUser;
  readonly users = new Map<string, APIUser>();
  /** recipient id → DM channel */
  readonly dmChannels = new Map<string, JsonObject>();
  readonly messages: APIMessage[] = [];
  /** 'global' or a guild id → commands */
  readonly commands = new Map<string, JsonObject[]>();
  /** guild id → user id → member seen in an interaction */
  private readonly members = new Map<string, Map<string, JsonObject>>();

  constructor(
    readonly applicationId: string,
    readonly guilds: readonly FakeGuild[],
    botUsername: string,
  ) {
    this.botUser = makeBotUser(applicationId, botUsername);
    this.users.set(this.botUser.id, this.botUser);
  }

  // ------------------------------------------------------------ users

  /** A known user, or a plausible one made up for any snowflake (Discord knows every user). */
  user(id: string): APIUser {
    const known = this.users.get(id);
    if (known) return known;
    const made = makeUser({ id, username: `user${id.slice(-4)}` });
    this.users.set(id, made);
    return made;
  }

  /** Remembers a guild member (from an interaction) so GET /guilds/:id/members/:id and member chunks know them. */
  rememberMember(guildId: string, member: JsonObject): void {
    const user = member.user as APIUser;
    this.users.set(user.id, user);
    let m = this.members.get(guildId);
    if (!m) this.members.set(guildId, (m = new Map()));
    const { permissions: _p, ...rest } = member;
    m.set(user.id, rest);
  }

  knownMembers(guildId: string): JsonObject[] {
    return [...(this.members.get(guildId)?.values() ?? [])];
  }

  // ------------------------------------------------------------ guilds and channels

  guild(id: string): FakeGuild | undefined {
    return this.guilds.find((g) => g.id === id);
  }

  private readonly botRoles = new Map<string, string>();

  /** The bot's managed role in a guild (a fresh snowflake, stable for this fake). */
  botRoleId(g: FakeGuild): string {
    let id = this.botRoles.get(g.id);
    if (!id) {
      id = snowflake();
      this.botRoles.set(g.id, id);
    }
    return id;
  }

  roles(g: FakeGuild): JsonObject[] {
    const role = (id: string, name: string, permissions: string, position: number, extra: JsonObject = {}): JsonObject => ({
      id, name, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, icon: null, unicode_emoji: null,
      position, permissions, managed: false, mentionable: false, flags: 0, ...extra,
    });
    return [
      role(g.id, '@everyone', g.everyonePermissions ?? DEFAULT_MEMBER_PERMISSIONS, 0),
      role(this.botRoleId(g), this.botUser.username, g.botPermissions ?? DEFAULT_BOT_PERMISSIONS, 1, { managed: true, tags: { bot_id: this.botUser.id } }),
      ...(g.roles ?? []).map((r, i) =>
        role(r.id, r.name, r.permissions ?? '0', i + 2, { mentionable: r.mentionable ?? false, color: r.color ?? 0, colors: { primary_color: r.color ?? 0, secondary_color: null, tertiary_color: null } })),
    ];
  }

  /** Everyone's permissions OR the bot role's (no overwrites). */
  botPermissions(g: FakeGuild): string {
    return (BigInt(g.everyonePermissions ?? DEFAULT_MEMBER_PERMISSIONS) | BigInt(g.botPermissions ?? DEFAULT_BOT_PERMISSIONS)).toString();
  }

  botMember(g: FakeGuild): JsonObject {
    const { permissions: _p, ...member } = makeMember(this.botUser, { roles: [this.botRoleId(g)] });
    return { ...member, joined_at: JOINED_AT };
  }

  channel(g: FakeGuild, c: FakeChannel, withGuildId: boolean): JsonObject {
    const type = c.type ?? ChannelType.GuildText;
    const position = (g.channels ?? []).indexOf(c);
    const base: JsonObject = {
      id: c.id, type, name: c.name, position: Math.max(0, position), flags: 0,
      parent_id: c.parentId ?? null, permission_overwrites: c.permissionOverwrites ?? [],
      ...(withGuildId && { guild_id: g.id }),
    };
    if (type === ChannelType.GuildCategory) return base;
    if (type === ChannelType.GuildVoice) return { ...base, bitrate: 64000, user_limit: 0, rtc_region: null, nsfw: false, rate_limit_per_user: 0, last_message_id: null };
    return { ...base, topic: c.topic ?? null, nsfw: false, last_message_id: null, rate_limit_per_user: 0, ...(type === ChannelType.GuildForum && { available_tags: [], default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0 }) };
  }

  /** Guild channel by id, with its guild. */
  findGuildChannel(id: string): { guild: FakeGuild; channel: FakeChannel } | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels?.find((c) => c.id === id);
      if (channel) return { guild, channel };
    }
    return undefined;
  }

  /** REST channel object (guild or DM), or undefined when unknown. */
  channelObject(id: string): JsonObject | undefined {
    const found = this.findGuildChannel(id);
    if (found) return this.channel(found.guild, found.channel, true);
    for (const dm of this.dmChannels.values()) if (dm.id === id) return dm;
    return undefined;
  }

  /** First text channel of a guild (where interactions happen by default). */
  defaultChannel(g: FakeGuild): FakeChannel | undefined {
    return g.channels?.find((c) => (c.type ?? ChannelType.GuildText) === ChannelType.GuildText) ?? g.channels?.[0];
  }

  dmChannelFor(recipientId: string): JsonObject {
    let dm = this.dmChannels.get(recipientId);
    if (!dm) {
      dm = { id: snowflake(), type: ChannelType.DM, last_message_id: null, flags: 0, recipients: [this.user(recipientId)] };
      this.dmChannels.set(recipientId, dm);
    }
    return dm;
  }

  /** The guild object of GET /guilds/:id (no channels or members). */
  restGuild(g: FakeGuild): JsonObject {
    return {
      id: g.id, name: g.name, icon: null, icon_hash: null, splash: null, discovery_splash: null, owner_id: g.ownerId ?? DEFAULT_OWNER_ID,
      region: 'deprecated', afk_channel_id: null, afk_timeout: 300, widget_enabled: false, widget_channel_id: null, verification_level: 0,
      default_message_notifications: 0, explicit_content_filter: 0, roles: this.roles(g), emojis: [], features: [], mfa_level: 0,
      application_id: null, system_channel_id: null, system_channel_flags: 0, rules_channel_id: null, max_presences: null, max_members: 500000,
      vanity_url_code: null, description: null, banner: null, premium_tier: 0, premium_subscription_count: 0,
      preferred_locale: g.preferredLocale ?? 'en-US', public_updates_channel_id: null, max_video_channel_users: 25,
      max_stage_video_channel_users: 50, nsfw_level: 0, nsfw: false, stickers: [], premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null, incidents_data: null,
    };
  }

  /** The GUILD_CREATE dispatch payload. */
  guildCreate(g: FakeGuild): JsonObject {
    return {
      ...this.restGuild(g),
      joined_at: JOINED_AT, large: false, unavailable: false, member_count: g.memberCount ?? 42, lazy: true,
      voice_states: [], members: [this.botMember(g)], channels: (g.channels ?? []).map((c) => this.channel(g, c, false)),
      threads: [], presences: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [], embedded_activities: [],
      application_command_counts: {}, version: Date.now(),
    };
  }

  // ------------------------------------------------------------ messages

  /** Creates (and remembers) a message the bot sent from a REST body. */
  createMessage(channelId: string, body: JsonObject, files: RecordedFile[], extra: Partial<APIMessage> = {}): APIMessage {
    const msg = makeMessage({ channel_id: channelId, author: this.botUser, ...extra });
    applyMessageBody(msg, body, files);
    this.messages.push(msg);
    return msg;
  }

  editMessage(msg: APIMessage, body: JsonObject, files: RecordedFile[]): APIMessage {
    applyMessageBody(msg, body, files);
    msg.edited_timestamp = new Date().toISOString();
    msg.flags = (msg.flags ?? 0) & ~MessageFlags.Loading;
    return msg;
  }

  /** A message the bot created in this channel with this nonce, no older than `windowMs`. */
  findRecentByNonce(channelId: string, nonce: string, windowMs: number): APIMessage | undefined {
    const since = Date.now() - windowMs;
    return this.messages.find((m) => m.channel_id === channelId && m.nonce !== undefined && String(m.nonce) === nonce && Date.parse(m.timestamp) >= since);
  }

  findMessage(id: string): APIMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  deleteMessage(msg: APIMessage): void {
    const i = this.messages.indexOf(msg);
    if (i >= 0) this.messages.splice(i, 1);
  }
}

/** Copies the sendable fields of a message body onto a message. */
function applyMessageBody(msg: APIMessage, body: JsonObject, files: RecordedFile[]): void {
  if (typeof body.content === 'string') msg.content = body.content;
  if (Array.isArray(body.embeds)) msg.embeds = (body.embeds as APIEmbed[]).map((e) => ({ type: 'rich' as APIEmbed['type'], ...e }));
  if (Array.isArray(body.components)) msg.components = body.components as APIMessage['components'];
  if (typeof body.flags === 'number') msg.flags = ((msg.flags ?? 0) & ~SENDABLE_FLAGS) | (body.flags & SENDABLE_FLAGS);
  if (typeof body.tts === 'boolean') msg.tts = body.tts;
  if (files.length > 0 || Array.isArray(body.attachments)) {
    const kept = Array.isArray(body.attachments)
      ? msg.attachments.filter((a) => (body.attachments as JsonObject[]).some((b) => b.id === a.id))
      : msg.attachments;
    const added: APIAttachment[] = files.map((f) => {
      const id = snowflake();
      const url = `https://cdn.discordapp.com/attachments/${msg.channel_id}/${id}/${f.name}`;
      return { id, filename: f.name, size: f.size, url, proxy_url: url, content_type: f.contentType };
    });
    msg.attachments = [...kept, ...added];
  }
}
