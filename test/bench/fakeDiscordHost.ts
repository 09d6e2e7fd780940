// The bench is a dev tool run from sources: it may use the test suite's fake Discord.
import { chatInput, DEFAULT_USER, startFakeDiscord } from '../fakeDiscord/index.js';
import { serveParent } from './rpc.js';

/** Where the service finds the fake Discord. */
export interface FakeDiscordInfo {
  apiUrl: string;
  authorizeUrl: string;
  clientId: string;
  clientSecret: string;
  botToken: string;
  /** The Discord user whose /tasks the bot section runs. */
  botUserId: string;
  /** The application's public key (DISCORD_PUBLIC_KEY), for a service receiving interactions over HTTP. */
  publicKey: string;
}

export interface CodeRequest {
  redirectUri: string;
  challenge: string;
  userId: string;
}

/**
 * The fake Discord in a process of its own, so neither the service nor the load generator pays
 * for its work. Round trips of interactions are timed here, where both ends of one are seen.
 */
async function main(): Promise<void> {
  const discord = await startFakeDiscord();
  // Every request is recorded for tests; a long load would otherwise keep them all.
  const forget = () => {
    discord.requests.length = 0;
    discord.messages.length = 0;
  };
  const trim = setInterval(forget, 1_000);
  trim.unref();

  serveParent(
    {
      apiUrl: discord.apiUrl,
      authorizeUrl: discord.authorizeUrl,
      clientId: discord.clientId,
      clientSecret: discord.clientSecret,
      botToken: discord.botToken,
      botUserId: DEFAULT_USER.id,
      publicKey: discord.publicKey,
    } satisfies FakeDiscordInfo,
    {
      /** One authorization code per login started at the service, each for its own Discord user. */
      codes: (items: CodeRequest[]) =>
        items.map((i) => discord.addOAuthUser({ id: i.userId, username: `wol${i.userId.slice(-6)}` }).code(i.redirectUri, i.challenge)),
      waitForBot: async () => {
        for (let i = 0; i < 200 && discord.gatewayConnections() === 0; i++) await new Promise((r) => setTimeout(r, 50));
        if (discord.gatewayConnections() === 0) throw new Error('the bot never connected to the gateway');
      },
      /**
       * Sequential `/tasks` commands: ms from the interaction sent (INTERACTION_CREATE, or with `endpoint` a signed POST
       * to that Interactions Endpoint URL) to the callback received.
       */
      interactions: async ({ count, warmup, endpoint }: { count: number; warmup: number; endpoint?: string }) => {
        const samples: number[] = [];
        // Saving the URL is checked as the developer portal does (a signed PING, a badly signed one).
        if (endpoint) await discord.setInteractionsEndpoint(endpoint);
        try {
          for (let i = 0; i < warmup + count; i++) {
            const t0 = performance.now();
            const cb = await discord.dispatchInteraction(chatInput('tasks'));
            const ms = performance.now() - t0;
            if (cb.type !== 4 || !cb.data?.embeds?.length) throw new Error(`unexpected callback: ${JSON.stringify(cb.body).slice(0, 300)}`);
            if (i >= warmup) samples.push(ms);
            if (i % 100 === 0) {
              forget();
              discord.deliveries.length = 0;
            }
          }
        } finally {
          if (endpoint) await discord.setInteractionsEndpoint(null);
        }
        return samples;
      },
    },
    () => discord.close(),
  );
}

void main();
