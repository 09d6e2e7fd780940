import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks out wherever they appear in a log object. Tokens travel in headers
 * and bodies; the request URL is rewritten by the HTTP layer before it is logged.
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers["x-access-token"]',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'token',
  'jwt',
  'refreshToken',
  'code_verifier',
  'client_secret',
  'secret',
  'password',
  'key',
  '*.token',
  '*.jwt',
  '*.refreshToken',
  '*.client_secret',
  '*.secret',
  '*.key',
];

/** Builds the one root logger; components take `log.child({ component })`. */
export function buildLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ffxiv-tracker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    destination,
  );
}
