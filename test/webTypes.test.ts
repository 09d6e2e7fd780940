import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPI3 } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTypesOf, buildOpenApiDocument } from '../src/cli/openapiTypes.js';

/**
 * The web page's API types come from the service's OpenAPI document (`npm run types:web`), so a route whose schema
 * changes under the page breaks `tsc -p src/web/tsconfig.json`, which `npm run typecheck` and `npm run build` run.
 * Shown here on copies of the web sources, each typed from a copy of the document with one change the page does not
 * follow, and once from the document as it is, which must pass.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

type Json = Record<string, any>;
type Check = { code: number; output: string };

/** Renames a property of an object schema, in `properties` and `required`, keeping its place. */
function renameProperty(schema: Json, from: string, to: string): void {
  expect(schema.properties).toHaveProperty(from);
  schema.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k === from ? to : k, v]));
  if (Array.isArray(schema.required)) schema.required = schema.required.map((k: string) => (k === from ? to : k));
}

/** What each case does to (a copy of) the document, and what the page then gets wrong. */
const CHANGES: Record<string, { change(doc: Json): void; errors: RegExp[] }> = {
  'a response field the page reads is renamed (Task.name → title)': {
    change: (doc) => renameProperty(doc.components.schemas.Task, 'name', 'title'),
    errors: [/src\/web\/views\/taskName\.ts\(\d+,\d+\): error TS2339: Property 'name' does not exist on type/],
  },
  'a request body the page sends gains a required field (POST /tasks: priority)': {
    change: (doc) => {
      const body = doc.paths['/tasks'].post.requestBody.content['application/json'].schema;
      body.properties.priority = { type: 'integer' };
      body.required.push('priority');
    },
    errors: [/src\/web\/api\.ts\(\d+,\d+\): error TS2\d+:[^\n]*[\s\S]*?Property 'priority' is missing/],
  },
  'a route the page calls moves (POST /groups/{id}/members → /groups/{id}/join)': {
    change: (doc) => {
      expect(doc.paths).toHaveProperty(['/groups/{id}/members']);
      doc.paths['/groups/{id}/join'] = doc.paths['/groups/{id}/members'];
      delete doc.paths['/groups/{id}/members'];
    },
    errors: [/src\/web\/api\.ts\(\d+,\d+\): error TS2\d+: [^\n]*"\/groups\/\{id\}\/members"/],
  },
};

const dirs: string[] = [];

/** `src/web` copied into a temp tree typed by `types` (the rest of `src/` and `node_modules` linked), then `tsc -p`. */
async function typecheckWebWith(types: string): Promise<Check> {
  const dir = await mkdtemp(join(tmpdir(), 'tracker-web-types-'));
  dirs.push(dir);
  const generated = join(ROOT, 'src/web/generated');
  await cp(join(ROOT, 'src/web'), join(dir, 'src/web'), { recursive: true, filter: (src) => !src.startsWith(generated) });
  for (const entry of await readdir(join(ROOT, 'src'))) if (entry !== 'web') await symlink(join(ROOT, 'src', entry), join(dir, 'src', entry));
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  await mkdir(join(dir, 'src/web/generated'));
  await writeFile(join(dir, 'src/web/generated/api.d.ts'), types);
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, '-p', join(dir, 'src/web/tsconfig.json'), '--noEmit', '--pretty', 'false'], { cwd: dir }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: (stdout + stderr).replaceAll(dir + '/', '') });
    });
  });
}

const checks = new Map<string, Promise<Check>>();

beforeAll(async () => {
  const doc = (await buildOpenApiDocument()) as Json;
  // All at once: each is a tsc process of its own.
  checks.set('as served', apiTypesOf(doc as OpenAPI3).then(typecheckWebWith));
  for (const [name, { change }] of Object.entries(CHANGES)) {
    const altered = structuredClone(doc);
    change(altered);
    checks.set(name, apiTypesOf(altered as OpenAPI3).then(typecheckWebWith));
  }
  // Settled here so that one failing check cannot leave the others unhandled; each test reads its own.
  await Promise.allSettled(checks.values());
}, 60_000);

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('the web page typed from the OpenAPI document', () => {
  it('type-checks against the document as the service serves it', async () => {
    const r = await checks.get('as served')!;
    expect(r.output).toBe('');
    expect(r.code).toBe(0);
  });

  for (const [name, { errors }] of Object.entries(CHANGES)) {
    it(`fails the type check when ${name}`, async () => {
      const r = await checks.get(name)!;
      expect(r.code).not.toBe(0);
      for (const e of errors) expect(r.output).toMatch(e);
    });
  }
});
