import { ChannelType, MessageType } from 'discord-api-types/v10';
import { discordError, json, noContent, type Caller, type Reply, type Route } from './http.js';
import { isSnowflake, snowflake } from './ids.js';
import type { FakeState, JsonObject } from './state.js';
import type { RecordedRequest } from './types.js';
import { commandErrors, invalidFormBody, isEmptyMessage, messageErrors } from './validate.js';

const unknownChannel = () => discordError(404, 10003, 'Unknown Channel');
const unknownMessage = () => discordError(404, 10008, 'Unknown Message');
const unknownGuild = () => discordError(404, 10004, 'Unknown Guild');
const missingAccess = () => discordError(403, 50001, 'Missing Access');
/** Discord checks an enforced nonce against "the past few minutes"; five here. */
const NONCE_WINDOW_MS = 5 * 60_000;
const emptyMessage = () => discordError(400, 50006, 'Cannot send an empty message');

export const objectBody = (req: RecordedRequest): JsonObject =>
  req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as JsonObject) : {};

/** Validates a message body the way Discord does; undefined when it is fine. */
export function rejectMessage(body: JsonObject, fileCount: number, creating: boolean, prefix: (string | number)[] = []): Reply | undefined {
  const errors = messageErrors(body, prefix);
  if (errors.length > 0) return invalidFormBody(errors);
  if (creating && isEmptyMessage(body, fileCount)) return emptyMessage();
  return undefined;
}

/** Gateway, users, channels, guilds, applications and commands. */
export function restRoutes(state: FakeState, gatewayUrl: string): Route[] {
  const appId = state.applicationId;

  const me = (caller: Caller): Reply => {
    if (caller.kind === 'bearer') {
      return json(200, { ...caller.user, banner: caller.user.banner ?? null, accent_color: null, locale: 'en-US', mfa_enabled: false, premium_type: 0 });
    }
    return json(200, { ...state.botUser, verified: true, mfa_enabled: false, email: null, locale: 'en-US', premium_type: 0, banner: null, accent_color: null, bio: '' });
  };

  const channelMessages = (channelId: string) => state.messages.filter((m) => m.channel_id === channelId);

  const scopeKey = (guildId: string | undefined) => guildId ?? 'global';
  const commandsAllowed = (params: string[]): Reply | undefined => {
    if (params[0] !== appId && params[0] !== '@me') return missingAccess();
    if (params[1] !== undefined && !state.guild(params[1])) return missingAccess();
    return undefined;
  };
  const normalizeCommand = (c: JsonObject, guildId: string | undefined, existing: JsonObject[]): JsonObject => {
    const type = typeof c.type === 'number' ? c.type : 1;
    const prev = existing.find((e) => e.name === c.name && e.type === type);
    return {
      id: prev?.id ?? snowflake(),
      application_id: appId,
      version: snowflake(),
      default_member_permissions: c.default_member_permissions ?? null,
      type,
      name: c.name,
      name_localizations: c.name_localizations ?? null,
      description: c.description ?? '',
      description_localizations: c.description_localizations ?? null,
      ...(guildId !== undefined && { guild_id: guildId }),
      ...(c.options !== undefined && { options: c.options }),
      ...(c.dm_permission !== undefined && { dm_permission: c.dm_permission }),
      contexts: c.contexts ?? null,
      integration_types: c.integration_types ?? [0],
      nsfw: c.nsfw ?? false,
    };
  };

  return [
    // ---------------------------------------------------------------- gateway
    { method: 'GET', path: /^\/gateway$/, auth: 'none', handle: () => json(200, { url: gatewayUrl }) },
    {
      method: 'GET',
      path: /^\/gateway\/bot$/,
      auth: 'bot',
      handle: () => json(200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }),
    },

    // ---------------------------------------------------------------- users
    { method: 'GET', path: /^\/users\/@me$/, auth: 'bot-or-bearer', handle: (_r, _p, caller) => me(caller) },
    {
      method: 'GET',
      path: /^\/users\/@me\/guilds$/,
      auth: 'bot-or-bearer',
      handle: (_r, _p, caller) =>
        json(200, caller.kind === 'bot'
          ? state.guilds.map((g) => ({ id: g.id, name: g.name, icon: null, banner: null, owner: false, permissions: state.botPermissions(g), features: [] }))
          : []),
    },
    {
      method: 'POST',
      path: /^\/users\/@me\/channels$/,
      auth: 'bot',
      handle: (req) => {
        const recipient = objectBody(req).recipient_id;
        if (typeof recipient !== 'string' || !isSnowflake(recipient)) {
          return invalidFormBody([{ path: ['recipient_id'], code: 'NUMBER_TYPE_COERCE', message: `Value "${String(recipient)}" is not snowflake.` }]);
        }
        return json(200, state.dmChannelFor(recipient));
      },
    },
    {
      method: 'GET',
      path: /^\/users\/(\d+)$/,
      auth: 'bot',
      handle: (_r, [id]) => (isSnowflake(id!) ? json(200, state.user(id!)) : discordError(404, 10013, 'Unknown User')),
    },

    // ---------------------------------------------------------------- channels and messages
    {
      method: 'GET',
      path: /^\/channels\/([^/]+)$/,
      auth: 'bot',
      handle: (_r, [id]) => {
        const ch = state.channelObject(id!);
        return ch ? json(200, ch) : unknownChannel();
      },
    },
    {
      method: 'GET',
      path: /^\/channels\/([^/]+)\/messages$/,
      auth: 'bot',
      handle: (req, [id]) => {
        const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 50) || 50));
        return json(200, channelMessages(id!).slice().reverse().slice(0, limit));
      },
    },
    {
      method: 'POST',
      path: /^\/channels\/([^/]+)\/messages$/,
      auth: 'bot',
      handle: (req, [id]) => {
        // Any snowflake is taken for a text channel the bot can write to (tests rarely declare every channel);
        // known categories and voice channels refuse, like Discord.
        if (!isSnowflake(id!)) return unknownChannel();
        const known = state.findGuildChannel(id!);
        if (known && (known.channel.type === ChannelType.GuildCategory || known.channel.type === ChannelType.GuildForum)) {
          return discordError(400, 50008, 'Cannot send messages in a non-text channel');
        }
        const body = objectBody(req);
        const bad = rejectMessage(body, req.files.length, true);
        if (bad) return bad;
        // enforce_nonce: the same author and nonce within a few minutes gets the first message back, not a second one.
        if (body.enforce_nonce === true && (typeof body.nonce === 'string' || typeof body.nonce === 'number')) {
          const same = state.findRecentByNonce(id!, String(body.nonce), NONCE_WINDOW_MS);
          if (same) return json(200, same);
        }
        const ref = body.message_reference as JsonObject | undefined;
        const msg = state.createMessage(id!, body, req.files, {
          ...(ref && typeof ref.message_id === 'string' && {
            type: MessageType.Reply,
            message_reference: { type: 0, message_id: ref.message_id, channel_id: id!, ...(known && { guild_id: known.guild.id }) },
          }),
          ...(typeof body.nonce === 'string' || typeof body.nonce === 'number' ? { nonce: body.nonce } : {}),
        });
        return json(200, msg);
      },
    },
    {
      method: 'GET',
      path: /^\/channels\/([^/]+)\/messages\/(\d+)$/,
      auth: 'bot',
      handle: (_r, [cid, mid]) => {
        const msg = state.findMessage(mid!);
        return msg && msg.channel_id === cid ? json(200, msg) : unknownMessage();
      },
    },
    {
      method: 'PATCH',
      path: /^\/channels\/([^/]+)\/messages\/(\d+)$/,
      auth: 'bot',
      handle: (req, [cid, mid]) => {
        const msg = state.findMessage(mid!);
        if (!msg || msg.channel_id !== cid) return unknownMessage();
        const body = objectBody(req);
        const bad = rejectMessage(body, req.files.length, false);
        return bad ?? json(200, state.editMessage(msg, body, req.files));
      },
    },
    {
      method: 'DELETE',
      path: /^\/channels\/([^/]+)\/messages\/(\d+)$/,
      auth: 'bot',
      handle: (_r, [cid, mid]) => {
        const msg = state.findMessage(mid!);
        if (!msg || msg.channel_id !== cid) return unknownMessage();
        state.deleteMessage(msg);
        return noContent();
      },
    },
    { method: 'POST', path: /^\/channels\/([^/]+)\/typing$/, auth: 'bot', handle: () => noContent() },

    // ---------------------------------------------------------------- guilds
    {
      method: 'GET',
      path: /^\/guilds\/([^/]+)$/,
      auth: 'bot',
      handle: (req, [id]) => {
        const g = state.guild(id!);
        if (!g) return unknownGuild();
        const counts = req.query.with_counts === 'true' ? { approximate_member_count: g.memberCount ?? 42, approximate_presence_count: 7 } : {};
        return json(200, { ...state.restGuild(g), ...counts });
      },
    },
    {
      method: 'GET',
      path: /^\/guilds\/([^/]+)\/channels$/,
      auth: 'bot',
      handle: (_r, [id]) => {
        const g = state.guild(id!);
        return g ? json(200, (g.channels ?? []).map((c) => state.channel(g, c, true))) : unknownGuild();
      },
    },
    {
      method: 'GET',
      path: /^\/guilds\/([^/]+)\/roles$/,
      auth: 'bot',
      handle: (_r, [id]) => {
        const g = state.guild(id!);
        return g ? json(200, state.roles(g)) : unknownGuild();
      },
    },
    {
      method: 'GET',
      path: /^\/guilds\/([^/]+)\/members\/(\d+|@me)$/,
      auth: 'bot',
      handle: (_r, [id, uid]) => {
        const g = state.guild(id!);
        if (!g) return unknownGuild();
        if (uid === '@me' || uid === state.botUser.id) return json(200, state.botMember(g));
        const m = state.knownMembers(g.id).find((x) => (x.user as { id: string }).id === uid);
        return m ? json(200, m) : discordError(404, 10007, 'Unknown Member');
      },
    },

    // ---------------------------------------------------------------- application and commands
    {
      method: 'GET',
      path: /^\/(?:applications|oauth2\/applications)\/@me$/,
      auth: 'bot',
      handle: () =>
        json(200, {
          id: appId, name: state.botUser.username, icon: null, description: '', summary: '', type: null, bot: state.botUser,
          bot_public: true, bot_require_code_grant: false, verify_key: 'f'.repeat(64), flags: 0, hook: true, is_monetized: false,
          integration_types_config: { '0': {} }, install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
          owner: { id: '1100000000000000199', username: 'owner', discriminator: '0', global_name: null, avatar: null, public_flags: 0, flags: 0 },
          redirect_uris: [], interactions_endpoint_url: null, approximate_guild_count: state.guilds.length, team: null,
        }),
    },
    ...(['', '/guilds/(\\d+)'] as const).flatMap((scope): Route[] => {
      const base = `^\\/applications\\/([^/]+)${scope.replace(/\//g, '\\/')}\\/commands`;
      return [
        {
          method: 'GET',
          path: new RegExp(`${base}$`),
          auth: 'bot',
          handle: (_r, p) => commandsAllowed(p) ?? json(200, state.commands.get(scopeKey(p[1])) ?? []),
        },
        {
          method: 'PUT',
          path: new RegExp(`${base}$`),
          auth: 'bot',
          handle: (req, p) => {
            const denied = commandsAllowed(p);
            if (denied) return denied;
            if (!Array.isArray(req.body)) return invalidFormBody([{ path: [], code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' }]);
            const list = req.body as JsonObject[];
            const errors = commandErrors(list);
            if (errors.length > 0) return invalidFormBody(errors);
            const existing = state.commands.get(scopeKey(p[1])) ?? [];
            const saved = list.map((c) => normalizeCommand(c, p[1], existing));
            state.commands.set(scopeKey(p[1]), saved);
            return json(200, saved);
          },
        },
        {
          method: 'POST',
          path: new RegExp(`${base}$`),
          auth: 'bot',
          handle: (req, p) => {
            const denied = commandsAllowed(p);
            if (denied) return denied;
            const body = objectBody(req);
            const errors = commandErrors([body]);
            if (errors.length > 0) return invalidFormBody(errors);
            const existing = state.commands.get(scopeKey(p[1])) ?? [];
            const saved = normalizeCommand(body, p[1], existing);
            state.commands.set(scopeKey(p[1]), [...existing.filter((e) => e.id !== saved.id), saved]);
            return json(existing.some((e) => e.id === saved.id) ? 200 : 201, saved);
          },
        },
        {
          method: 'GET',
          path: new RegExp(`${base}\\/(\\d+)$`),
          auth: 'bot',
          handle: (_r, p) => {
            const cmdId = p[p.length - 1];
            const guildId = p.length === 3 ? p[1] : undefined;
            const c = (state.commands.get(scopeKey(guildId)) ?? []).find((x) => x.id === cmdId);
            return commandsAllowed([p[0]!, ...(guildId ? [guildId] : [])]) ?? (c ? json(200, c) : discordError(404, 10063, 'Unknown application command'));
          },
        },
        {
          method: 'DELETE',
          path: new RegExp(`${base}\\/(\\d+)$`),
          auth: 'bot',
          handle: (_r, p) => {
            const cmdId = p[p.length - 1];
            const guildId = p.length === 3 ? p[1] : undefined;
            const denied = commandsAllowed([p[0]!, ...(guildId ? [guildId] : [])]);
            if (denied) return denied;
            const list = state.commands.get(scopeKey(guildId)) ?? [];
            if (!list.some((x) => x.id === cmdId)) return discordError(404, 10063, 'Unknown application command');
            state.commands.set(scopeKey(guildId), list.filter((x) => x.id !== cmdId));
            return noContent();
          },
        },
      ];
    }),
  ];
}
