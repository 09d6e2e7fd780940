import { Writable } from 'node:stream';
import { buildLogger, type Logger } from '../../src/log.js';

/** A real pino logger (with the production redaction) whose JSON lines a test can read. */
export function captureLog(level = 'debug'): { log: Logger; lines: Record<string, unknown>[]; text: () => string } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      raw.push(String(chunk));
      cb();
    },
  });
  const log = buildLogger(level, stream);
  return {
    log,
    get lines() {
      return raw.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    text: () => raw.join(''),
  };
}
