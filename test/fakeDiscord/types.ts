import type {
  APIApplicationCommandOptionChoice,
  APIEmbed,
  APIInteraction,
  APIInteractionResponse,
  APIMessage,
  APIOverwrite,
  APIUser,
  ChannelType,
  InteractionResponseType,
  InteractionType,
  Locale,
} from 'discord-api-types/v10';

/** A guild the fake bot is in: announced in READY (as unavailable) and then sent as GUILD_CREATE. */
export interface FakeGuild {
  id: string;
  name: string;
  /** Default: a made-up owner id (not the bot). */
  ownerId?: string;
  /** Default: none. The first text channel is where interactions happen unless told otherwise. */
  channels?: FakeChannel[];
  /** Extra roles besides `@everyone` (id = guild id) and the bot's managed role. */
  roles?: FakeRole[];
  /** Permission bitfield of `@everyone` (decimal string). Default: the usual member permissions. */
  everyonePermissions?: string;
  /** Permission bitfield of the bot's managed role. Default: view/send/embed/history/mention-everyone… */
  botPermissions?: string;
  /** Default: 42. */
  memberCount?: number;
  /** Default: 'en-US'. */
  preferredLocale?: Locale;
}

export interface FakeChannel {
  id: string;
  name: string;
  /** Default: ChannelType.GuildText. */
  type?: ChannelType.GuildText | ChannelType.GuildAnnouncement | ChannelType.GuildVoice | ChannelType.GuildCategory | ChannelType.GuildForum;
  parentId?: string | null;
  topic?: string | null;
  permissionOverwrites?: APIOverwrite[];
}

export interface FakeRole {
  id: string;
  name: string;
  /** Decimal permission bitfield. Default: '0'. */
  permissions?: string;
  mentionable?: boolean;
  color?: number;
}

export interface FakeDiscordOptions {
  /** Default 'fake-bot-token'. REST calls carrying another `Authorization: Bot …` get 401 {code:0,message:'401: Unauthorized'}. */
  botToken?: string;
  /** Snowflake string; also the bot user's id (as for every modern Discord app). Default '1100000000000000001'. */
  applicationId?: string;
  /** OAuth2 client secret. Default 'fake-client-secret'. */
  clientSecret?: string;
  /** Guilds sent in READY and as GUILD_CREATE. Default: one guild with one text channel (see fixtures.defaultGuild()). */
  guilds?: FakeGuild[];
  /** Bot user's username. Default 'Fake Bot'. */
  botUsername?: string;
  /** HELLO's heartbeat_interval. Default 41250 (Discord's). */
  heartbeatIntervalMs?: number;
}

/** One HTTP request that reached the fake (REST, OAuth2 and the authorize page). */
export interface RecordedRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path without the `/api` and `/vN` prefix, e.g. '/channels/123/messages'. No query string. */
  path: string;
  /** Query string parameters (last value wins). */
  query: Record<string, string>;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON, form fields object, multipart `payload_json` (or fields), raw text, or undefined when empty. */
  body: unknown;
  /** Files of a multipart body ([] otherwise). */
  files: RecordedFile[];
  /** 10 for /api/v10/…, null when unversioned (/api/…) or outside /api. */
  apiVersion: number | null;
  /** Date.now() on arrival. */
  at: number;
  /** Status that was (or will be) answered; undefined until the answer is decided. */
  status?: number;
}

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
}

/** Shape of the `data` of an interaction callback, loosely typed so tests can read any variant. */
export interface InteractionCallbackData {
  content?: string;
  flags?: number;
  embeds?: APIEmbed[];
  components?: unknown[];
  choices?: APIApplicationCommandOptionChoice[];
  custom_id?: string;
  title?: string;
  allowed_mentions?: unknown;
  [key: string]: unknown;
}

/**
 * The first response to a dispatched interaction: the first POST to /interactions/:id/:token/callback, or, for an
 * interaction delivered to the Interactions Endpoint URL, a 200 answer carrying the Interaction Response in its body.
 */
export interface RecordedCallback {
  interactionId: string;
  token: string;
  type: InteractionResponseType;
  data: InteractionCallbackData | undefined;
  /** The whole parsed body. */
  body: APIInteractionResponse;
  /** True when the caller asked `?with_response=true`. */
  withResponse: boolean;
  /** The callback request; for `via: 'http-response'`, the endpoint's answer (path of the endpoint URL, its body and headers). */
  request: RecordedRequest;
  /** How the bot responded: the callback endpoint (gateway, or HTTP answered 202), or the body of its HTTP answer. */
  via: 'callback' | 'http-response';
}

/** How `postToEndpoint` signs its request. */
export interface EndpointPostOptions {
  /** 'valid' (default); 'wrong-key': a well-formed signature by another key; 'garbage': not even hex; 'none': no signature headers. */
  signature?: 'valid' | 'wrong-key' | 'garbage' | 'none';
  /** Unix seconds put in X-Signature-Timestamp and signed. Default: now. */
  timestamp?: number;
  /** Sent instead of the body that was signed (a tampered request). */
  sendBody?: string;
  /** Default: the URL set with setInteractionsEndpoint. */
  url?: string;
  /** Default 3000 ms, Discord's limit. */
  timeoutMs?: number;
}

/** One interaction POSTed to the Interactions Endpoint URL by dispatchInteraction, once answered. */
export interface EndpointDelivery {
  interactionId: string;
  /** null when the endpoint did not answer in time (or could not be reached). */
  status: number | null;
  /** From sending the interaction to the end of the endpoint's answer. */
  ms: number;
  /** Date.now() when the answer arrived. */
  at: number;
}

/** What the Interactions Endpoint URL answered. */
export interface EndpointAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON when the answer is JSON, the text otherwise, undefined when empty. */
  body: unknown;
  /** From sending the request to the end of the answer. */
  ms: number;
}

export interface RouteMatch {
  /** Case-insensitive; any method when omitted. */
  method?: string;
  /** Compared with RecordedRequest.path (no /api, no /v10). */
  pathPrefix: string;
}

export interface CannedResponse {
  status: number;
  /** Objects are sent as JSON; a string is sent as-is (content-type text/plain unless `headers` says otherwise). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** What dispatchInteraction accepts: any partial interaction; the fake fills in the rest. */
export type FakeInteractionInput = Partial<APIInteraction> & { type: InteractionType };

export interface DispatchOptions {
  /** How long to wait for the callback. Default 5000 ms. */
  timeoutMs?: number;
}

export interface FakeOAuthUserHandle {
  user: APIUser;
  /** Issues a one-time authorization code for this user, bound to redirectUri (and to an S256 code_challenge when given). */
  code: (redirectUri: string, codeChallenge?: string, scope?: string) => string;
}

export interface FakeDiscord {
  /** 'http://127.0.0.1:PORT/api' → DISCORD_API_URL / discord.js `rest.api`. */
  apiUrl: string;
  /** 'http://127.0.0.1:PORT/oauth2/authorize'. */
  authorizeUrl: string;
  /** 'ws://127.0.0.1:PORT/gateway' (what GET /gateway/bot answers). */
  gatewayUrl: string;
  botToken: string;
  applicationId: string;
  /** Same as applicationId. */
  clientId: string;
  clientSecret: string;
  /** The bot's user object (id = applicationId). */
  botUser: APIUser;
  /** The guilds as configured (defaults applied). */
  guilds: readonly FakeGuild[];
  /** Every HTTP request, in arrival order (live array; `requests.length = 0` clears it). */
  requests: RecordedRequest[];
  /** Every message the bot created (channel posts, DMs, interaction replies, follow-ups), kept up to date on edits; deleted ones are removed. */
  messages: APIMessage[];

  addOAuthUser(user: Partial<APIUser> & { id: string; username: string }): FakeOAuthUserHandle;

  /**
   * Sends an interaction the way the application receives them: INTERACTION_CREATE over the gateway or, once an
   * Interactions Endpoint URL is set, a signed POST to it (then nothing goes over the gateway, as on Discord).
   * Resolves with the first response either way.
   */
  dispatchInteraction(interaction: FakeInteractionInput, options?: DispatchOptions): Promise<RecordedCallback>;
  /** The application's Ed25519 public key, 64 hex characters (the developer portal's Public Key; DISCORD_PUBLIC_KEY). */
  publicKey: string;
  /**
   * Sets the Interactions Endpoint URL as the developer portal does when you save it: it first sends a PING signed
   * with the right key (which must answer 200 `{"type":1}`) and one with a bad signature (which must answer 401), and
   * refuses the URL otherwise. `null` goes back to the gateway.
   */
  setInteractionsEndpoint(url: string | null): Promise<void>;
  interactionsEndpoint(): string | undefined;
  /** Every interaction delivered to the endpoint, with its HTTP answer (live array). */
  deliveries: EndpointDelivery[];
  /** One raw POST to the endpoint (default: the URL set), signed as asked, for endpoint tests; nothing is tracked. */
  postToEndpoint(body: unknown, options?: EndpointPostOptions): Promise<EndpointAnswer>;
  /** Sends any dispatch event (e.g. 'GUILD_DELETE') to every gateway session. */
  dispatch(event: string, data: unknown): void;
  /** Closes every gateway socket with this code (default 4000, which discord.js resumes from). */
  dropGateway(code?: number): void;
  gatewayConnections(): number;

  /** Resolves with the first request (already recorded or future) matching predicate; rejects after timeoutMs (default 5000). */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** The next `times` (default 1) matching requests get this response instead of the normal one. */
  failNext(match: RouteMatch, response: CannedResponse, times?: number): void;
  /** Delays every matching response by ms (0 removes the delay). */
  setDelay(match: RouteMatch, ms: number): void;

  close(): Promise<void>;
}
