import { startApp } from './app.js';
import { ConfigError, readConfig, type Config } from './config.js';
import { buildLogger, serviceLogDestination, terminalLogDestination } from './log.js';

/** Gives up on a graceful stop after this long, so a stuck socket cannot hold a deploy. */
const STOP_TIMEOUT_MS = 10_000;

function configOrExit(): Config {
  try {
    return readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** The composition root: config, logger, then everything else through `startApp`. */
function main(): void {
  const config = configOrExit();
  const log = buildLogger(config.logLevel, process.stdout.isTTY ? terminalLogDestination() : serviceLogDestination());
  const starting = startApp(config, log);
  starting.catch((err: unknown) => {
    log.fatal({ err }, 'Start-up failed');
    process.exit(1);
  });

  // Installed before start-up finishes: a signal during start-up stops once it is done.
  const shutdown = (signal: string) => {
    log.info({ signal }, 'Stopping');
    setTimeout(() => {
      log.error('Graceful stop timed out; exiting');
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    starting
      .then((app) => app.stop())
      .then(
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

main();
