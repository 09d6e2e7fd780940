import type { FastifyPluginAsync } from 'fastify';
import { InteractionResponseType, type APIInteraction } from 'discord.js';
import type { ReceiveOutcome } from '../../bot/httpInteractions.js';
import { checkDiscordSignature, discordPublicKey, SIGNATURE_MAX_AGE_SECONDS } from '../discordSignature.js';
import { HttpError } from '../errors.js';

/** Interaction payloads carry the message a component sits on (embeds, components): more than the API's 64 KiB. */
export const INTERACTION_BODY_LIMIT = 512 * 1024;

export interface InteractionRouteOptions {
  /** The application's public key, 64 hex characters (`DISCORD_PUBLIC_KEY`). */
  publicKey: string;
  /** Hands a verified payload to the bot (`src/bot/httpInteractions.ts`). */
  receive(payload: APIInteraction): Promise<ReceiveOutcome>;
  /** The wall clock the signature's timestamp is compared with (tests). */
  now?: () => number;
}

const SIGNATURE_ERRORS = {
  missing: ['INVALID_SIGNATURE', 'X-Signature-Ed25519 and X-Signature-Timestamp are required.'],
  invalid: ['INVALID_SIGNATURE', 'The request signature does not verify with this application\'s public key.'],
  expired: ['SIGNATURE_EXPIRED', `The signature timestamp is more than ${SIGNATURE_MAX_AGE_SECONDS / 60} minutes away from this server's clock.`],
} as const;

/**
 * `POST /interactions`, Discord's Interactions Endpoint URL (registered only when `DISCORD_INTERACTIONS=http`).
 * Every request is checked before anything else looks at it: a missing or bad signature, a tampered body or a
 * timestamp more than 5 minutes off is a 401 in our error shape (Discord sends bad signatures on purpose when the URL
 * is saved, and removes endpoints that accept them). PING answers PONG; anything else goes to the bot, and the
 * answer is 202 once it has been acknowledged through the callback endpoint. Not in the OpenAPI document: it speaks
 * Discord's protocol, not ours.
 *
 * An encapsulated plugin: its content-type parser (the raw bytes, which the signature covers) applies to this
 * route only, and every other route keeps JSON parsing.
 */
export const interactionRoutes: FastifyPluginAsync<InteractionRouteOptions> = async (app, opts) => {
  const key = discordPublicKey(opts.publicKey);
  const now = opts.now ?? Date.now;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: INTERACTION_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.post('/interactions', { schema: { hide: true }, bodyLimit: INTERACTION_BODY_LIMIT }, async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const check = checkDiscordSignature(key, raw, header('x-signature-ed25519'), header('x-signature-timestamp'), now());
    if (check !== 'ok') {
      const [code, message] = SIGNATURE_ERRORS[check];
      throw new HttpError(401, code, message);
    }
    let payload: APIInteraction;
    try {
      payload = JSON.parse(raw.toString('utf8')) as APIInteraction;
    } catch {
      throw new HttpError(400, 'INVALID_JSON', 'The body is not valid JSON.');
    }
    if (typeof payload !== 'object' || payload === null || typeof payload.type !== 'number' || typeof payload.id !== 'string' || typeof payload.token !== 'string') {
      throw new HttpError(400, 'VALIDATION', 'The body is not an interaction.');
    }
    const outcome = await opts.receive(payload);
    switch (outcome.kind) {
      case 'pong':
        return reply.code(200).send({ type: InteractionResponseType.Pong });
      case 'accepted':
        return reply.code(202).send();
      case 'unsupported':
        throw new HttpError(400, 'UNSUPPORTED_INTERACTION', 'This application does not handle that kind of interaction.');
    }
  });
};
