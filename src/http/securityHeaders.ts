import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.js';

/**
 * Our helmet settings: the API reference page needs its own scripts and styles; everything is
 * served from here, except images from `imageOrigins` (see pageImageOrigins).
 */
const helmetOptions = (imageOrigins: readonly string[]): Readonly<HelmetOptions> => ({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', ...imageOrigins],
      // Self-hosters often serve plain HTTP on a LAN address; upgrading would break the page there.
      upgradeInsecureRequests: null,
    },
  },
  crossOriginResourcePolicy: { policy: 'same-site' },
});

/**
 * The hosts the page shows images from, each once: the Lodestone's (character faces) and Discord's CDN (the header's
 * avatar). Origins, not URL prefixes: the CDN serves nothing but images, and so do the Lodestone's hosts.
 */
export const pageImageOrigins = (config: Pick<Config, 'lodestoneImageOrigins' | 'discord'>): string[] => [
  ...new Set([...config.lodestoneImageOrigins, new URL(config.discord.cdnUrl).origin]),
];

/**
 * The headers helmet sets for these options, worked out once. Without nonces they are the same on
 * every response, and @fastify/helmet rebuilds the whole middleware (parsing the CSP) per request:
 * about 15 µs, a tenth of a cached GET /tasks.
 */
export function documentHeaders(imageOrigins: readonly string[] = []): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(helmetOptions(imageOrigins))({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
  });
  if (Object.keys(headers).length === 0) throw new Error('helmet set no headers: its middleware contract has changed');
  return Object.freeze(headers);
}

/**
 * What a JSON answer carries: the set OWASP's REST Security Cheat Sheet lists for APIs. A JSON
 * body is never rendered, so the document headers (CSP directives for scripts and images,
 * cross-origin policies) would be dead weight; what matters is that it is never framed, sniffed,
 * cached (it holds tokens and personal data) or referred.
 */
export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-security-policy': "frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
});

/** The pages a browser renders (the web app and the API reference) get the document set; everything else is API. */
export const isDocumentPath = (url: string): boolean => /^\/(app|docs)(\/|$|\?)/.test(url);
