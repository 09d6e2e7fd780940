import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { EndpointAnswer, EndpointPostOptions } from './types.js';

/** How long Discord waits for an Interactions Endpoint URL to answer. */
export const ENDPOINT_TIMEOUT_MS = 3_000;
const USER_AGENT = 'Discord-Interactions/1.0 (+https://discord.com)';

function keyPair(): { publicKey: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { publicKey: Buffer.from(x, 'base64url').toString('hex'), privateKey };
}

/**
 * The application's Interactions Endpoint URL as Discord uses it: its own Ed25519 key pair (the public half is what
 * the developer portal shows), signed POSTs (`X-Signature-Ed25519` over `X-Signature-Timestamp` + body), a 3 s limit.
 */
export class InteractionsEndpoint {
  private readonly keys = keyPair();
  /** Another application's key, for requests that must not verify. */
  private readonly otherKeys = keyPair();
  url: string | undefined;

  get publicKey(): string {
    return this.keys.publicKey;
  }

  signature(body: string, timestamp: string, key: KeyObject = this.keys.privateKey): string {
    return sign(null, Buffer.from(timestamp + body, 'utf8'), key).toString('hex');
  }

  /** One POST, signed as asked; never throws for an HTTP status, only when the endpoint cannot be reached in time. */
  async post(body: unknown, opts: EndpointPostOptions = {}): Promise<EndpointAnswer> {
    const url = opts.url ?? this.url;
    if (!url) throw new Error('fake Discord: no interactions endpoint URL set');
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': USER_AGENT };
    const how = opts.signature ?? 'valid';
    if (how !== 'none') {
      headers['x-signature-timestamp'] = timestamp;
      headers['x-signature-ed25519'] =
        how === 'garbage' ? 'zz'.repeat(64) : this.signature(text, timestamp, how === 'wrong-key' ? this.otherKeys.privateKey : this.keys.privateKey);
    }
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers, body: opts.sendBody ?? text, signal: AbortSignal.timeout(opts.timeoutMs ?? ENDPOINT_TIMEOUT_MS) });
    const raw = await res.text();
    let parsed: unknown = raw === '' ? undefined : raw;
    if ((res.headers.get('content-type') ?? '').includes('json') && raw !== '') {
      try {
        parsed = JSON.parse(raw) as unknown;
      } catch {
        // left as text
      }
    }
    return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed, ms: performance.now() - started };
  }
}
