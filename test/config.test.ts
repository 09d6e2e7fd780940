import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError, ENV_VARS, parseConfig } from '../src/config.js';

describe('configuration', () => {
  it('starts with zero configuration on the SQLite default', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: 'file:data/tracker.db',
      jwtSecret: undefined,
      jwtTtlSeconds: 900,
      corsOrigins: ['http://localhost:3000'],
      discord: { apiUrl: 'https://discord.com/api', authorizeUrl: 'https://discord.com/oauth2/authorize', cdnUrl: 'https://cdn.discordapp.com', token: undefined },
      oauth: { redirectUri: 'http://localhost:3000/' },
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DISCORD_API_URL: 'not a url' }, 'DISCORD_API_URL'],
    [{ DISCORD_CDN_URL: 'cdn.example' }, 'DISCORD_CDN_URL'],
    [{ DISCORD_CDN_URL: 'ftp://cdn.example' }, 'DISCORD_CDN_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DISCORD_CLIENT_ID: '12ab' }, 'DISCORD_CLIENT_ID'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ CORS_ORIGINS: 'http://ok.example, nope' }, 'CORS_ORIGINS'],
    [{ DISCORD_SHARD_IDS: '0,1' }, 'DISCORD_SHARD_IDS'],
    [{ DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '0,2' }, 'DISCORD_SHARD_IDS'],
  ])('stops on %j naming %s', (env, name) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(name);
  });

  it('refuses production without an explicit JWT secret of at least 32 bytes', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(parseConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
  });

  it('accepts :memory:, PostgreSQL URLs and lists of origins', () => {
    expect(parseConfig({ DATABASE_URL: ':memory:' }).databaseUrl).toBe(':memory:');
    expect(parseConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1/db' }).databaseUrl).toMatch(/^postgres/);
    expect(parseConfig({ CORS_ORIGINS: 'http://a.example, http://b.example' }).corsOrigins).toEqual(['http://a.example', 'http://b.example']);
    expect(parseConfig({ DISCORD_API_URL: 'http://127.0.0.1:9/api/' }).discord.apiUrl).toBe('http://127.0.0.1:9/api');
    expect(parseConfig({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '2,3' }).discord).toMatchObject({ shardCount: 4, shardIds: [2, 3] });
  });

  it('documents every variable in .env.example, and .env.example parses', () => {
    const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const documented = new Map(
      text
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
    );
    expect(ENV_VARS.filter((v) => !documented.has(v))).toEqual([]);
    expect([...documented.keys()].filter((v) => !ENV_VARS.includes(v))).toEqual([]);
    expect(() => parseConfig(Object.fromEntries(documented))).not.toThrow();
  });
});
