import { deployCommands } from '../bot/deployCommands.js';
import { loadCommands } from '../bot/registry.js';
import { readConfig } from '../config.js';
import { buildLogger } from '../log.js';

/** `npm run deploy-commands`: registers the slash commands with Discord. */
const config = readConfig();
const log = buildLogger(config.logLevel);
try {
  const r = await deployCommands(config, await loadCommands());
  log.info(r, 'Slash commands deployed');
} catch (err) {
  log.error({ err }, 'Deploying commands failed');
  process.exitCode = 1;
}
