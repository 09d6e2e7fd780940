import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionOnly } from '../access.js';
import { principalOf, requireSession } from '../authenticate.js';
import { errors, tokenPairSchema, userSchema } from '../schemas.js';
import type { HttpDeps } from '../server.js';
import { userJson } from '../views.js';
import { isWebClient, refreshTokenFromCookie, setRefreshCookie } from '../refreshCookie.js';
import { HttpError } from '../errors.js';

const token = z.string().min(1).max(2048);

/** `Accept: application/json` (and not HTML, as a browser navigating sends) asks /login for JSON. */
const wantsJson = (accept: string | undefined) => !!accept && /\bapplication\/json\b/i.test(accept) && !/\btext\/html\b/i.test(accept);

/** Login, refresh and logout: rate-limited per client address, and the only routes taking form bodies. */
export const authRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, { config, services }) => {
  await app.register(formbody, { bodyLimit: 8 * 1024 });
  const rateLimit = { max: config.rateLimit.authMax, timeWindow: config.rateLimit.windowSeconds * 1000 };
  const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };
  const session = requireSession(services.sessions);
  // Both login routes take JSON or a form (a plain HTML form can post to them).
  const consumes = ['application/json', 'application/x-www-form-urlencoded'];

  app.get(
    '/login',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Start a Discord login',
        description:
          'Answers 302 to Discord with a fresh single-use `state` (10 minutes) and PKCE (S256). Discord sends the browser back to the ' +
          'redirect URI with `?code=…&state=…`; post both to `/exchange`.\n\n' +
          'A client that cannot follow a cross-origin redirect (a generated client, `fetch`) sends `Accept: application/json` ' +
          'and gets 200 `{ "url" }` instead, then sends the browser there.',
        security: [],
        querystring: z.strictObject({ redirect_uri: z.url().optional().describe('Must be on the server allow-list') }),
        response: {
          200: z.object({ url: z.url().describe('The Discord authorization URL to send the browser to') }).meta({ id: 'LoginRedirect' }),
          302: z.null(),
          ...errors(400, 429, 503),
        },
      },
    },
    async (req, reply) => {
      const { url } = await services.oauth.begin(req.query.redirect_uri);
      void reply.header('cache-control', 'no-store');
      return wantsJson(req.headers.accept) ? reply.send({ url }) : reply.redirect(url, 302);
    },
  );

  app.post(
    '/exchange',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        operationId: 'exchangeCode',
        summary: 'Trade the Discord code for our tokens',
        description:
          'JSON or form body. Answers with an access JWT, a refresh token and the user. 400 `INVALID_STATE` for an unknown, used or ' +
          'expired `state`; 401 `INVALID_CODE` when Discord refuses the code.\n\nWith `X-Tracker-Client: web` (the web page), the refresh ' +
          'token comes as an `HttpOnly; SameSite=Strict` cookie scoped to `/auth` instead of in the body.',
        security: [],
        consumes,
        body: z.strictObject({ code: z.string().min(1).max(512), state: z.string().min(1).max(512) }),
        response: { 200: tokenPairSchema.extend({ user: userSchema }), ...errors(400, 401, 415, 429, 502, 503) },
      },
    },
    async (req, reply) => {
      const r = await services.oauth.exchange(req.body.code, req.body.state, req.headers['user-agent'] ?? null);
      req.log.info({ userId: r.user.id, sessionId: r.sessionId }, 'Logged in');
      if (isWebClient(req)) {
        setRefreshCookie(req, reply, r.refreshToken);
        return reply.headers(noStore).send({ jwt: r.jwt, expiresIn: r.expiresIn, user: userJson(r.user) });
      }
      return reply.headers(noStore).send({ jwt: r.jwt, refreshToken: r.refreshToken, expiresIn: r.expiresIn, user: userJson(r.user) });
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        operationId: 'refreshSession',
        summary: 'Rotate the refresh token',
        description:
          'JSON or form body. Each refresh token works once. Presenting one that was already used ends the whole session (401 TOKEN_REUSED).\n\n' +
          'The web page sends `{}` with `X-Tracker-Client: web` and its cookie: the token is read from the cookie and the new one set ' +
          'there (403 `ORIGIN_NOT_ALLOWED` from another site\'s page).',
        security: [],
        consumes,
        body: z.strictObject({ refreshToken: token.optional().describe('Required unless the web page\'s cookie carries it') }),
        response: { 200: tokenPairSchema, ...errors(400, 401, 403, 415, 429) },
      },
    },
    async (req, reply) => {
      const web = isWebClient(req);
      const presented = req.body.refreshToken ?? refreshTokenFromCookie(req, config.corsOrigins);
      if (!presented) throw new HttpError(401, 'TOKEN_MISSING', 'Send the refresh token (in the body, or as the web page\'s cookie).');
      const r = await services.sessions.refresh(presented);
      if (web) {
        setRefreshCookie(req, reply, r.refreshToken);
        return reply.headers(noStore).send({ jwt: r.jwt, expiresIn: r.expiresIn });
      }
      return reply.headers(noStore).send({ jwt: r.jwt, refreshToken: r.refreshToken, expiresIn: r.expiresIn });
    },
  );

  const loggedOut = z.object({ code: z.literal('LOGGED_OUT'), error: z.string() });
  app.post(
    '/auth/logout',
    {
      config: { rateLimit },
      preHandler: session,
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'End this session',
        description: 'Needs a login session: an API key is refused (403 `API_KEY_NOT_ALLOWED`).',
        security: sessionOnly,
        response: { 200: loggedOut, ...errors(401, 403, 429) },
      },
    },
    async (req, reply) => {
      await services.sessions.logout(principalOf(req).sessionId!);
      if (isWebClient(req)) setRefreshCookie(req, reply, null);
      return { code: 'LOGGED_OUT' as const, error: 'You are now logged out.' };
    },
  );

  app.post(
    '/auth/logout-all',
    {
      config: { rateLimit },
      preHandler: session,
      schema: {
        tags: ['auth'],
        operationId: 'logoutAll',
        summary: 'End every session of this user',
        description: 'Needs a login session: an API key is refused (403 `API_KEY_NOT_ALLOWED`).',
        security: sessionOnly,
        response: { 200: loggedOut.extend({ sessions: z.number().int().describe('How many sessions were ended') }), ...errors(401, 403, 429) },
      },
    },
    async (req, reply) => {
      const n = await services.sessions.logoutAll(principalOf(req).userId);
      if (isWebClient(req)) setRefreshCookie(req, reply, null);
      return { code: 'LOGGED_OUT' as const, error: 'You are now logged out everywhere.', sessions: n };
    },
  );

  app.get(
    '/users/me',
    {
      preHandler: session,
      schema: {
        tags: ['users'],
        operationId: 'getMe',
        summary: 'The logged-in user',
        description: 'Needs a login session: an API key is refused (403 `API_KEY_NOT_ALLOWED`).',
        security: sessionOnly,
        response: { 200: userSchema, ...errors(401, 403) },
      },
    },
    async (req) => userJson(await services.users.get(principalOf(req).userId)),
  );
};
