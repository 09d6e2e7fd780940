import type { REST } from '@discordjs/rest';
import { Routes, type RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { BoundedMap } from '../boundedMap.js';

/**
 * Why a message could not be delivered: `refused` will not heal by retrying (gone, no access, DMs
 * closed); `rate-limited` says when to try again, and whether the limit is the bot's global one.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    readonly kind: 'refused' | 'transient' | 'rate-limited',
    readonly status: number | undefined,
    message: string,
    readonly retryAfterMs = 0,
    readonly global = false,
  ) {
    super(message);
  }
}

/** Where the scheduler's messages go; the real one is Discord's REST API. */
export interface MessageSender {
  postToChannel(channelId: string, message: RESTPostAPIChannelMessageJSONBody): Promise<void>;
  sendDm(discordUserId: string, message: RESTPostAPIChannelMessageJSONBody): Promise<void>;
  /** Posts and answers the new message's id (a board is edited in place afterwards). */
  postMessage(channelId: string, message: RESTPostAPIChannelMessageJSONBody): Promise<string>;
  editMessage(channelId: string, messageId: string, message: RESTPostAPIChannelMessageJSONBody): Promise<void>;
}

/**
 * The HTTP status of a Discord API error. Checked by shape, not `instanceof`: discord.js bundles
 * its own CommonJS copy of @discordjs/rest, whose DiscordAPIError is another class than ours.
 */
function discordStatus(err: unknown): number | undefined {
  if (err instanceof Error && err.name.startsWith('DiscordAPIError') && typeof (err as { status?: unknown }).status === 'number') {
    return (err as unknown as { status: number }).status;
  }
  return undefined;
}

/** A RateLimitError of @discordjs/rest (thrown with `rejectOnRateLimit`), by shape for the same reason. */
function rateLimit(err: unknown): { retryAfterMs: number; global: boolean } | undefined {
  if (!(err instanceof Error) || !err.name.startsWith('RateLimitError')) return undefined;
  const e = err as Error & { retryAfter?: unknown; global?: unknown };
  return typeof e.retryAfter === 'number' ? { retryAfterMs: e.retryAfter, global: e.global === true } : undefined;
}

/** The shared send budget, as the sender sees it. */
export interface SendGate {
  /** Waits for, and spends, one request of the budget. */
  take(): Promise<void>;
  /** A global 429: every sender in every process waits until then. */
  pause(untilMs: number): Promise<void>;
}

/**
 * Sends through @discordjs/rest and sorts its failures into refused, rate-limited and transient.
 * With a `gate`, every request first spends a token of the budget all processes share, and a
 * global rate limit pauses them all. A REST client made with `rejectOnRateLimit` surfaces limits
 * as `rate-limited` instead of waiting them out on its own, so the caller can reschedule.
 */
export function restSender(rest: REST, gate?: SendGate): MessageSender {
  const take = gate ? () => gate.take() : async () => undefined;
  const wrap = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      await take();
      return await fn();
    } catch (err) {
      const limited = rateLimit(err);
      if (limited) {
        if (limited.global) await gate?.pause(Date.now() + limited.retryAfterMs);
        throw new DeliveryError('rate-limited', 429, `${what}: rate limited for ${limited.retryAfterMs} ms`, limited.retryAfterMs, limited.global);
      }
      const status = discordStatus(err);
      if (status === 403 || status === 404) {
        throw new DeliveryError('refused', status, `${what}: ${(err as Error).message} (code ${String((err as { code?: unknown }).code)})`);
      }
      throw new DeliveryError('transient', status, `${what}: ${(err as Error).message}`);
    }
  };
  // A user's DM channel with the bot never changes: opening it once saves a request per reminder.
  const dmChannels = new BoundedMap<string, string>(10_000);
  return {
    postToChannel: async (channelId, message) => {
      await wrap('channel message', () => rest.post(Routes.channelMessages(channelId), { body: message }));
    },
    postMessage: async (channelId, message) =>
      ((await wrap('channel message', () => rest.post(Routes.channelMessages(channelId), { body: message }))) as { id: string }).id,
    editMessage: async (channelId, messageId, message) => {
      await wrap('message edit', () => rest.patch(Routes.channelMessage(channelId, messageId), { body: message }));
    },
    sendDm: (discordUserId, message) =>
      wrap('direct message', async () => {
        let channelId = dmChannels.get(discordUserId);
        if (!channelId) {
          channelId = ((await rest.post(Routes.userChannels(), { body: { recipient_id: discordUserId } })) as { id: string }).id;
          dmChannels.set(discordUserId, channelId);
          await take();
        }
        try {
          await rest.post(Routes.channelMessages(channelId), { body: message });
        } catch (err) {
          dmChannels.delete(discordUserId);
          throw err;
        }
      }),
  };
}
