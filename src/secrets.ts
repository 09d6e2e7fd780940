import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';
import type { Logger } from './log.js';

/**
 * The configured JWT secret, or one generated on first start and kept under the data
 * directory so tokens survive restarts. Production never gets here without one (config refuses).
 */
export function resolveJwtSecret(config: Config, log: Logger): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = join(config.dataDir, 'jwt-secret');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log.warn({ file }, 'JWT_SECRET is not set: generated one and stored it (set JWT_SECRET explicitly in production)');
  return secret;
}
