import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

/**
 * Precompresses the built web app (`dist/web`) once, at build time, with gzip and brotli at
 * their best levels: @fastify/static then serves `name.br` or `name.gz` by Accept-Encoding, and
 * no request pays for compression.
 */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest|map)$/;
const MIN_BYTES = 1024;

export async function compressTree(dir: string): Promise<{ files: number; before: number; br: number; gz: number }> {
  const totals = { files: 0, before: 0, br: 0, gz: 0 };
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    const data = await readFile(file);
    if (data.length < MIN_BYTES) continue;
    const [br, gz] = await Promise.all([
      promisify(brotliCompress)(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
      promisify(gzip)(data, { level: 9 }),
    ]);
    await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
    totals.files += 1;
    totals.before += data.length;
    totals.br += br.length;
    totals.gz += gz.length;
  }
  return totals;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../../web/', import.meta.url));
  if (!(await stat(dir).catch(() => undefined))) {
    process.stderr.write(`No built web app at ${dir}\n`);
    process.exit(1);
  }
  const t = await compressTree(dir);
  process.stdout.write(`Precompressed ${t.files} web files: ${t.before} bytes → brotli ${t.br}, gzip ${t.gz}\n`);
}
