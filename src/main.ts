import { startApp } from './app.js';
import { ConfigError, readConfig } from './config.js';
import { buildLogger } from './log.js';

/** Gives up on a graceful stop after this long, so a stuck socket cannot hold a deploy. */
const STOP_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = buildLogger(config.logLevel);
  const app = await startApp(config, log).catch((err: unknown) => {
    log.fatal({ err }, 'Start-up failed');
    process.exit(1);
  });

  const shutdown = (signal: string) => {
    log.info({ signal }, 'Stopping');
    const timer = setTimeout(() => {
      log.error('Graceful stop timed out; exiting');
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    timer.unref();
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'Stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
