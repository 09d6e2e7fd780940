import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * How far the signed `X-Signature-Timestamp` may be from our clock. Discord signs each delivery as it sends it, so a
 * genuine request is seconds old; an older one is a replay of a captured request and is refused like a bad signature.
 */
export const SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

export type SignatureCheck = 'ok' | 'missing' | 'invalid' | 'expired';

const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;
const TIMESTAMP = /^\d{1,12}$/;

/** The application's public key as the developer portal shows it (64 hex characters) → a node:crypto Ed25519 key. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('A Discord public key is 64 hex characters');
  // A raw Ed25519 key is the JWK's `x`; no DER prefix to get right, no native dependency.
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

/**
 * Discord's interaction signature: Ed25519 over `timestamp + raw body`, the signature in `X-Signature-Ed25519` (hex)
 * and the timestamp (Unix seconds) in `X-Signature-Timestamp`. The body must be the bytes as received: parsing and
 * re-serialising JSON would change them.
 */
export function checkDiscordSignature(
  key: KeyObject,
  rawBody: Buffer,
  signature: string | undefined,
  timestamp: string | undefined,
  nowMs: number = Date.now(),
): SignatureCheck {
  if (!signature || !timestamp) return 'missing';
  // Buffer.from(…, 'hex') stops silently at the first bad character, so the shape is checked first.
  if (!SIGNATURE_HEX.test(signature) || !TIMESTAMP.test(timestamp)) return 'invalid';
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  if (!verify(null, message, key, Buffer.from(signature, 'hex'))) return 'invalid';
  // Checked only once the timestamp is known to be Discord's own.
  return Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_MAX_AGE_SECONDS ? 'expired' : 'ok';
}
