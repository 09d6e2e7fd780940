import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { HttpDeps } from '../server.js';

/** Where `npm run build` puts the web app: `<repo>/dist/web`, seen from `dist/src/http/routes/`. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));

/**
 * The web checklist at /app/ (built by Vite from src/web). Registered in its own context, so
 * `reply.sendFile` does not clash with the copy of @fastify/static inside the docs plugin.
 * When the app is not built (tests running from sources), nothing is served and the log says so.
 */
export const webRoutes: FastifyPluginAsync<HttpDeps> = async (app, { webDir = DEFAULT_WEB_DIR, config }) => {
  if (!existsSync(webDir)) {
    app.log.info({ webDir }, 'Web app not built, /app/ is off (npm run build builds it)');
    return;
  }
  if (!keepsSecureCookies(config.oauth.redirectUri)) {
    app.log.warn(
      { redirectUri: config.oauth.redirectUri },
      'The web page keeps its login in a Secure cookie, which browsers keep only over HTTPS or on localhost: serve /app/ over HTTPS, or each web login lasts one access token',
    );
  }
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/app/',
    // One route per built file, found at start-up: the wildcard route cannot serve /app/ while the
    // server ignores trailing slashes, and a build does not change under a running process.
    wildcard: false,
    decorateReply: false,
    // `npm run build` writes name.br and name.gz beside each file (src/cli/compressWeb.ts): served by Accept-Encoding.
    preCompressed: true,
    schemaHide: true,
    cacheControl: false,
    // The page itself must be revalidated so a deploy reaches people; Vite's hashed assets never change.
    setHeaders: (reply, path) => {
      // `path` may be the precompressed file (index.html.br): judge by the file it stands for.
      void reply.header('cache-control', path.replace(/\.(br|gz)$/, '').endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
};

/** Whether a browser on this page keeps a `Secure` cookie: HTTPS, or plain HTTP on the loopback host (see refreshCookie.ts). */
function keepsSecureCookies(pageUrl: string): boolean {
  const url = new URL(pageUrl);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
