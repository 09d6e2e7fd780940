import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { Store } from '../store/openStore.js';
import { refuseQueryTokens } from './authenticate.js';
import { answerClientError, frameworkErrorAnswer, HttpError, installErrorHandling } from './errors.js';
import { swaggerOptions } from './openapi.js';
import { RateLimiter } from '../rateLimiter.js';
import { API_HEADERS, documentHeaders, isDocumentPath, pageImageOrigins } from './securityHeaders.js';
import { TaskListCache } from './taskListCache.js';
import { apiKeyRoutes } from './routes/apiKeys.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { characterRoutes } from './routes/characters.routes.js';
import { groupRoutes } from './routes/groups.routes.js';
import { interactionRoutes, type InteractionRouteOptions } from './routes/interactions.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { publicRoutes } from './routes/public.routes.js';
import { taskRoutes } from './routes/tasks.routes.js';
import { webRoutes } from './routes/web.routes.js';

/** What the HTTP front door needs; built once by `main`. */
export interface HttpDeps {
  config: Config;
  log: Logger;
  store: Store;
  services: Services;
  clock: Clock;
  /** The built web app served at /app/; defaults to `dist/web` (tests point it at their own build). */
  webDir?: string;
  /** With `DISCORD_INTERACTIONS=http`: the bot that answers `POST /interactions`. */
  interactions?: Pick<InteractionRouteOptions, 'receive'>;
}

export const BODY_LIMIT = 64 * 1024;
/**
 * Longer than any path a client can send under Node's default 16 KiB header limit, so an over-long
 * path parameter reaches its route's schema (400 VALIDATION, with CORS and the log line) instead of
 * the router's 414; beyond it, `frameworkErrors` still answers in our shape.
 */
export const MAX_PARAM_LENGTH = 16 * 1024;

/** Request lines are logged without their query string: a token put there by mistake must not reach the logs. */
const serializers = {
  req(req: { method: string; url: string; ip?: string; id?: string }) {
    const [path, query] = req.url.split('?');
    return { id: req.id, method: req.method, url: path, ...(query !== undefined && { query: '[redacted]' }), remoteAddress: req.ip };
  },
};

/** Builds the app without listening: `main` listens, tests use `inject()` or a port of their own. */
export async function buildServer(deps: HttpDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const pageHeaders = documentHeaders(pageImageOrigins(config));
  // Both sets are worked out once; a request only picks one.
  const securityFor = (url: string) => (isDocumentPath(url) ? pageHeaders : API_HEADERS);
  const app = Fastify({
    loggerInstance: deps.log.child({ component: 'http' }, { serializers }) as FastifyBaseLogger,
    // pino's child() without options is its fast path; Fastify passes `{}` even when a route sets no
    // log level or serializers, which rebuilds pino's formatters on every request.
    childLoggerFactory: (logger, bindings, opts) => (Object.keys(opts).length > 0 ? logger.child(bindings, opts) : logger.child(bindings)),
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // The router's own refusals, before any hook: our error shape, security headers and log line.
    frameworkErrors: (err, req, reply: FastifyReply) => {
      const { status, body } = frameworkErrorAnswer(err);
      reply.raw.once('finish', () => accessLog.info({ reqId: req.id, req, res: { statusCode: status } }, 'request completed'));
      void reply.headers(securityFor(req.url)).code(status).send(body);
    },
    clientErrorHandler: answerClientError,
    // Requests arriving while the server drains are refused by our own hook below, in our shape.
    return503OnClosing: false,
    // One line per request (below) instead of Fastify's two: logging was a measurable share of each request.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  // Only JSON (and form data on the login routes) is accepted; text/plain would also skip CORS preflight.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);

  // On shutdown, answers still in flight tell the client to close its keep-alive connection,
  // otherwise an idle socket would hold close() open until the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  // The request line holds only what the `req` serializer picks (no headers, no query), so it can skip
  // the redaction pass, which was most of its cost; every other line keeps it.
  const accessLog = deps.log.child({ component: 'http' }, { serializers, redact: [] });
  app.addHook('onResponse', (req, reply, done) => {
    accessLog.info({ reqId: req.id, req, res: { statusCode: reply.statusCode }, responseTime: Math.round(reply.elapsedTime * 10) / 10 }, 'request completed');
    done();
  });

  app.addHook('onRequest', (req, reply, done) => {
    void reply.headers(securityFor(req.url));
    // While shutting down, a request that still arrives on a kept-alive connection is turned away.
    done(closing ? new HttpError(503, 'SHUTTING_DOWN', 'The service is shutting down; retry in a moment.', { 'retry-after': '1' }) : undefined);
  });
  await app.register(cors, {
    origin: [...config.corsOrigins],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Access-Token', 'X-Api-Key', 'X-Tracker-Client'],
    exposedHeaders: ['Location', 'Retry-After'],
    maxAge: 600,
  });
  // After CORS, so a browser can read the refusal.
  app.addHook('onRequest', (req, _reply, done) => {
    try {
      refuseQueryTokens(req);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(429, 'RATE_LIMITED', `Too many attempts; retry in ${Math.ceil(ctx.ttl / 1000)} s.`, {
        'retry-after': String(Math.ceil(ctx.ttl / 1000)),
      }),
  });
  await app.register(swagger, swaggerOptions);

  await app.register(healthRoutes, deps);
  await app.register(publicRoutes, deps);
  await app.register(authRoutes, deps);
  const access = {
    sessions: deps.services.sessions,
    apiKeys: deps.services.apiKeys,
    keyLimiter: new RateLimiter(config.rateLimit.apiKeyMax, config.rateLimit.windowSeconds * 1000, deps.clock),
  };
  await app.register(taskRoutes, { ...deps, access, taskListCache: new TaskListCache() });
  await app.register(characterRoutes, { ...deps, access });
  await app.register(groupRoutes, { ...deps, access });
  await app.register(apiKeyRoutes, deps);
  await app.register(webRoutes, deps);
  if (deps.interactions) {
    if (!config.discord.publicKey) throw new Error('POST /interactions needs DISCORD_PUBLIC_KEY');
    await app.register(interactionRoutes, { publicKey: config.discord.publicKey, receive: deps.interactions.receive });
  }

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { deepLinking: true } });
  return app;
}
