import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ComponentType,
  InteractionType,
  MessageType,
  PermissionFlagsBits,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionDataResolved,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  type GuildMemberFlags,
  type Locale,
  type MessageFlags,
  type UserFlags,
} from 'discord-api-types/v10';
import { snowflake } from './ids.js';
import type { CannedResponse, FakeGuild } from './types.js';

// ---------------------------------------------------------------- ids and defaults

export const DEFAULT_APPLICATION_ID = '1100000000000000001';
export const DEFAULT_GUILD_ID = '1100000000000000100';
export const DEFAULT_CHANNEL_ID = '1100000000000000101';
export const DEFAULT_OWNER_ID = '1100000000000000199';
export const DEFAULT_BOT_TOKEN = 'fake-bot-token';
export const DEFAULT_CLIENT_SECRET = 'fake-client-secret';

/** The user who clicks and types in interactions unless told otherwise. */
export const DEFAULT_USER: APIUser = makeUser({ id: '1100000000000000200', username: 'warrior', global_name: 'Warrior of Light' });

const P = PermissionFlagsBits;
const bits = (...flags: bigint[]): string => flags.reduce((a, b) => a | b, 0n).toString();

/** What `@everyone` may do on a fresh server (and so what a plain member's `permissions` is). */
export const DEFAULT_MEMBER_PERMISSIONS = bits(
  P.CreateInstantInvite, P.AddReactions, P.Stream, P.ViewChannel, P.SendMessages, P.EmbedLinks, P.AttachFiles,
  P.ReadMessageHistory, P.MentionEveryone, P.UseExternalEmojis, P.Connect, P.Speak, P.UseVAD, P.ChangeNickname,
  P.UseApplicationCommands, P.RequestToSpeak, P.CreatePublicThreads, P.CreatePrivateThreads, P.UseExternalStickers,
  P.SendMessagesInThreads, P.UseEmbeddedActivities, P.SendVoiceMessages, P.SendPolls, P.UseExternalApps,
);
/** The bot's managed role. */
export const DEFAULT_BOT_PERMISSIONS = bits(
  P.ViewChannel, P.SendMessages, P.SendMessagesInThreads, P.EmbedLinks, P.AttachFiles, P.ReadMessageHistory,
  P.MentionEveryone, P.UseExternalEmojis, P.AddReactions,
);
/** Every permission (what `member.permissions` is for an administrator). */
export const ALL_PERMISSIONS = bits(...Object.values(PermissionFlagsBits));
export const ADMIN_PERMISSIONS = ALL_PERMISSIONS;
/** Permissions Discord reports in a DM with the bot. */
export const DM_PERMISSIONS = bits(
  P.AddReactions, P.ViewChannel, P.SendMessages, P.EmbedLinks, P.AttachFiles, P.ReadMessageHistory, P.MentionEveryone,
  P.UseExternalEmojis, P.UseApplicationCommands, P.UseExternalStickers, P.SendVoiceMessages, P.SendPolls, P.UseExternalApps,
);

export function defaultGuild(): FakeGuild {
  return { id: DEFAULT_GUILD_ID, name: 'Fake Free Company', ownerId: DEFAULT_OWNER_ID, channels: [{ id: DEFAULT_CHANNEL_ID, name: 'general' }] };
}

export function makeUser(u: Partial<APIUser> & { id: string; username: string }): APIUser {
  return { discriminator: '0', global_name: null, avatar: null, public_flags: 0 as UserFlags, flags: 0 as UserFlags, avatar_decoration_data: null, ...u };
}

export function makeBotUser(applicationId: string, username = 'Fake Bot'): APIUser {
  return makeUser({ id: applicationId, username, bot: true });
}

export function makeMember(user: APIUser, opts: { permissions?: bigint | string; roles?: string[]; nick?: string | null } = {}): APIInteractionGuildMember {
  return {
    user,
    roles: opts.roles ?? [],
    permissions: String(opts.permissions ?? DEFAULT_MEMBER_PERMISSIONS),
    nick: opts.nick ?? null,
    avatar: null,
    banner: null,
    joined_at: '2024-01-01T00:00:00.000000+00:00',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

/** A message object as Discord returns it. `channel_id: ''` / `author.id: ''` are filled by dispatchInteraction. */
export function makeMessage(m: Partial<APIMessage> & { channel_id: string; author: APIUser }): APIMessage {
  return {
    id: snowflake(),
    type: MessageType.Default,
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    components: [],
    flags: 0 as MessageFlags,
    ...m,
  };
}

// ---------------------------------------------------------------- command options

type Option = APIApplicationCommandInteractionDataOption;
/** Option list, or a shorthand record: string → String, integer → Integer, other number → Number, boolean → Boolean. */
export type OptionsInput = Option[] | Record<string, string | number | boolean>;

/** Builders for interaction option values (use these for Number options holding integers, users, channels, subcommands). */
export const opt = {
  string: (name: string, value: string): Option => ({ name, type: ApplicationCommandOptionType.String, value }),
  integer: (name: string, value: number): Option => ({ name, type: ApplicationCommandOptionType.Integer, value }),
  number: (name: string, value: number): Option => ({ name, type: ApplicationCommandOptionType.Number, value }),
  boolean: (name: string, value: boolean): Option => ({ name, type: ApplicationCommandOptionType.Boolean, value }),
  /** Pair it with `resolved.users` (chatInput's ctx.resolved) if the code reads the user object. */
  user: (name: string, id: string): Option => ({ name, type: ApplicationCommandOptionType.User, value: id }),
  channel: (name: string, id: string): Option => ({ name, type: ApplicationCommandOptionType.Channel, value: id }),
  role: (name: string, id: string): Option => ({ name, type: ApplicationCommandOptionType.Role, value: id }),
  /** The option being typed in an autocomplete interaction (value is what was typed so far). */
  focused: (name: string, value: string, type: ApplicationCommandOptionType.String | ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number = ApplicationCommandOptionType.String): Option =>
    ({ name, type, value, focused: true }) as Option,
  subcommand: (name: string, options: OptionsInput = []): Option =>
    ({ name, type: ApplicationCommandOptionType.Subcommand, options: toOptions(options) }) as Option,
  group: (name: string, subcommands: Option[]): Option =>
    ({ name, type: ApplicationCommandOptionType.SubcommandGroup, options: subcommands }) as Option,
};

export function toOptions(input: OptionsInput): Option[] {
  if (Array.isArray(input)) return input;
  return Object.entries(input).map(([name, value]) =>
    typeof value === 'string' ? opt.string(name, value)
    : typeof value === 'boolean' ? opt.boolean(name, value)
    : Number.isInteger(value) ? opt.integer(name, value)
    : opt.number(name, value));
}

// ---------------------------------------------------------------- interactions

/** Where and by whom an interaction happens. */
export interface InteractionContext {
  /** Merged onto DEFAULT_USER. */
  user?: Partial<APIUser>;
  /** Member permission bitfield (guild only). Default DEFAULT_MEMBER_PERMISSIONS; ADMIN_PERMISSIONS for admins. */
  permissions?: bigint | string;
  roles?: string[];
  /** Default: the fake's first guild. */
  guildId?: string;
  /** Default: the guild's first text channel (or the DM channel). */
  channelId?: string;
  /** In a DM with the bot: `user` instead of `member`, no guild. */
  dm?: boolean;
  locale?: Locale;
  /** Resolved users/members/channels/roles for User/Channel/Role options. */
  resolved?: APIInteractionDataResolved;
  /** Command id; default: the id the fake gave the registered command of that name, or a fresh snowflake. */
  commandId?: string;
}

function where(ctx: InteractionContext) {
  const user = makeUser({ ...DEFAULT_USER, ...ctx.user });
  const common = { ...(ctx.channelId !== undefined && { channel_id: ctx.channelId }), ...(ctx.locale !== undefined && { locale: ctx.locale }) };
  if (ctx.dm) return { user, ...common };
  return {
    member: makeMember(user, { ...(ctx.permissions !== undefined && { permissions: ctx.permissions }), ...(ctx.roles && { roles: ctx.roles }) }),
    ...(ctx.guildId !== undefined && { guild_id: ctx.guildId }),
    ...common,
  };
}

export type ChatInputInput = Partial<APIChatInputApplicationCommandInteraction> & { type: InteractionType.ApplicationCommand };
export type AutocompleteInput = Partial<APIApplicationCommandAutocompleteInteraction> & { type: InteractionType.ApplicationCommandAutocomplete };
export type ComponentInput = Partial<APIMessageComponentInteraction> & { type: InteractionType.MessageComponent };
export type ModalSubmitInput = Partial<APIModalSubmitInteraction> & { type: InteractionType.ModalSubmit };

/** A slash command: chatInput('tasks', [opt.subcommand('add', { name: 'Roulette' })]). */
export function chatInput(name: string, options: OptionsInput = [], ctx: InteractionContext = {}): ChatInputInput {
  const opts = toOptions(options);
  return {
    type: InteractionType.ApplicationCommand,
    data: {
      id: ctx.commandId ?? '',
      name,
      type: ApplicationCommandType.ChatInput,
      ...(opts.length > 0 && { options: opts as never }),
      ...(ctx.resolved && { resolved: ctx.resolved }),
    },
    ...where(ctx),
  } as ChatInputInput;
}

/** Autocomplete: include exactly one opt.focused(name, typedSoFar) in options. */
export function autocomplete(name: string, options: OptionsInput, ctx: InteractionContext = {}): AutocompleteInput {
  return {
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { id: ctx.commandId ?? '', name, type: ApplicationCommandType.ChatInput, options: toOptions(options) as never },
    ...where(ctx),
  } as AutocompleteInput;
}

/** A message carrying components, as the bot would have sent it (author/channel filled at dispatch). */
function componentMessage(message: Partial<APIMessage> | undefined, ctx: InteractionContext, components: APIMessage['components']): APIMessage {
  return makeMessage({ channel_id: ctx.channelId ?? '', author: makeUser({ id: '', username: 'Fake Bot', bot: true }), components, ...message });
}

export function button(customId: string, message?: Partial<APIMessage>, ctx: InteractionContext = {}): ComponentInput {
  const components: APIMessage['components'] = [
    { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label: customId }] },
  ];
  return {
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message: componentMessage(message, ctx, components),
    ...where(ctx),
  } as ComponentInput;
}

export function selectMenu(customId: string, values: string[], message?: Partial<APIMessage>, ctx: InteractionContext = {}): ComponentInput {
  const components: APIMessage['components'] = [
    {
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.StringSelect, custom_id: customId, options: values.map((v) => ({ label: v, value: v })), max_values: Math.max(1, values.length) }],
    },
  ];
  return {
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
    message: componentMessage(message, ctx, components),
    ...where(ctx),
  } as ComponentInput;
}

/** A submitted modal with text inputs (field custom_id → value). */
export function modalSubmit(customId: string, fields: Record<string, string>, ctx: InteractionContext = {}): ModalSubmitInput {
  return {
    type: InteractionType.ModalSubmit,
    data: {
      custom_id: customId,
      components: Object.entries(fields).map(([id, value]) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: id, value }],
      })),
    },
    ...where(ctx),
  } as ModalSubmitInput;
}

// ---------------------------------------------------------------- canned Discord errors (for failNext)

export const discordErrors = {
  missingAccess: (): CannedResponse => ({ status: 403, body: { message: 'Missing Access', code: 50001 } }),
  missingPermissions: (): CannedResponse => ({ status: 403, body: { message: 'Missing Permissions', code: 50013 } }),
  cannotDM: (): CannedResponse => ({ status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } }),
  unknownChannel: (): CannedResponse => ({ status: 404, body: { message: 'Unknown Channel', code: 10003 } }),
  unknownMessage: (): CannedResponse => ({ status: 404, body: { message: 'Unknown Message', code: 10008 } }),
  unknownInteraction: (): CannedResponse => ({ status: 404, body: { message: 'Unknown interaction', code: 10062 } }),
  serverError: (): CannedResponse => ({ status: 500, body: { message: '500: Internal Server Error', code: 0 } }),
  /** A per-route (or global) 429 as Discord sends it; @discordjs/rest waits retryAfterSec and retries. */
  rateLimited: (retryAfterSec = 0.1, global = false): CannedResponse => ({
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSec, global },
    headers: {
      'retry-after': String(retryAfterSec),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(retryAfterSec),
      'x-ratelimit-reset': String((Date.now() + retryAfterSec * 1000) / 1000),
      'x-ratelimit-bucket': 'fakebucket0000000000000000000000',
      'x-ratelimit-scope': global ? 'global' : 'user',
      ...(global && { 'x-ratelimit-global': 'true' }),
    },
  }),
};
