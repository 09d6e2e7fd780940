import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Command } from './command.js';

/** `commands/` beside `src/`, both in the sources and in `dist/`. */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands', import.meta.url));

const isModuleFile = (f: string) => /\.(js|ts|mjs|mts)$/.test(f) && !f.endsWith('.d.ts');

/** Why a command module was refused; a malformed file stops start-up rather than vanish. */
export class CommandLoadError extends Error {
  override name = 'CommandLoadError';
}

function assertCommand(value: unknown, file: string): asserts value is Command {
  const c = value as Partial<Command> | undefined;
  const problems = [
    !c && 'no default export',
    c && (typeof c.data?.name !== 'string' || typeof c.data.toJSON !== 'function') && '`data` must be a SlashCommandBuilder',
    c && typeof c.execute !== 'function' && '`execute` must be a function',
    c && c.autocomplete !== undefined && typeof c.autocomplete !== 'function' && '`autocomplete` must be a function',
    c && c.handleComponent !== undefined && typeof c.handleComponent !== 'function' && '`handleComponent` must be a function',
  ].filter(Boolean);
  if (problems.length > 0) throw new CommandLoadError(`${file}: ${problems.join('; ')}`);
}

/** Imports every command file of the folder; adding a command is adding a file. */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Map<string, Command>> {
  const files = (await readdir(dir)).filter(isModuleFile).sort();
  const commands = new Map<string, Command>();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
    assertCommand(mod.default, file);
    const name = mod.default.data.name;
    if (commands.has(name)) throw new CommandLoadError(`${file}: a command named /${name} is already defined`);
    commands.set(name, mod.default);
  }
  return commands;
}
