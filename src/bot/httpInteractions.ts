import {
  Client,
  ClientApplication,
  Events,
  InteractionType,
  Options,
  RESTEvents,
  type APIInteraction,
  type Interaction,
} from 'discord.js';
import type { Bot, BotDeps } from './bot.js';
import { routeInteraction } from './interactionRouter.js';

/**
 * Interactions received over HTTP (Discord's Interactions Endpoint URL), handled by the same command files, router,
 * services and replies as those received over the gateway.
 *
 * The adapter, and why it is this one. The command files are written against discord.js `Interaction` objects, whose
 * `reply`/`deferReply`/`update`/`respond`/`editReply` call Discord's REST endpoints (`POST /interactions/{id}/{token}/
 * callback`, the interaction webhook). Discord's docs (Receiving and Responding → Interaction Callback) allow exactly
 * that for an HTTP interaction: "If you send this request for an interaction received over HTTP, respond to the
 * original HTTP request with a 202 and no body." So:
 * - one discord.js `Client` that never logs in: no gateway, no shards, no READY; only its REST client holds the token;
 * - the verified payload goes through `client.actions.InteractionCreate.handle`, the very function discord.js's
 *   gateway handler (`websocket/handlers/INTERACTION_CREATE.js`) calls with `packet.d`, so the same classes are built
 *   and `Events.InteractionCreate` reaches the same `routeInteraction`;
 * - the HTTP request is answered 202 as soon as a callback for that interaction succeeded (seen through the REST
 *   client's public `response` event, whatever method the command used), or when the handler ended, or at the latest
 *   after `ACK_DEADLINE_MS`, always inside Discord's 3 s. Slow work (a Lodestone read) is already deferred by the
 *   commands themselves and finished with an edit of the original response, as over the gateway.
 * Rejected: answering inline (200 + the Interaction Response in the body) would mean intercepting discord.js's REST
 * calls and faking Discord's answers to them (errors such as 50035 that the router turns into a message, files,
 * `with_response`), for one request saved per interaction, and interaction endpoints are outside the global rate
 * limit anyway. `@discordjs/core/http-only` works on raw API objects: every command file would be rewritten. The
 * `discord-interactions` package only verifies signatures, which node:crypto does (`src/http/discordSignature.ts`).
 * discord.js itself has no HTTP receiver (discordjs/discord.js#7231 is still open); `actions` is internal, hence the
 * check in `createHttpBot` that fails at start-up, not at the first command, should an upgrade move it.
 */

/** Discord allows 3 s for the initial response; the 202 must also travel back, so we stop waiting before that. */
export const ACK_DEADLINE_MS = 2_500;

/** What to answer Discord's HTTP request with. */
export type ReceiveOutcome =
  | { kind: 'pong' }
  /** 202, no body: the response (if any) went through the callback endpoint. */
  | { kind: 'accepted'; acknowledged: boolean }
  /** A type discord.js builds no object for (nothing was routed). */
  | { kind: 'unsupported' };

export interface HttpBot extends Bot {
  /** Handles one verified interaction payload; resolves when the HTTP request should be answered. */
  receive(payload: APIInteraction): Promise<ReceiveOutcome>;
}

interface InteractionCreateAction {
  handle(data: APIInteraction): void;
}

const CALLBACK_PATH = /^\/interactions\/(\d+)\/[^/]+\/callback$/;

/** Builds the HTTP-only bot. Nothing connects: the first network use is the first callback. */
export function createHttpBot(deps: BotDeps & { ackDeadlineMs?: number }): HttpBot {
  const { config, log } = deps;
  if (!config.discord.token) throw new Error('createHttpBot needs DISCORD_TOKEN');
  const deadlineMs = deps.ackDeadlineMs ?? ACK_DEADLINE_MS;
  const client = new Client({
    intents: [],
    rest: { api: config.discord.apiUrl },
    allowedMentions: { parse: [] },
    // Stateless: nothing arrives to keep a cache true, so users (the one cache interactions fill) are not kept.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, UserManager: 0 }),
  });
  client.rest.setToken(config.discord.token);
  const action = (client as unknown as { actions?: { InteractionCreate?: InteractionCreateAction } }).actions?.InteractionCreate;
  if (typeof action?.handle !== 'function') throw new Error('discord.js no longer has client.actions.InteractionCreate: see src/bot/httpInteractions.ts');

  // Acknowledgements by interaction id, from the REST client's own response event (no extra request, no wrapper).
  const acks = new Map<string, () => void>();
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status >= 300 || request.method.toUpperCase() !== 'POST') return;
    const id = CALLBACK_PATH.exec(request.path)?.[1];
    if (id) acks.get(id)?.();
  });

  // `handle` emits synchronously, so the routed promise is picked up right after the call.
  let routed: Promise<void> | undefined;
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    routed = routeInteraction(interaction, deps);
  });
  client.on(Events.Error, (err) => log.error({ err }, 'Discord client error'));

  const inFlight = new Set<Promise<void>>();

  async function receive(payload: APIInteraction): Promise<ReceiveOutcome> {
    if (payload.type === InteractionType.Ping) return { kind: 'pong' };
    // Set by READY over the gateway; here the payload names the application.
    if (!client.application) (client as { application: ClientApplication | null }).application = newApplication(client, payload.application_id);

    let acknowledged = false;
    let resolveAck!: () => void;
    const ack = new Promise<void>((resolve) => (resolveAck = resolve));
    acks.set(payload.id, () => {
      acknowledged = true;
      resolveAck();
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      routed = undefined;
      action!.handle(payload);
      const handling = routed as Promise<void> | undefined;
      routed = undefined;
      if (!handling) return { kind: 'unsupported' };
      const done = handling.catch((err: unknown) => log.error({ err, interactionId: payload.id }, 'Interaction handler failed'));
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
      await Promise.race([ack, done, new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)))]);
      if (!acknowledged) log.warn({ interactionId: payload.id, type: payload.type, deadlineMs }, 'Interaction not acknowledged in time (handler ended or still running)');
      return { kind: 'accepted', acknowledged };
    } finally {
      clearTimeout(timer);
      acks.delete(payload.id);
    }
  }

  log.info({ commands: deps.commands.size, transport: 'http' }, 'Discord interactions over HTTP: POST /interactions (no gateway connection)');
  if (config.discord.shardCount) log.info('DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS are ignored: with DISCORD_INTERACTIONS=http there are no shards');
  return {
    client,
    receive,
    // Called after the HTTP server closed, so nothing new arrives.
    stop: async () => {
      // Deferred replies still finishing (a Lodestone read, then the edit) get to send it before the REST client goes.
      await Promise.allSettled([...inFlight]);
      await client.destroy();
      log.info('Discord bot stopped');
    },
  };
}

function newApplication(client: Client, id: string): ClientApplication {
  const Ctor = ClientApplication as unknown as new (client: Client, data: { id: string }) => ClientApplication;
  return new Ctor(client, { id });
}
