import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A comma-separated list of absolute URLs (empty entries ignored). */
const urlList = z
  .string()
  .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
  .pipe(z.array(z.url()));

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const snowflake = z.string().regex(/^\d{15,25}$/, 'must be a Discord snowflake (digits)');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('file:data/tracker.db')
    .refine((v) => v === ':memory:' || v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be file:<path>, :memory: or postgres://…',
    }),
  DATA_DIR: z.string().min(1).default('data'),
  JWT_SECRET: optionalText,
  JWT_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  DISCORD_TOKEN: optionalText,
  DISCORD_CLIENT_ID: optionalText.pipe(snowflake.optional()),
  DISCORD_CLIENT_SECRET: optionalText,
  DISCORD_GUILD_ID: optionalText.pipe(snowflake.optional()),
  DISCORD_SHARD_COUNT: optionalText.pipe(z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1).max(10_000)).optional()),
  DISCORD_SHARD_IDS: optionalText.pipe(
    z
      .string()
      .regex(/^\d+(,\d+)*$/, 'must be comma-separated shard numbers, e.g. 0,1')
      .transform((v) => v.split(',').map(Number))
      .optional(),
  ),
  DISCORD_SEND_RATE: z.coerce.number().int().min(1).max(50).default(40),
  DISCORD_INTERACTIONS: z.enum(['gateway', 'http']).default('gateway'),
  DISCORD_PUBLIC_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex characters of the application\'s Public Key (developer portal, General Information)')
      .transform((v) => v.toLowerCase())
      .optional(),
  ),
  DISCORD_API_URL: z.url().default('https://discord.com/api').transform((v) => v.replace(/\/+$/, '')),
  DISCORD_AUTHORIZE_URL: z.url().default('https://discord.com/oauth2/authorize'),
  DISCORD_CDN_URL: z
    .url({ protocol: /^https?$/ })
    .default('https://cdn.discordapp.com')
    .transform((v) => v.replace(/\/+$/, '')),
  OAUTH_REDIRECT_URI: z.url().default('http://localhost:3000/'),
  OAUTH_REDIRECT_ALLOWLIST: urlList.default([]),
  CORS_ORIGINS: urlList.default(['http://localhost:3000']),
  RATE_LIMIT_AUTH_MAX: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  API_KEY_RATE_MAX: z.coerce.number().int().min(1).default(120),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  SCHEDULER: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  METRICS: z
    .enum(['on', 'off'])
    .default('off')
    .transform((v) => v === 'on'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  LODESTONE_URL: z
    .string()
    .trim()
    .default('https://na.finalfantasyxiv.com/lodestone')
    .pipe(z.union([z.literal('off'), z.url({ protocol: /^https?$/ }).transform((v) => v.replace(/\/+$/, ''))])),
  LODESTONE_MIN_GAP_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  LODESTONE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  LODESTONE_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  LODESTONE_REFRESH_PER_MINUTE: z.coerce.number().int().min(0).max(30).default(3),
  LODESTONE_USER_CALLS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000).default(10),
  LODESTONE_IMAGE_ORIGINS: urlList.default(['https://img2.finalfantasyxiv.com', 'https://lds-img.finalfantasyxiv.com']),
});

type Env = z.infer<typeof envSchema>;

/** Every variable the service reads (`.env.example` documents each). */
export const ENV_VARS = Object.keys(envSchema.shape);

/** The parsed, frozen configuration every part of the service reads. */
export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly dataDir: string;
  /** Undefined when not configured; `main` then generates one under `dataDir` (never in production). */
  readonly jwtSecret: string | undefined;
  readonly jwtTtlSeconds: number;
  readonly discord: {
    readonly token: string | undefined;
    readonly clientId: string | undefined;
    readonly clientSecret: string | undefined;
    readonly guildId: string | undefined;
    /** Sharding across processes: this process runs `shardIds` of `shardCount` (all of them when unset). */
    readonly shardCount: number | undefined;
    readonly shardIds: readonly number[] | undefined;
    readonly apiUrl: string;
    readonly authorizeUrl: string;
    /** Where avatars are served from (`<cdnUrl>/avatars/<user id>/<hash>.png`); the web page's CSP allows its origin. */
    readonly cdnUrl: string;
    /** Requests per second all processes together may spend on announcements, reminders and boards. */
    readonly sendRate: number;
    /**
     * How interactions arrive: `gateway` (a WebSocket per shard, the default) or `http` (Discord POSTs them to
     * `POST /interactions`; no gateway connection at all).
     */
    readonly interactions: 'gateway' | 'http';
    /** The application's Ed25519 public key (64 hex characters) that signs interactions sent over HTTP. */
    readonly publicKey: string | undefined;
  };
  readonly oauth: {
    readonly redirectUri: string;
    /** Other redirect URIs a client may ask for with `/login?redirect_uri=`. */
    readonly redirectAllowlist: readonly string[];
  };
  readonly corsOrigins: readonly string[];
  readonly rateLimit: { readonly authMax: number; readonly windowSeconds: number; readonly apiKeyMax: number };
  readonly trustProxy: boolean;
  readonly scheduler: boolean;
  readonly logLevel: Env['LOG_LEVEL'];
  /** Prometheus metrics on their own port (never the API's); undefined when off. */
  readonly metrics: { readonly port: number; readonly host: string } | undefined;
  /** Undefined when `LODESTONE_URL=off`: characters are then linked by hand, unchecked. */
  readonly lodestone:
    | {
        readonly baseUrl: string;
        readonly minGapMs: number;
        readonly timeoutMs: number;
        readonly cacheMs: number;
        /** Stale profiles (older than a week) re-read in the background per minute; 0 turns that off. */
        readonly refreshPerMinute: number;
        /** Lodestone reads one user may cause per minute, so nobody hogs the process's one queue. */
        readonly userCallsPerMinute: number;
      }
    | undefined;
  /** Origins the web page may load character images from (its CSP's img-src). */
  readonly lodestoneImageOrigins: readonly string[];
}

/** Raised when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment map; pure, so tests can build configs without touching `process.env`. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // Its length is checked below for every environment.
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_SECRET: production needs an explicit secret of at least 32 bytes (e.g. `openssl rand -base64 48`)',
    );
  }
  if (e.DISCORD_SHARD_IDS && (!e.DISCORD_SHARD_COUNT || e.DISCORD_SHARD_IDS.some((id) => id >= e.DISCORD_SHARD_COUNT!))) {
    throw new ConfigError('Invalid configuration:\n  DISCORD_SHARD_IDS: needs DISCORD_SHARD_COUNT, and every id must be below it');
  }
  if (e.DISCORD_INTERACTIONS === 'http' && (!e.DISCORD_PUBLIC_KEY || !e.DISCORD_TOKEN)) {
    const missing = [!e.DISCORD_PUBLIC_KEY && 'DISCORD_PUBLIC_KEY (the Public Key on the application\'s General Information page)', !e.DISCORD_TOKEN && 'DISCORD_TOKEN'].filter(Boolean);
    throw new ConfigError(`Invalid configuration:\n  DISCORD_INTERACTIONS: http also needs ${missing.join(' and ')}`);
  }
  if (e.JWT_SECRET !== undefined && Buffer.byteLength(e.JWT_SECRET) < 32) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: must be at least 32 bytes');
  }
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    jwtSecret: e.JWT_SECRET,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    discord: Object.freeze({
      token: e.DISCORD_TOKEN,
      clientId: e.DISCORD_CLIENT_ID,
      clientSecret: e.DISCORD_CLIENT_SECRET,
      guildId: e.DISCORD_GUILD_ID,
      shardCount: e.DISCORD_SHARD_COUNT,
      shardIds: e.DISCORD_SHARD_IDS,
      apiUrl: e.DISCORD_API_URL,
      authorizeUrl: e.DISCORD_AUTHORIZE_URL,
      cdnUrl: e.DISCORD_CDN_URL,
      sendRate: e.DISCORD_SEND_RATE,
      interactions: e.DISCORD_INTERACTIONS,
      publicKey: e.DISCORD_PUBLIC_KEY,
    }),
    oauth: Object.freeze({
      redirectUri: e.OAUTH_REDIRECT_URI,
      redirectAllowlist: Object.freeze([...e.OAUTH_REDIRECT_ALLOWLIST]),
    }),
    corsOrigins: Object.freeze([...e.CORS_ORIGINS]),
    rateLimit: Object.freeze({ authMax: e.RATE_LIMIT_AUTH_MAX, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS, apiKeyMax: e.API_KEY_RATE_MAX }),
    trustProxy: e.TRUST_PROXY,
    scheduler: e.SCHEDULER,
    logLevel: e.LOG_LEVEL,
    metrics: e.METRICS ? Object.freeze({ port: e.METRICS_PORT, host: e.METRICS_HOST }) : undefined,
    lodestone:
      e.LODESTONE_URL === 'off'
        ? undefined
        : Object.freeze({
            baseUrl: e.LODESTONE_URL,
            minGapMs: e.LODESTONE_MIN_GAP_MS,
            timeoutMs: e.LODESTONE_TIMEOUT_MS,
            cacheMs: e.LODESTONE_CACHE_SECONDS * 1000,
            refreshPerMinute: e.LODESTONE_REFRESH_PER_MINUTE,
            userCallsPerMinute: e.LODESTONE_USER_CALLS_PER_MINUTE,
          }),
    lodestoneImageOrigins: Object.freeze(e.LODESTONE_IMAGE_ORIGINS.map((u) => new URL(u).origin)),
  });
}

/** The one place that reads `process.env`. */
export function readConfig(): Config {
  return parseConfig(process.env);
}
