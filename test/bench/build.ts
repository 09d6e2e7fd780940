import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file is `test/bench/build.ts`). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where the measured processes are compiled to: inside node_modules (so the compiled files
 * resolve the project's dependencies), away from `dist/` and from git.
 */
export const BUILD_DIR = join(ROOT, 'node_modules', '.cache', 'ffxiv-tracker-bench');

/**
 * Compiles the project with its own tsconfig. The measured processes then run plain JavaScript
 * the way `npm start` does: a TypeScript loader in them would add its own memory (~40 MB) and
 * start-up work to the figures. Type errors elsewhere in the tree do not stop the emit.
 */
export function buildForBench(): { seconds: number; typeErrors: boolean } {
  const started = performance.now();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.json'), '--outDir', BUILD_DIR, '--incremental', '--tsBuildInfoFile', join(BUILD_DIR, '.tsbuildinfo')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (!existsSync(compiled('benchServer'))) throw new Error(`tsc did not emit the bench server:\n${r.stdout}${r.stderr}`);
  return { seconds: (performance.now() - started) / 1000, typeErrors: r.status !== 0 };
}

/** The compiled `test/bench/<name>.js`. */
export function compiled(name: string): string {
  return join(BUILD_DIR, 'test', 'bench', `${name}.js`);
}
