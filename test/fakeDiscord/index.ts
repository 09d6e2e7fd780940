import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_APPLICATION_ID, DEFAULT_BOT_TOKEN, DEFAULT_CLIENT_SECRET, defaultGuild } from './fixtures.js';
import { InteractionsEndpoint } from './endpoint.js';
import { Gateway } from './gateway.js';
import { HttpFront, type Route } from './http.js';
import { Interactions } from './interactions.js';
import { OAuthServer } from './oauth.js';
import { restRoutes } from './rest.js';
import { FakeState } from './state.js';
import type { FakeDiscord, FakeDiscordOptions, RecordedRequest } from './types.js';

export type * from './types.js';
export {
  ADMIN_PERMISSIONS,
  DEFAULT_APPLICATION_ID,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  DEFAULT_MEMBER_PERMISSIONS,
  DEFAULT_USER,
  autocomplete,
  button,
  chatInput,
  defaultGuild,
  discordErrors,
  makeMessage,
  makeUser,
  modalSubmit,
  opt,
  selectMenu,
  type InteractionContext,
  type OptionsInput,
} from './fixtures.js';

/**
 * Starts a fake Discord on 127.0.0.1 (random port): REST under /api and /api/v10, OAuth2, and a JSON gateway.
 *   const discord = await startFakeDiscord();
 *   new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } }).login(discord.botToken);
 *   …
 *   await discord.close();
 */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const botToken = opts.botToken ?? DEFAULT_BOT_TOKEN;
  const applicationId = opts.applicationId ?? DEFAULT_APPLICATION_ID;
  const clientSecret = opts.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const guilds = (opts.guilds ?? [defaultGuild()]).map((g) => ({ ...g, channels: g.channels ?? [] }));

  const state = new FakeState(applicationId, guilds, opts.botUsername ?? 'Fake Bot');
  const oauth = new OAuthServer(applicationId, clientSecret, state);
  const requests: RecordedRequest[] = [];
  const routes: Route[] = [];
  const front = new HttpFront(routes, botToken, (t) => oauth.bearer(t), requests);

  const server: Server = createServer(front.handle);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  const gateway = new Gateway(state, botToken, gatewayUrl, opts.heartbeatIntervalMs ?? 41_250);
  const endpoint = new InteractionsEndpoint();
  const interactions = new Interactions(state, gateway, endpoint);
  routes.push(...restRoutes(state, gatewayUrl), ...interactions.routes(), ...oauth.routes());
  server.on('upgrade', gateway.upgrade);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      front.close();
      interactions.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      server.closeAllConnections();
      await stopped;
    })());

  return {
    apiUrl: `${origin}/api`,
    authorizeUrl: `${origin}/oauth2/authorize`,
    gatewayUrl,
    botToken,
    applicationId,
    clientId: applicationId,
    clientSecret,
    botUser: state.botUser,
    guilds,
    requests,
    messages: state.messages,
    addOAuthUser: (user) => oauth.addUser(user),
    dispatchInteraction: (interaction, options) => interactions.dispatch(interaction, options),
    publicKey: endpoint.publicKey,
    setInteractionsEndpoint: (url) => interactions.setEndpoint(url),
    interactionsEndpoint: () => endpoint.url,
    deliveries: interactions.deliveries,
    postToEndpoint: (body, options) => endpoint.post(body, options),
    dispatch: (event, data) => void gateway.dispatch(event, data),
    dropGateway: (code) => gateway.drop(code),
    gatewayConnections: () => gateway.openConnections(),
    waitForRequest: (predicate, timeoutMs) => front.waitForRequest(predicate, timeoutMs),
    failNext: (match, response, times) => front.failNext(match, response, times),
    setDelay: (match, ms) => front.setDelay(match, ms),
    close,
  };
}
