import {
  ApplicationCommandType,
  ChannelType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIInteractionResponse,
  type APIMessage,
  type APIUser,
} from 'discord-api-types/v10';
import { DEFAULT_USER, DM_PERMISSIONS, makeMember } from './fixtures.js';
import { ENDPOINT_TIMEOUT_MS, type InteractionsEndpoint } from './endpoint.js';
import type { Gateway } from './gateway.js';
import { discordError, json, noContent, type Reply, type Route } from './http.js';
import { randomToken, snowflake } from './ids.js';
import { objectBody, rejectMessage } from './rest.js';
import type { FakeState, JsonObject } from './state.js';
import type { DispatchOptions, EndpointAnswer, EndpointDelivery, FakeInteractionInput, InteractionCallbackData, RecordedCallback, RecordedRequest } from './types.js';
import { choicesErrors, invalidFormBody } from './validate.js';

interface Waiter {
  resolve: (c: RecordedCallback) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/** A dispatched interaction, until the end of the test. */
interface Tracked {
  id: string;
  token: string;
  type: InteractionType;
  commandType: ApplicationCommandType | undefined;
  channelId: string;
  user: APIUser;
  /** The message a component sat on. */
  message: APIMessage | undefined;
  acknowledged: boolean;
  original: APIMessage | undefined;
  /** Ids of the messages this interaction's webhook created. */
  messageIds: Set<string>;
  metadata: JsonObject;
  waiter: Waiter | undefined;
}

const unknownInteraction = () => discordError(404, 10062, 'Unknown interaction');
const unknownWebhook = () => discordError(404, 10015, 'Unknown Webhook');
const unknownMessage = () => discordError(404, 10008, 'Unknown Message');

/** INTERACTION_CREATE over the gateway, the callback endpoint and the interaction webhook. */
export class Interactions {
  private readonly byId = new Map<string, Tracked>();
  private readonly byToken = new Map<string, Tracked>();
  readonly deliveries: EndpointDelivery[] = [];

  constructor(
    private readonly state: FakeState,
    private readonly gateway: Gateway,
    private readonly endpoint: InteractionsEndpoint,
  ) {}

  dispatch(input: FakeInteractionInput, opts: DispatchOptions = {}): Promise<RecordedCallback> {
    let payload: JsonObject;
    try {
      payload = this.complete(input);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    const overHttp = this.endpoint.url !== undefined;
    if (!overHttp && this.gateway.sessionCount() === 0) {
      return Promise.reject(new Error('fake Discord: no gateway session to send the interaction to (is the client logged in?)'));
    }
    const t = this.track(payload);
    const timeoutMs = opts.timeoutMs ?? 5000;
    const promise = new Promise<RecordedCallback>((resolve, reject) => {
      t.waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          t.waiter = undefined;
          reject(new Error(`fake Discord: interaction ${t.id} got no callback within ${timeoutMs} ms`));
        }, timeoutMs),
      };
    });
    if (overHttp) void this.deliver(t, payload);
    else this.gateway.dispatch('INTERACTION_CREATE', payload);
    return promise;
  }

  /**
   * The developer portal's check on saving an Interactions Endpoint URL: a PING signed with the application's key
   * must be answered 200 `{"type":1}`, and a PING with a bad signature must be refused with 401.
   */
  async setEndpoint(url: string | null): Promise<void> {
    if (url === null) {
      this.endpoint.url = undefined;
      return;
    }
    const ping = () => ({ id: snowflake(), application_id: this.state.applicationId, type: InteractionType.Ping, token: randomToken(64), version: 1, entitlements: [] });
    const refuse = (why: string) => new Error(`fake Discord: interactions_endpoint_url: The specified interactions endpoint url could not be verified (${why}).`);
    const good = await this.endpoint.post(ping(), { url }).catch((err: unknown) => {
      throw refuse(`PING failed: ${String(err)}`);
    });
    if (good.status !== 200 || (good.body as { type?: unknown } | undefined)?.type !== InteractionResponseType.Pong) {
      throw refuse(`a signed PING got ${good.status} ${JSON.stringify(good.body)}, not 200 {"type":1}`);
    }
    const bad = await this.endpoint.post(ping(), { url, signature: 'wrong-key' });
    if (bad.status !== 401) throw refuse(`a PING with a bad signature got ${bad.status}, not 401`);
    this.endpoint.url = url;
  }

  /** POSTs the interaction to the endpoint; its answer is either the response itself (200) or 202 after a callback. */
  private async deliver(t: Tracked, payload: JsonObject): Promise<void> {
    let answer: EndpointAnswer;
    const started = performance.now();
    try {
      answer = await this.endpoint.post(payload);
    } catch (err) {
      this.deliveries.push({ interactionId: t.id, status: null, ms: performance.now() - started, at: Date.now() });
      this.fail(t, `the interactions endpoint did not answer within ${ENDPOINT_TIMEOUT_MS} ms (${String(err)})`);
      return;
    }
    this.deliveries.push({ interactionId: t.id, status: answer.status, ms: answer.ms, at: Date.now() });
    if (answer.status === 200 && answer.body && typeof answer.body === 'object') {
      if (t.acknowledged) {
        this.fail(t, 'the endpoint answered 200 with a response after the interaction was acknowledged through the callback');
        return;
      }
      const url = new URL(this.endpoint.url ?? 'http://invalid/');
      const req: RecordedRequest = { method: 'POST', path: url.pathname, query: {}, headers: answer.headers, body: answer.body, files: [], apiVersion: null, at: Date.now(), status: 200 };
      const reply = this.acknowledge(t, answer.body as JsonObject, req, 'http-response', false);
      if (reply.status >= 400) this.fail(t, `the endpoint's response was refused: ${JSON.stringify(reply.body)}`);
      return;
    }
    if ((answer.status === 202 || answer.status === 204) && answer.body === undefined) {
      if (!t.acknowledged) this.fail(t, `the endpoint answered ${answer.status} without a callback having acknowledged the interaction`);
      return;
    }
    this.fail(t, `the interactions endpoint answered ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  private fail(t: Tracked, why: string): void {
    if (!t.waiter) return;
    clearTimeout(t.waiter.timer);
    t.waiter.reject(new Error(`fake Discord: interaction ${t.id}: ${why}`));
    t.waiter = undefined;
  }

  close(): void {
    for (const t of this.byId.values()) {
      if (!t.waiter) continue;
      clearTimeout(t.waiter.timer);
      t.waiter.reject(new Error(`fake Discord closed before interaction ${t.id} got a callback`));
      t.waiter = undefined;
    }
  }

  /** Fills in everything Discord sends that the test did not specify. */
  private complete(input: FakeInteractionInput): JsonObject {
    const state = this.state;
    const p: JsonObject = { ...(input as JsonObject) };
    p.id ??= snowflake();
    p.token ??= Buffer.from(`interaction:${p.id as string}:${randomToken(64)}`).toString('base64url');
    p.application_id ??= state.applicationId;
    p.version ??= 1;
    p.locale ??= 'en-US';
    p.entitlements ??= [];
    p.attachment_size_limit ??= 10_485_760;

    const dm = p.user !== undefined && p.member === undefined;
    if (dm) {
      const user = p.user as APIUser;
      state.users.set(user.id, user);
      const channel = (typeof p.channel_id === 'string' && state.channelObject(p.channel_id)) || state.dmChannelFor(user.id);
      p.channel ??= channel;
      p.channel_id ??= channel.id;
      p.context ??= InteractionContextType.BotDM;
      p.authorizing_integration_owners ??= { '0': '0' };
      p.app_permissions ??= DM_PERMISSIONS;
    } else {
      const guildId = (p.guild_id as string | undefined) ?? state.guilds[0]?.id;
      if (!guildId) throw new Error('fake Discord: no guild to send a guild interaction in (pass `user` for a DM interaction)');
      const guild = state.guild(guildId);
      const channelId = (p.channel_id as string | undefined) ?? (guild && state.defaultChannel(guild)?.id) ?? snowflake();
      const member = (p.member as JsonObject | undefined) ?? (makeMember(DEFAULT_USER) as unknown as JsonObject);
      state.rememberMember(guildId, member);
      p.guild_id = guildId;
      p.guild ??= { id: guildId, locale: guild?.preferredLocale ?? 'en-US', features: [] };
      p.guild_locale ??= guild?.preferredLocale ?? 'en-US';
      p.member = member;
      const known = state.channelObject(channelId);
      p.channel ??= {
        ...(known ?? { id: channelId, type: ChannelType.GuildText, guild_id: guildId, name: 'unknown', position: 0, flags: 0, parent_id: null, topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0, permission_overwrites: [] }),
        permissions: member.permissions,
      };
      p.channel_id = channelId;
      p.context ??= InteractionContextType.Guild;
      p.authorizing_integration_owners ??= { '0': guildId };
      p.app_permissions ??= guild ? state.botPermissions(guild) : DM_PERMISSIONS;
    }

    const data = p.data as JsonObject | undefined;
    if (data && (p.type === InteractionType.ApplicationCommand || p.type === InteractionType.ApplicationCommandAutocomplete)) {
      if (!data.id) {
        const type = (data.type as number | undefined) ?? ApplicationCommandType.ChatInput;
        const registered = [...(state.commands.get(p.guild_id as string) ?? []), ...(state.commands.get('global') ?? [])].find((c) => c.name === data.name && c.type === type);
        p.data = { ...data, id: (registered?.id as string | undefined) ?? snowflake() };
      }
    }
    const message = p.message as APIMessage | undefined;
    if (message) {
      const stored = state.findMessage(message.id);
      const m = stored ?? { ...message };
      if (!m.channel_id) m.channel_id = p.channel_id as string;
      if (!m.author.id) m.author = state.botUser;
      if (m.application_id === undefined && m.author.id === state.botUser.id) m.application_id = state.applicationId;
      p.message = m;
    }
    return p;
  }

  private track(p: JsonObject): Tracked {
    const user = ((p.member as JsonObject | undefined)?.user ?? p.user) as APIUser;
    const data = p.data as JsonObject | undefined;
    const t: Tracked = {
      id: p.id as string,
      token: p.token as string,
      type: p.type as InteractionType,
      commandType: data?.type as ApplicationCommandType | undefined,
      channelId: p.channel_id as string,
      user,
      message: p.message as APIMessage | undefined,
      acknowledged: false,
      original: undefined,
      messageIds: new Set(),
      metadata: {
        id: p.id,
        type: p.type,
        user,
        authorizing_integration_owners: p.authorizing_integration_owners,
        ...(p.type === InteractionType.ApplicationCommand && data && { name: data.name, command_type: data.type }),
        ...(p.type === InteractionType.MessageComponent && p.message !== undefined && { interacted_message_id: (p.message as APIMessage).id }),
      },
      waiter: undefined,
    };
    this.byId.set(t.id, t);
    this.byToken.set(t.token, t);
    return t;
  }

  routes(): Route[] {
    return [
      { method: 'POST', path: /^\/interactions\/(\d+)\/([^/]+)\/callback$/, auth: 'none', handle: (req, [id, token]) => this.callback(req, id!, token!) },
      { method: 'POST', path: /^\/webhooks\/(\d+)\/([^/]+)$/, auth: 'none', handle: (req, [app, token]) => this.followUp(req, app!, token!) },
      {
        method: 'GET',
        path: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/,
        auth: 'none',
        handle: (_req, [app, token, mid]) => {
          const found = this.webhookMessage(app!, token!, mid!);
          return 'status' in found ? found : json(200, found.msg);
        },
      },
      {
        method: 'PATCH',
        path: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/,
        auth: 'none',
        handle: (req, [app, token, mid]) => {
          const found = this.webhookMessage(app!, token!, mid!);
          if ('status' in found) return found;
          const body = objectBody(req);
          return rejectMessage(body, req.files.length, false) ?? json(200, this.state.editMessage(found.msg, body, req.files));
        },
      },
      {
        method: 'DELETE',
        path: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/,
        auth: 'none',
        handle: (_req, [app, token, mid]) => {
          const found = this.webhookMessage(app!, token!, mid!);
          if ('status' in found) return found;
          this.state.deleteMessage(found.msg);
          if (found.t.original === found.msg) found.t.original = undefined;
          return noContent();
        },
      },
    ];
  }

  private callback(req: RecordedRequest, id: string, token: string): Reply {
    const t = this.byId.get(id);
    if (!t || t.token !== token) return unknownInteraction();
    if (t.acknowledged) return discordError(400, 40060, 'Interaction has already been acknowledged.');
    const withResponse = req.query.with_response === 'true';
    return this.acknowledge(t, objectBody(req), req, 'callback', withResponse);
  }

  /** The first response to an interaction, from the callback endpoint or the body of the endpoint's HTTP answer. */
  private acknowledge(t: Tracked, body: JsonObject, req: RecordedRequest, via: RecordedCallback['via'], withResponse: boolean): Reply {
    const type = body.type as InteractionResponseType;
    const data = body.data as JsonObject | undefined;

    const reply = this.respond(t, type, data ?? {}, req);
    const cb: RecordedCallback = {
      interactionId: t.id,
      token: t.token,
      type,
      data: data as InteractionCallbackData | undefined,
      body: body as unknown as APIInteractionResponse,
      withResponse,
      request: req,
      via,
    };
    if (t.waiter) {
      clearTimeout(t.waiter.timer);
      t.waiter.resolve(cb);
      t.waiter = undefined;
    }
    if (reply.status >= 400) return reply;
    t.acknowledged = true;
    if (!withResponse) return noContent();
    const message = type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.DeferredChannelMessageWithSource || type === InteractionResponseType.UpdateMessage ? t.original : undefined;
    return json(200, {
      interaction: {
        id: t.id,
        type: t.type,
        ...(message && {
          response_message_id: message.id,
          response_message_loading: ((message.flags ?? 0) & MessageFlags.Loading) !== 0,
          response_message_ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
        }),
      },
      resource: { type, ...(message && { message }) },
    });
  }

  /** Applies a callback; a 4xx reply leaves the interaction unacknowledged. */
  private respond(t: Tracked, type: InteractionResponseType, data: JsonObject, req: RecordedRequest): Reply {
    const state = this.state;
    const messageType = t.type === InteractionType.ApplicationCommand
      ? (t.commandType === ApplicationCommandType.ChatInput ? MessageType.ChatInputCommand : MessageType.ContextMenuCommand)
      : MessageType.Default;
    const fromInteraction = { webhook_id: state.applicationId, application_id: state.applicationId, type: messageType, interaction_metadata: t.metadata } as unknown as Partial<APIMessage>;
    const expect = (ok: boolean): Reply | undefined =>
      ok ? undefined : invalidFormBody([{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Invalid interaction response type' }]);
    const isAutocomplete = t.type === InteractionType.ApplicationCommandAutocomplete;
    const isComponent = t.type === InteractionType.MessageComponent || (t.type === InteractionType.ModalSubmit && t.message !== undefined);

    switch (type) {
      case InteractionResponseType.Pong:
        return expect(t.type === InteractionType.Ping) ?? noContent();
      case InteractionResponseType.ChannelMessageWithSource: {
        const bad = expect(!isAutocomplete) ?? rejectMessage(data, req.files.length, true, ['data']);
        if (bad) return bad;
        t.original = state.createMessage(t.channelId, data, req.files, fromInteraction);
        t.messageIds.add(t.original.id);
        return noContent();
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const bad = expect(!isAutocomplete);
        if (bad) return bad;
        const flags = (typeof data.flags === 'number' ? data.flags : 0) & MessageFlags.Ephemeral;
        t.original = state.createMessage(t.channelId, {}, [], { ...fromInteraction, flags: flags | MessageFlags.Loading });
        t.messageIds.add(t.original.id);
        return noContent();
      }
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        const bad = expect(isComponent) ?? (type === InteractionResponseType.UpdateMessage ? rejectMessage(data, req.files.length, false, ['data']) : undefined);
        if (bad) return bad;
        const target = t.message ? (state.findMessage(t.message.id) ?? t.message) : undefined;
        if (target && type === InteractionResponseType.UpdateMessage) state.editMessage(target, data, req.files);
        t.original = target;
        if (target) t.messageIds.add(target.id);
        return noContent();
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        const bad = expect(isAutocomplete);
        if (bad) return bad;
        const errors = choicesErrors(data);
        return errors.length > 0 ? invalidFormBody(errors) : noContent();
      }
      case InteractionResponseType.Modal: {
        const bad = expect(!isAutocomplete && t.type !== InteractionType.ModalSubmit);
        if (bad) return bad;
        if (typeof data.custom_id !== 'string' || typeof data.title !== 'string') {
          return invalidFormBody([{ path: ['data', typeof data.title === 'string' ? 'custom_id' : 'title'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
        }
        return noContent();
      }
      case InteractionResponseType.LaunchActivity:
        return noContent();
      default:
        return invalidFormBody([{ path: ['type'], code: 'BASE_TYPE_CHOICES', message: `Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.` }]);
    }
  }

  private followUp(req: RecordedRequest, appId: string, token: string): Reply {
    const t = this.byToken.get(token);
    if (!t || appId !== this.state.applicationId) return unknownWebhook();
    const body = objectBody(req);
    const bad = rejectMessage(body, req.files.length, true);
    if (bad) return bad;
    const flags = (typeof body.flags === 'number' ? body.flags : 0);
    const msg = this.state.createMessage(t.channelId, body, req.files, {
      webhook_id: this.state.applicationId,
      application_id: this.state.applicationId,
      interaction_metadata: t.metadata as unknown as APIMessage['interaction_metadata'],
      flags,
    });
    t.messageIds.add(msg.id);
    // Interaction follow-ups always answer with the message (`wait` is implied).
    return json(200, msg);
  }

  private webhookMessage(appId: string, token: string, messageId: string): { t: Tracked; msg: APIMessage } | Reply {
    const t = this.byToken.get(token);
    if (!t || appId !== this.state.applicationId) return unknownWebhook();
    const msg = messageId === '@original' ? t.original : t.messageIds.has(messageId) ? this.state.findMessage(messageId) : undefined;
    return msg ? { t, msg } : unknownMessage();
  }
}
