import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeLodestone, type FakeCharacter } from './fakeLodestone/index.js';
import { startHttpHarness, type LoginResult } from './helpers/httpHarness.js';

/**
 * The contract: the service answers exactly what /openapi.json says. Every operation found in the served
 * document is driven, as a tool author's fuzzer would, with
 *   - valid requests: fixtures (real tasks, characters, keys of two logged-in users) and requests generated
 *     by fast-check from the document's own schemas,
 *   - invalid requests: params, query or body generated to violate those schemas,
 *   - wrong credentials: none, garbage, an unknown key, a key without the scope, a key on a session-only
 *     route, another user on the first user's ids, a key limited to another character, a token in the query,
 *   - what the HTTP layer refuses by itself: too large, not JSON, broken JSON, over-long path segments,
 *   - the (fake) Lodestone down for maintenance,
 * and every answer must have a status the operation declares (never a 5xx, but for a declared 503 while the
 * Lodestone is down), a body valid against the declared schema (ajv, with the document's components), its
 * declared required headers, no id of another user, and a refused write must leave the store as it was.
 * Seeded and bounded (fast-check seeds, fixed run counts): the same generated requests every run, ~2,000 in all.
 *
 * Operations without a fixture (added later, e.g. by someone else) still get the generated, invalid and
 * credential probes; the summary at the end prints which ones never had a 2xx.
 */

const SEED = 20_261_123;
const VALID_RUNS = 30;
const INVALID_RUNS = 30;

type Json = Record<string, unknown>;
type Schema = Json | boolean;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema: Json;
}
interface ResponseSpec {
  content?: Record<string, { schema: Json }>;
  headers?: Record<string, { required?: boolean }>;
}
interface Operation {
  id: string;
  name: string;
  method: string;
  path: string;
  params: Param[];
  body?: { content: Record<string, { schema: Json }> };
  /** The API-key scope it accepts, or null for a login session only; undefined for public operations. */
  scope: string | null | undefined;
  responses: Record<string, ResponseSpec>;
}

/* ------------------------------------------------------------------ the service and its fixtures */

const FAKES: FakeCharacter[] = Array.from({ length: 12 }, (_, i) => ({
  id: String(71_000_001 + i),
  name: `Contract ${['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta', 'Iota', 'Kappa', 'Lambda', 'Mu'][i]}`,
  world: ['Cerberus', 'Odin', 'Tonberry', 'Zalera'][i % 4]!,
  datacenter: ['Chaos', 'Light', 'Elemental', 'Crystal'][i % 4]!,
}));
const lodestone = await startFakeLodestone({ characters: FAKES });
const h = await startHttpHarness({
  start: '2026-11-23T10:00:00Z',
  env: {
    LODESTONE_URL: lodestone.baseUrl,
    LODESTONE_MIN_GAP_MS: '0',
    LODESTONE_TIMEOUT_MS: '2000',
    LODESTONE_USER_CALLS_PER_MINUTE: '1000',
    API_KEY_RATE_MAX: '1000000',
    RATE_LIMIT_AUTH_MAX: '1000000',
  },
});
afterAll(async () => {
  await h.stop();
  await lodestone.close();
});

const doc = (await (await h.api('/openapi.json')).json()) as Json & { paths: Record<string, Record<string, Json>> };

const alice = await h.login({ username: 'alice' });
const bob = await h.login({ username: 'bob' });
const carol = await h.login({ username: 'carol' });

const call = async (path: string, init: RequestInit & { token?: string; json?: unknown }) => {
  const r = await h.api(path, init);
  if (r.status >= 300) throw new Error(`fixture ${init.method ?? 'GET'} ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Json & { id: string; lodestoneId: string; key: string };
};
const link = (who: LoginResult, fake: FakeCharacter) => call('/characters', { method: 'POST', token: who.jwt, json: { lodestoneId: fake.id } });
const newTask = (who: LoginResult, extra: Json = {}) => call('/tasks', { method: 'POST', token: who.jwt, json: { name: 'Contract task', cadence: 'daily', ...extra } });
const newKey = (who: LoginResult, scopes: string[]) => call('/api-keys', { method: 'POST', token: who.jwt, json: { name: `contract ${scopes.join(' ')}`, scopes } });

// Alice's reserved fixtures stay for the credential probes; destructive operations use the others.
const charA = await link(alice, FAKES[0]!);
const charB = await link(alice, FAKES[1]!);
const taskOnA = await newTask(alice, { characterId: charA.id });
const taskOnB = await newTask(alice, { characterId: charB.id });
const accountTask = await newTask(alice);
const reserved = new Set<string>([charA.id, charB.id, taskOnA.id, taskOnB.id, accountTask.id]);
const keys: Record<string, string> = {};
for (const scope of ['tasks:read', 'tasks:write', 'characters:read', 'characters:write', `character:${charA.lodestoneId}:write`]) {
  const k = await newKey(alice, [scope]);
  keys[scope] = k.key;
  reserved.add(k.id);
}
const narrowKey = keys[`character:${charA.lodestoneId}:write`]!;
// Bob and Carol own things too, so an answer holding one of their ids to someone else is a leak.
await link(bob, FAKES[11]!);
await newTask(bob);
await newKey(bob, ['tasks:read']);
await newTask(carol);

/** Our ids (UUIDs) of everything a user owns, to find them in answers to anyone else. */
async function idsOf(userId: string): Promise<string[]> {
  const db = h.store.db;
  const rows = await Promise.all([
    db.selectFrom('tasks').select('id').where('user_id', '=', userId).execute(),
    db.selectFrom('characters').select('id').where('user_id', '=', userId).execute(),
    db.selectFrom('api_keys').select('id').where('user_id', '=', userId).execute(),
  ]);
  return [userId, ...rows.flat().map((r) => r.id)];
}
const USERS = [alice, bob, carol].map((u) => u.user.id);

/**
 * Alice's things of a kind, as the references a request uses (a character by our id or its Lodestone id);
 * `destructive` leaves the reserved ones alone and makes sure one other is there.
 */
async function pool(kind: string, destructive: boolean): Promise<{ id: string; refs: string[] }[]> {
  const db = h.store.db;
  const userId = alice.user.id;
  const read = async () => {
    if (kind === 'task') return (await db.selectFrom('tasks').select('id').where('user_id', '=', userId).orderBy('id').execute()).map((r) => ({ id: r.id, refs: [r.id] }));
    if (kind === 'apiKey') {
      const rows = await db.selectFrom('api_keys').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, refs: [r.id] }));
    }
    const rows = await db.selectFrom('characters').select(['id', 'lodestone_id']).where('user_id', '=', userId).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, refs: kind === 'character' ? [r.id, r.lodestone_id] : [r.lodestone_id] }));
  };
  let all = await read();
  if (destructive && all.every((x) => reserved.has(x.id))) {
    if (kind === 'task') await newTask(alice, { name: 'Contract spare' });
    if (kind === 'apiKey') await newKey(alice, ['tasks:read']);
    if (kind === 'characterLodestone' || kind === 'character') {
      const linked = new Set(await db.selectFrom('characters').select('lodestone_id').where('user_id', '=', userId).execute().then((r) => r.map((x) => x.lodestone_id)));
      const free = FAKES.slice(0, 11).find((f) => !linked.has(f.id));
      if (free) await link(alice, free);
    }
    all = await read();
  }
  return destructive ? all.filter((x) => !reserved.has(x.id)) : all;
}

/* ------------------------------------------------------------------ the document: operations and schemas */

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => isObject(item[m])).map((method) => {
    const op = item[method] as Json;
    const security = (op.security ?? doc.security ?? []) as Record<string, string[]>[];
    const keyScope = security.find((s) => 'apiKey' in s)?.apiKey?.[0];
    return {
      id: String(op.operationId ?? `${method} ${path}`),
      name: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      params: (op.parameters ?? []) as Param[],
      ...(isObject(op.requestBody) && { body: op.requestBody as Operation['body'] }),
      scope: security.length === 0 ? undefined : (keyScope ?? null),
      responses: op.responses as Record<string, ResponseSpec>,
    };
  }),
);

const DOC_ID = 'https://contract.test/openapi.json';
const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...doc, $id: DOC_ID });
const pointer = (...segments: string[]) => '#' + segments.map((s) => '/' + encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('');
const compiled = new Map<string, ValidateFunction>();
function validatorAt(ptr: string): ValidateFunction {
  let v = compiled.get(ptr);
  if (!v) compiled.set(ptr, (v = ajv.compile({ $ref: DOC_ID + ptr })));
  return v;
}
const opPointer = (op: Operation, ...rest: string[]) => pointer('paths', op.path, op.method.toLowerCase(), ...rest);
const bodyMediaTypes = (op: Operation) => Object.keys(op.body?.content ?? {});
const bodyValidator = (op: Operation, mediaType = 'application/json') => validatorAt(opPointer(op, 'requestBody', 'content', mediaType, 'schema'));
const paramValidator = (op: Operation, p: Param) => validatorAt(opPointer(op, 'parameters', String(op.params.indexOf(p)), 'schema'));

function deref(schema: Schema): Json {
  if (typeof schema === 'boolean') return schema ? {} : { not: {} };
  let s = schema;
  while (typeof s.$ref === 'string') {
    const parts = s.$ref.replace(/^#\//, '').split('/').map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
    s = parts.reduce<Json>((node, key) => node[key] as Json, doc);
  }
  return s;
}

/* ------------------------------------------------------------------ generating values from the schemas */

/** A placeholder for one of Alice's things, bound when the request is sent (earlier requests may delete some). */
interface FixtureRef {
  fixture: string;
  n: number;
}
const isFixture = (v: unknown): v is FixtureRef => isObject(v) && typeof v.fixture === 'string' && typeof v.n === 'number';
/** What each fixture looks like, to check a generated body is valid before the fixture is bound. */
const FIXTURE_SAMPLE: Record<string, string> = {
  task: '00000000-0000-4000-8000-000000000000',
  apiKey: '00000000-0000-4000-8000-000000000000',
  character: '00000000-0000-4000-8000-000000000000',
  characterLodestone: '71000001',
  fakeLodestoneId: '71000001',
  fakeUrl: 'https://eu.finalfantasyxiv.com/lodestone/character/71000001/',
  fakeName: 'Contract Alpha',
  fakeWorld: 'Cerberus',
  future: '2027-06-01T00:00:00.000Z',
};
const fixtureArb = (kind: string) => fc.nat({ max: 50 }).map((n): FixtureRef => ({ fixture: kind, n }));
const withSamples = (v: unknown): unknown =>
  isFixture(v) ? FIXTURE_SAMPLE[v.fixture] : Array.isArray(v) ? v.map(withSamples) : isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withSamples(x)])) : v;
async function bind(v: unknown, destructive: boolean): Promise<unknown> {
  if (isFixture(v)) {
    if (v.fixture in FIXTURE_SAMPLE && !['task', 'apiKey', 'character', 'characterLodestone'].includes(v.fixture)) {
      const fake = FAKES[v.n % 11]!;
      if (v.fixture === 'fakeLodestoneId') return fake.id;
      if (v.fixture === 'fakeUrl') return `https://eu.finalfantasyxiv.com/lodestone/character/${fake.id}/`;
      if (v.fixture === 'fakeName') return fake.name;
      if (v.fixture === 'fakeWorld') return fake.world;
      return new Date(h.clock.now() + (v.n + 1) * 86_400_000).toISOString();
    }
    const things = await pool(v.fixture, destructive);
    if (things.length === 0) return FIXTURE_SAMPLE[v.fixture];
    const refs = things[v.n % things.length]!.refs;
    return refs[Math.floor(v.n / things.length) % refs.length];
  }
  if (Array.isArray(v)) return Promise.all(v.map((x) => bind(x, destructive)));
  if (isObject(v)) return Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await bind(x, destructive)])));
  return v;
}

/** Fixtures by where a value goes: `op:<operationId>.<name>`, then `<in>.<name>` for every operation. */
function fixtureFor(op: Operation, where: 'path' | 'query' | 'body', name: string): string | undefined {
  if (where === 'path') {
    if (name === 'lodestoneId') return 'characterLodestone';
    if (name === 'id' && op.path.startsWith('/tasks/')) return 'task';
    if (name === 'id' && op.path.startsWith('/api-keys/')) return 'apiKey';
    return undefined;
  }
  const byOp: Record<string, string> = {
    'linkCharacter.lodestoneId': 'fakeLodestoneId',
    'linkCharacter.url': 'fakeUrl',
    'linkCharacter.name': 'fakeName',
    'linkCharacter.world': 'fakeWorld',
    'searchLodestoneCharacters.name': 'fakeName',
    'searchLodestoneCharacters.world': 'fakeWorld',
    'createApiKey.expiresAt': 'future',
  };
  return byOp[`${op.id}.${name}`] ?? (name === 'characterId' ? 'character' : undefined);
}

const CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.'];
const ODD_CHARS = ['é', 'ß', 'ñ', '漢', 'ア', '\u00a0', '🙂', '"', '<', '&', '%', '/', '?', '#', '+'];
const charArb = fc.oneof({ arbitrary: fc.constantFrom(...CHARS), weight: 8 }, { arbitrary: fc.constantFrom(...ODD_CHARS), weight: 1 });
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** Lengths as the service counts them (UTF-16 code units, see the API description), and as JSON Schema does. */
const lengthOk = (s: string, schema: Json) =>
  [...s].length >= ((schema.minLength as number) ?? 0) && s.length <= ((schema.maxLength as number) ?? Infinity) && (!schema.pattern || new RegExp(String(schema.pattern), 'u').test(s));

function stringArb(s: Json): fc.Arbitrary<string> {
  if (s.format === 'date-time') return fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'uri') return fc.webUrl().filter((u) => lengthOk(u, s));
  if (typeof s.pattern === 'string' && s.pattern.startsWith('^')) return fc.stringMatching(new RegExp(s.pattern)).filter((x) => lengthOk(x, s));
  const min = (s.minLength as number) ?? 0;
  const max = Math.min((s.maxLength as number) ?? 24, min + 24);
  return fc.string({ unit: charArb, minLength: min, maxLength: max }).filter((x) => lengthOk(x, s));
}

/** Values valid under `schema` (the caller filters by the full schema: if/then, anyOf constraints and the like). */
function validArb(schema: Schema, fixtures?: (name: string) => string | undefined): fc.Arbitrary<unknown> {
  const s = deref(schema);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alternatives && s.type === undefined && s.properties === undefined) return fc.oneof(...alternatives.map((a) => validArb(a)));
  const types = Array.isArray(s.type) ? (s.type as string[]) : [String(s.type ?? (s.properties ? 'object' : 'string'))];
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'null':
          return fc.constant(null);
        case 'boolean':
          return fc.boolean();
        case 'integer':
          return fc.integer({ min: clamp((s.minimum as number) ?? -5, -1000, 100_000), max: clamp((s.maximum as number) ?? 100_000, -1000, 100_000) });
        case 'number':
          return fc.double({ min: clamp((s.minimum as number) ?? -5, -1000, 100_000), max: clamp((s.maximum as number) ?? 100_000, -1000, 100_000), noNaN: true, noDefaultInfinity: true });
        case 'array': {
          const min = (s.minItems as number) ?? 0;
          return fc.array(validArb((s.items as Schema) ?? true), { minLength: min, maxLength: Math.min((s.maxItems as number) ?? min + 3, min + 3) });
        }
        case 'object': {
          const props = Object.entries((s.properties ?? {}) as Record<string, Schema>).filter(([, p]) => p !== false);
          const model = Object.fromEntries(
            props.map(([k, p]) => {
              const fixture = fixtures?.(k);
              return [k, fixture ? fc.oneof({ arbitrary: fixtureArb(fixture), weight: 3 }, { arbitrary: validArb(p), weight: 1 }) : validArb(p)];
            }),
          );
          const required = ((s.required ?? []) as string[]).filter((k) => k in model);
          return fc.record(model, { requiredKeys: required as never[] }) as fc.Arbitrary<unknown>;
        }
        default:
          return stringArb(s);
      }
    }),
  );
}

/** Values that break `schema` somewhere (the caller keeps only those the document's validator refuses). */
function invalidArb(schema: Schema): fc.Arbitrary<unknown> {
  const s = deref(schema);
  const out: fc.Arbitrary<unknown>[] = [fc.constantFrom<unknown>({ unexpected: true }, [1, 2])];
  const types = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [String(s.type)] : [];
  if (Array.isArray(s.enum)) out.push(fc.constantFrom('not-an-option', 7));
  if (types.includes('string') || (s.anyOf && !types.length)) {
    const inner = types.includes('string') ? s : deref(((s.anyOf ?? []) as Json[]).find((a) => deref(a).type === 'string') ?? {});
    out.push(fc.constantFrom<unknown>(42, true));
    if (typeof inner.maxLength === 'number') out.push(fc.integer({ min: inner.maxLength + 1, max: inner.maxLength + 40 }).map((n) => 'x'.repeat(n)));
    if (typeof inner.minLength === 'number' && inner.minLength > 0) out.push(fc.constant(''));
    if (inner.pattern === '\\S') out.push(fc.constantFrom('   ', '\t'));
    else if (typeof inner.pattern === 'string') out.push(fc.constantFrom('!!', 'not:a-match '));
    if (inner.format === 'date-time') out.push(fc.constantFrom('yesterday', '2026-13-40'));
    if (inner.format === 'uri') out.push(fc.constantFrom('not a url', 'ftp://example.com/x'));
  }
  if (types.includes('integer') || types.includes('number')) {
    out.push(fc.constantFrom<unknown>('12', 1.5, true));
    if (typeof s.minimum === 'number' && s.minimum > -1e6) out.push(fc.constant(s.minimum - 1));
    if (typeof s.maximum === 'number' && s.maximum < 1e6) out.push(fc.constant(s.maximum + 1));
  }
  if (types.includes('array')) {
    out.push(fc.constant('not-an-array'));
    if (typeof s.minItems === 'number' && s.minItems > 0) out.push(fc.constant([]));
    if (typeof s.maxItems === 'number') out.push(fc.array(validArb((s.items as Schema) ?? true), { minLength: s.maxItems + 1, maxLength: s.maxItems + 2 }));
    if (s.items) out.push(invalidArb(s.items as Schema).map((x) => [x]));
  }
  if (types.includes('object') || s.properties) {
    out.push(fc.constantFrom<unknown>(null, 'text', 42));
    const base = validArb(s) as fc.Arbitrary<Json>;
    const required = (s.required ?? []) as string[];
    if (required.length > 0) out.push(fc.tuple(base, fc.constantFrom(...required)).map(([v, k]) => Object.fromEntries(Object.entries(v).filter(([x]) => x !== k))));
    if (s.additionalProperties === false) out.push(base.map((v) => ({ ...v, unexpectedField: 'x' })));
    if (typeof s.minProperties === 'number') out.push(fc.constant({}));
    for (const [k, p] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
      if (p !== false) out.push(fc.tuple(base, invalidArb(p)).map(([v, bad]) => ({ ...v, [k]: bad })));
    }
  }
  return fc.oneof(...out);
}

/* ------------------------------------------------------------------ requests */

type Auth = 'none' | 'bearer' | 'accessToken' | 'key';
interface Spec {
  path: Json;
  query: Json;
  body?: { mediaType: string; value: unknown };
  auth: Auth;
  accept?: string;
}
interface Answer {
  status: number;
  type: string;
  text: string;
  headers: Headers;
  label: string;
}

const pathParams = (op: Operation) => op.params.filter((p) => p.in === 'path');
const queryParams = (op: Operation) => op.params.filter((p) => p.in === 'query');
const readsBody = (op: Operation) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method);
/** Ends the session it is called with: run with a throwaway one (Carol's for every session). */
const SESSION_ENDING: Record<string, 'alice' | 'carol'> = { logout: 'alice', logoutAll: 'carol' };

/** A path segment a URL can carry: not empty, not a dot segment (fetch would resolve it). */
const addressable = (v: unknown) => typeof v !== 'string' || (v !== '' && v !== '.' && v !== '..');

function validSpecArb(op: Operation): fc.Arbitrary<Spec> {
  const path = fc.record(
    Object.fromEntries(
      pathParams(op).map((p) => {
        const fixture = fixtureFor(op, 'path', p.name);
        const generated = validArb(p.schema).filter((v) => addressable(v) && paramValidator(op, p)(v));
        return [p.name, fixture ? fc.oneof({ arbitrary: fixtureArb(fixture), weight: 4 }, { arbitrary: generated, weight: 1 }) : generated];
      }),
    ),
  );
  const query = fc.record(
    Object.fromEntries(
      queryParams(op).map((p) => {
        const fixture = fixtureFor(op, 'query', p.name);
        const generated = validArb(p.schema).filter((v) => paramValidator(op, p)(v));
        return [p.name, fixture ? fc.oneof(fixtureArb(fixture), generated) : generated];
      }),
    ),
    { requiredKeys: queryParams(op).filter((p) => p.required).map((p) => p.name) as never[] },
  );
  const types = bodyMediaTypes(op);
  const body = types.length
    ? fc.constantFrom(...types).chain((mediaType) => {
        const schema = op.body!.content[mediaType]!.schema;
        const validate = bodyValidator(op, mediaType);
        return validArb(schema, (name) => fixtureFor(op, 'body', name))
          .filter((v) => validate(withSamples(v)) && (mediaType === 'application/json' || formable(v)))
          .map((value) => ({ mediaType, value }));
      })
    : fc.constant(undefined);
  const auths: Auth[] = op.scope === undefined ? ['none'] : op.scope === null ? ['bearer', 'accessToken'] : ['bearer', 'accessToken', 'key'];
  return fc.record({ path, query, body, auth: fc.constantFrom(...auths), accept: fc.constantFrom(undefined, 'application/json') }).map(
    ({ body: b, accept, ...rest }): Spec => ({ ...rest, ...(b && { body: b }), ...(accept && { accept }) }),
  );
}
/** A form carries strings only. */
const formable = (v: unknown) => isObject(v) && Object.values(v).every((x) => typeof x === 'string');

/** A valid request with exactly one part (path, query or body) broken against the document. */
function invalidSpecArb(op: Operation): fc.Arbitrary<Spec> | undefined {
  const parts: fc.Arbitrary<(s: Spec) => Spec>[] = [];
  for (const p of pathParams(op)) {
    const validate = paramValidator(op, p);
    const bad = fc
      .oneof(invalidArb(p.schema), fc.integer({ min: 65, max: 300 }).map((n) => 'y'.repeat(n)))
      .filter((v) => typeof v === 'string' && addressable(v) && !validate(v));
    parts.push(bad.map((v) => (s: Spec) => ({ ...s, path: { ...s.path, [p.name]: v } })));
  }
  for (const p of queryParams(op)) {
    const validate = paramValidator(op, p);
    const bad = invalidArb(p.schema).filter((v) => typeof v === 'string' && !validate(v));
    parts.push(bad.map((v) => (s: Spec) => ({ ...s, query: { ...s.query, [p.name]: v } })));
  }
  if (queryParams(op).length > 0) {
    // Not in the document's terms (OpenAPI cannot say it), but declared: an unknown parameter is a 400.
    parts.push(fc.constantFrom('page', 'sort', 'unknownParam').map((name) => (s: Spec) => ({ ...s, query: { ...s.query, [name]: '1' } })));
  }
  if (op.body?.content['application/json']) {
    const validate = bodyValidator(op);
    const bad = invalidArb(op.body.content['application/json'].schema).filter((v) => !validate(v));
    parts.push(bad.map((value) => (s: Spec) => ({ ...s, body: { mediaType: 'application/json', value } })));
  }
  if (parts.length === 0) return undefined;
  return fc.tuple(validSpecArb(op), fc.oneof(...parts)).map(([spec, breakIt]) => breakIt({ ...spec, auth: spec.auth === 'none' ? 'none' : 'bearer' }));
}

/** The credentials a spec names, for the identity the operation runs as. */
async function credentials(op: Operation, auth: Auth): Promise<{ headers: Record<string, string>; userId: string | null }> {
  if (auth === 'none') return { headers: {}, userId: null };
  const owner = SESSION_ENDING[op.id];
  const session = owner === 'carol' ? await h.login({ id: carol.user.discordId }) : owner === 'alice' ? await h.login({ id: alice.user.discordId }) : alice;
  if (auth === 'key') return { headers: { 'x-api-key': keys[op.scope!]! }, userId: alice.user.id };
  const headers: Record<string, string> = auth === 'bearer' ? { authorization: `Bearer ${session.jwt}` } : { 'x-access-token': session.jwt };
  return { headers, userId: session.user.id };
}

interface RawRequest {
  path: Json;
  query: Json;
  headers: Record<string, string>;
  body?: string;
}
async function send(op: Operation, req: RawRequest, label: string): Promise<Answer> {
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(req.path[name])));
  const qs = new URLSearchParams(Object.entries(req.query).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)])).toString();
  const res = await fetch(h.base + url + (qs ? `?${qs}` : ''), { method: op.method, headers: req.headers, redirect: 'manual', ...(req.body !== undefined && { body: req.body }) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), headers: res.headers, label };
}

/** Binds a spec's fixtures and turns it into headers and a body. */
async function prepare(op: Operation, spec: Spec): Promise<RawRequest & { userId: string | null }> {
  // PATCH /tasks/:id may move a task to another owner or change its reset rule: the reserved tasks must keep what they stand for.
  const destructive = op.method === 'DELETE' || op.id === 'updateTask';
  const cred = await credentials(op, spec.auth);
  // Every code the fixtures make is Alice's: the exchange answers her, and that is no leak.
  if (op.id === 'exchangeCode') cred.userId = alice.user.id;
  const headers: Record<string, string> = { ...cred.headers, ...(spec.accept && { accept: spec.accept }) };
  let body: string | undefined;
  if (spec.body) {
    const value = await bind(spec.body.value, destructive);
    headers['content-type'] = spec.body.mediaType;
    body = spec.body.mediaType === 'application/json' ? JSON.stringify(value) : new URLSearchParams(value as Record<string, string>).toString();
  }
  return { path: (await bind(spec.path, destructive)) as Json, query: (await bind(spec.query, destructive)) as Json, headers, ...(body !== undefined && { body }), userId: cred.userId };
}

/* ------------------------------------------------------------------ checking answers */

const EXCLUDED_TABLES = new Set(['sessions', 'refresh_tokens', 'oauth_states', 'announcement_claims', 'kysely_migration', 'kysely_migration_lock']);
const EXCLUDED_COLUMNS = new Set(['api_keys.last_used_at']);
const tables = (await h.store.db.introspection.getTables()).map((t) => t.name).filter((n) => !EXCLUDED_TABLES.has(n));
/** Everything a write could change (sessions excluded: a reused refresh token ends one, by design). */
async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await h.store.db.selectFrom(t as 'tasks').selectAll().execute();
    const lines = rows.map((r) => JSON.stringify(Object.entries(r).filter(([c]) => !EXCLUDED_COLUMNS.has(`${t}.${c}`)))).sort();
    parts.push(`${t}: ${lines.join('\n')}`);
  }
  return parts.join('\n');
}

interface Tally {
  requests: number;
  statuses: Map<number, number>;
  ok: boolean;
  probes: Map<string, number>;
}
const tally = new Map<string, Tally>();
const count = (op: Operation, probe: string, status: number) => {
  const t = tally.get(op.id) ?? { requests: 0, statuses: new Map(), ok: false, probes: new Map() };
  t.requests += 1;
  t.statuses.set(status, (t.statuses.get(status) ?? 0) + 1);
  t.probes.set(probe, (t.probes.get(probe) ?? 0) + 1);
  if (probe.startsWith('valid') && status < 300) t.ok = true;
  tally.set(op.id, t);
};

/** Every answer: a declared status (never a 5xx), a body valid against its schema, declared headers, no leak. */
async function checkAnswer(op: Operation, a: Answer, userId: string | null, upstreamDown: boolean): Promise<void> {
  const where = `${op.name} [${a.label}] → ${a.status} ${a.text.slice(0, 300)}`;
  // A 5xx only for what the operation declares, and only while an upstream service is down.
  if (a.status >= 500 && !upstreamDown) throw new Error(`5xx: ${where}`);
  const declared = op.responses[String(a.status)];
  if (!declared) throw new Error(`undeclared status: ${where} (declared: ${Object.keys(op.responses).join(', ')})`);
  if (declared.content) {
    const mediaType = a.type.split(';')[0]!.trim();
    if (!(mediaType in declared.content)) throw new Error(`undeclared media type ${mediaType}: ${where}`);
    let value: unknown = a.text;
    if (mediaType.endsWith('json')) {
      try {
        value = JSON.parse(a.text);
      } catch {
        throw new Error(`not JSON: ${where}`);
      }
    }
    const validate = validatorAt(opPointer(op, 'responses', String(a.status), 'content', mediaType, 'schema'));
    if (!validate(value)) throw new Error(`body outside its schema: ${where}\n${ajv.errorsText(validate.errors)}`);
    if (a.status >= 400) expect(value).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), error: expect.any(String) });
  } else if (a.text !== '') {
    throw new Error(`a body where none is declared: ${where}`);
  }
  for (const [name, h2] of Object.entries(declared.headers ?? {})) {
    if (h2.required && !a.headers.get(name)) throw new Error(`missing header ${name}: ${where}`);
  }
  // No answer holds an id of a user other than the caller (public answers: of nobody).
  for (const other of USERS.filter((u) => u !== userId)) {
    for (const id of await idsOf(other)) if (a.text.includes(id)) throw new Error(`leaks ${id} (user ${other}): ${where}`);
  }
}

/** Sends, checks, and for a refused write proves nothing changed. */
async function probe(op: Operation, label: string, req: RawRequest & { userId: string | null }, expected?: number[], upstreamDown = false): Promise<Answer> {
  const write = op.method !== 'GET';
  const before = write ? await snapshot() : '';
  const a = await send(op, req, label);
  count(op, label, a.status);
  await checkAnswer(op, a, req.userId, upstreamDown);
  if (expected && !expected.includes(a.status)) throw new Error(`${op.name} [${label}]: expected ${expected.join('/')}, got ${a.status} ${a.text.slice(0, 300)}`);
  if (write && a.status >= 400) {
    const after = await snapshot();
    if (after !== before) throw new Error(`${op.name} [${label}] refused with ${a.status} but changed the store`);
  }
  return a;
}

/* ------------------------------------------------------------------ fixture requests that should succeed */

async function oauthPair(): Promise<Json> {
  const res = await h.api('/login');
  const loc = new URL(res.headers.get('location')!);
  const code = h.discord
    .addOAuthUser({ id: alice.user.discordId, username: 'alice', global_name: null, avatar: null })
    .code(loc.searchParams.get('redirect_uri')!, loc.searchParams.get('code_challenge')!);
  return { code, state: loc.searchParams.get('state')! };
}
const task = (n = 0): FixtureRef => ({ fixture: 'task', n });
const lodestoneRef = (n = 0): FixtureRef => ({ fixture: 'characterLodestone', n });
const json = (value: unknown) => ({ mediaType: 'application/json', value });

/** Known-good requests by operationId (a fresh login or OAuth pair where the operation needs one). */
const HAPPY: Record<string, (() => Promise<Partial<Spec>>)[]> = {
  getHealth: [async () => ({})],
  getReadiness: [async () => ({})],
  getFeatures: [async () => ({})],
  listPresets: [async () => ({})],
  getResets: [async () => ({})],
  getCalendar: [async () => ({}), async () => ({ query: { region: 'eu' } })],
  login: [async () => ({}), async () => ({ accept: 'application/json' })],
  exchangeCode: [async () => ({ body: json(await oauthPair()) }), async () => ({ body: { mediaType: 'application/x-www-form-urlencoded', value: await oauthPair() } })],
  refreshSession: [
    async () => ({ body: json({ refreshToken: (await h.login({ id: alice.user.discordId })).refreshToken }) }),
    async () => ({ body: { mediaType: 'application/x-www-form-urlencoded', value: { refreshToken: (await h.login({ id: alice.user.discordId })).refreshToken } } }),
  ],
  logout: [async () => ({ auth: 'bearer' })],
  logoutAll: [async () => ({ auth: 'bearer' })],
  getMe: [async () => ({ auth: 'bearer' })],
  listTasks: [async () => ({ auth: 'bearer' }), async () => ({ auth: 'key', query: { characterId: charA.id, status: 'open' } })],
  createTask: [
    async () => ({ body: json({ name: ' Contract daily ', cadence: 'daily', notes: 'from the contract test' }) }),
    async () => ({ body: json({ name: 'Maps', cadence: 'cooldown', intervalHours: 18 }) }),
    async () => ({ body: json({ name: 'Jumbo', cadence: 'jumbo-cactpot', characterId: charA.lodestoneId }) }),
  ],
  addPresetTasks: [async () => ({ body: json({ keys: ['mini-cactpot', 'jumbo-cactpot'], characterId: charB.id }) })],
  getTask: [async () => ({ path: { id: task() } })],
  updateTask: [async () => ({ path: { id: task(1) }, body: json({ name: 'Renamed by the contract', notes: null }) })],
  deleteTask: [async () => ({ path: { id: task() } })],
  completeTask: [async () => ({ path: { id: task(2) } })],
  reopenTask: [async () => ({ path: { id: task(2) } })],
  listCharacters: [async () => ({}), async () => ({ auth: 'key' })],
  linkCharacter: [async () => ({ body: json({ lodestoneId: FAKES[9]!.id }) }), async () => ({ body: json({ url: `https://na.finalfantasyxiv.com/lodestone/character/${FAKES[10]!.id}/` }) })],
  getCharacter: [async () => ({ path: { lodestoneId: lodestoneRef() } })],
  updateCharacter: [async () => ({ path: { lodestoneId: lodestoneRef() }, body: json({ region: 'eu' }) })],
  refreshCharacter: [async () => ({ path: { lodestoneId: lodestoneRef() } })],
  startCharacterVerification: [async () => ({ path: { lodestoneId: charB.lodestoneId } })],
  checkCharacterVerification: [
    async () => {
      const started = await call(`/characters/${charB.lodestoneId}/verification`, { method: 'POST', token: alice.jwt });
      lodestone.upsertCharacter({ ...FAKES[1]!, bio: `Verifying: ${String(started.code)}` });
      return { path: { lodestoneId: charB.lodestoneId } };
    },
  ],
  searchLodestoneCharacters: [async () => ({ query: { name: FAKES[2]!.name, world: FAKES[2]!.world } })],
  unlinkCharacter: [async () => ({ path: { lodestoneId: lodestoneRef() } })],
  listApiKeys: [async () => ({})],
  createApiKey: [async () => ({ body: json({ name: 'Contract overlay', scopes: ['tasks:read', `character:${charA.lodestoneId}:read`], expiresAt: '2027-01-01T00:00:00Z' }) })],
  revokeApiKey: [async () => ({ path: { id: { fixture: 'apiKey', n: 0 } } })],
};

/** A request valid for the operation, to vary one thing at a time in the credential and framework probes. */
async function baseline(op: Operation): Promise<Spec> {
  const happy = HAPPY[op.id]?.[0];
  const spec: Spec = happy ? { path: {}, query: {}, ...(await happy()), auth: 'none' } : fc.sample(validSpecArb(op), { seed: SEED, numRuns: 1 })[0]!;
  return { ...spec, auth: op.scope === undefined ? 'none' : 'bearer' };
}

/* ------------------------------------------------------------------ the probes, operation by operation */

const EMOJI_51 = '🙂'.repeat(51);
const runsOf = (seedOffset: number, numRuns: number) => ({ seed: SEED + seedOffset, numRuns, endOnFailure: true });

describe('the service answers what /openapi.json says', () => {
  it('finds the operations to drive in the served document', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(new Set(operations.map((o) => o.id)).size).toBe(operations.length);
  });

  for (const [index, op] of operations.entries()) {
    it(`${op.id} (${op.name})`, async () => {
      // 1. Valid: the fixture requests, then requests generated from the schemas.
      for (const happy of HAPPY[op.id] ?? []) {
        const spec: Spec = { path: {}, query: {}, auth: op.scope === undefined ? 'none' : 'bearer', ...(await happy()) };
        const a = await probe(op, 'valid fixture', await prepare(op, spec));
        // With the Lodestone on, every field PATCH /characters takes comes from the profile: 409 LODESTONE_MANAGED by design.
        if (a.status >= 400 && op.id !== 'updateCharacter') throw new Error(`${op.name}: the fixture request was refused: ${a.status} ${a.text}`);
      }
      lodestone.upsertCharacter(FAKES[1]!);
      await fc.assert(
        fc.asyncProperty(validSpecArb(op), async (spec) => {
          await probe(op, 'valid generated', await prepare(op, spec));
        }),
        runsOf(index * 10, VALID_RUNS),
      );

      // 2. Invalid: one part broken against the schema is a 400 (declared), and a refused write changes nothing.
      const invalid = invalidSpecArb(op);
      if (invalid) {
        await fc.assert(
          fc.asyncProperty(invalid, async (spec) => {
            await probe(op, 'invalid', await prepare(op, spec), [400]);
          }),
          runsOf(index * 10 + 1, INVALID_RUNS),
        );
      }

      // 3. Credentials.
      const base = await baseline(op);
      const valid = await prepare(op, base);
      const withHeaders = (headers: Record<string, string>) => ({ ...valid, headers: { ...Object.fromEntries(Object.entries(valid.headers).filter(([k]) => !['authorization', 'x-access-token', 'x-api-key'].includes(k))), ...headers } });
      await probe(op, 'token in query', { ...valid, query: { ...valid.query, access_token: 'x' } }, [401]);
      if (op.scope !== undefined) {
        await probe(op, 'no credentials', withHeaders({}), [401]);
        await probe(op, 'garbage bearer', withHeaders({ authorization: 'Bearer not.a.jwt' }), [401]);
        if (op.scope === null) {
          await probe(op, 'API key on a session-only route', withHeaders({ 'x-api-key': keys['tasks:write']! }), [403]);
        } else {
          await probe(op, 'unknown API key', withHeaders({ 'x-api-key': 'ffxt_not-a-key' }), [401]);
          const [resource, action] = op.scope.split(':');
          const lacking = action === 'write' ? `${resource}:read` : `${resource === 'tasks' ? 'characters' : 'tasks'}:write`;
          await probe(op, `API key with ${lacking} only`, withHeaders({ 'x-api-key': keys[lacking]! }), [403]);
        }
      }
      const owned = pathParams(op).some((p) => fixtureFor(op, 'path', p.name));
      if (owned && op.scope !== undefined) {
        // Another user on Alice's ids: not found, as if they did not exist (and nothing of hers in the answer).
        const asBob = await prepare(op, { ...base, auth: 'bearer' });
        await probe(op, "another user's id", { ...asBob, headers: { ...asBob.headers, authorization: `Bearer ${bob.jwt}` }, userId: bob.user.id }, [404]);
      }
      if (owned && typeof op.scope === 'string' && op.path !== '/api-keys/{id}') {
        // A key limited to character A, on character B or on B's task: not found.
        const outside = { ...valid, path: { ...valid.path, ...(op.path.startsWith('/tasks/') ? { id: taskOnB.id } : { lodestoneId: charB.lodestoneId }) } };
        await probe(op, 'key limited to another character', { ...outside, headers: withHeaders({ 'x-api-key': narrowKey }).headers }, [404]);
        if (op.path.startsWith('/tasks/')) {
          await probe(op, 'key limited to a character, on an account-wide task', { ...outside, path: { ...outside.path, id: accountTask.id }, headers: withHeaders({ 'x-api-key': narrowKey }).headers }, [404]);
        }
      }
      if (op.id === 'listTasks') {
        await probe(op, 'key limited to another character', { ...withHeaders({ 'x-api-key': narrowKey }), query: { characterId: charB.id } }, [404]);
        await probe(op, 'key limited to its own character', { ...withHeaders({ 'x-api-key': narrowKey }), query: { characterId: charA.lodestoneId } }, [200]);
      }

      // 4. What the HTTP layer refuses by itself, in the service's shape and declared.
      if (readsBody(op)) {
        const jsonBody = (body: string, type = 'application/json') => ({ ...valid, headers: { ...valid.headers, 'content-type': type }, body });
        await probe(op, 'body over 64 KiB', jsonBody(JSON.stringify({ name: 'x'.repeat(70_000) })), [413]);
        await probe(op, 'text/plain body', jsonBody('name=x', 'text/plain'), [415]);
        await probe(op, 'broken JSON', jsonBody('{"name": '), [400]);
        if (bodyMediaTypes(op).includes('application/x-www-form-urlencoded')) {
          await probe(op, 'form over 8 KiB', jsonBody(`x=${'y'.repeat(9000)}`, 'application/x-www-form-urlencoded'), [413]);
        }
      }
      for (const p of pathParams(op)) {
        await probe(op, `${p.name} of 51 emoji`, { ...valid, path: { ...valid.path, [p.name]: EMOJI_51 } }, [400, 404]);
        await probe(op, `${p.name} of 5000 characters`, { ...valid, path: { ...valid.path, [p.name]: 'z'.repeat(5000) } }, [400]);
      }

      // 5. The Lodestone down for maintenance: operations that read it answer their declared 503, the others as usual.
      const again = await prepare(op, await baseline(op));
      lodestone.setMaintenance(true);
      try {
        const a = await probe(op, 'Lodestone in maintenance', again, undefined, true);
        if (a.status >= 500) expect({ status: a.status, code: JSON.parse(a.text).code, retryAfter: !!a.headers.get('retry-after') }).toEqual({ status: 503, code: 'LODESTONE_MAINTENANCE', retryAfter: true });
      } finally {
        lodestone.setMaintenance(false);
      }
    });
  }

  it('limits a key narrowed to one character to that character in GET /tasks?characterId=', async () => {
    const asKey = (characterId: string) => h.api(`/tasks?characterId=${characterId}`, { headers: { 'x-api-key': narrowKey } });
    for (const other of [charB.id, charB.lodestoneId]) {
      const r = await asKey(other);
      expect(r.status).toBe(404);
      expect(await r.json()).toEqual({ code: 'NOT_FOUND', error: expect.any(String) });
    }
    const own = await asKey(charA.lodestoneId);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { characterId: string }[]).every((t) => t.characterId === charA.id)).toBe(true);
  });

  it('answers in the service shape what the router and Node refuse before any route', async () => {
    // Longer than the router's parameter limit (reachable only past Node's header limit, so injected).
    const injected = await h.app.inject({ method: 'GET', url: `/tasks/${'x'.repeat(20_000)}` });
    expect(injected.statusCode).toBe(400);
    expect(injected.json()).toEqual({ code: 'VALIDATION', error: expect.any(String) });
    expect(injected.headers['x-content-type-options']).toBe('nosniff');
    // Bad percent-encoding in the path.
    const badUrl = await fetch(`${h.base}/tasks/%E0%A4%A`, { headers: { authorization: `Bearer ${alice.jwt}` } });
    expect(badUrl.status).toBe(400);
    expect(await badUrl.json()).toEqual({ code: 'BAD_URL', error: expect.any(String) });
    // A request line over Node's 16 KiB: refused on the socket, still in our shape.
    const huge = await fetch(`${h.base}/tasks/${'x'.repeat(20_000)}`);
    expect(huge.status).toBe(431);
    expect(await huge.json()).toEqual({ code: 'HEADERS_TOO_LARGE', error: expect.any(String) });
    // Not HTTP at all.
    const { connect } = await import('node:net');
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(h.base).port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += String(d)));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ code: 'BAD_REQUEST', error: expect.any(String) });
  });

  it('prints what was covered', () => {
    const rows = operations.map((op) => {
      const t = tally.get(op.id) ?? { requests: 0, statuses: new Map<number, number>(), ok: false };
      const statuses = [...t.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
      return `${op.id.padEnd(28)} ${String(t.requests).padStart(4)} requests  ${statuses}`;
    });
    const total = [...tally.values()].reduce((n, t) => n + t.requests, 0);
    const noFixture = operations.filter((op) => !HAPPY[op.id]).map((op) => `${op.id} (${op.name})`);
    const never2xx = operations.filter((op) => !tally.get(op.id)?.ok).map((op) => `${op.id} (${op.name})`);
    console.log(
      [
        `OpenAPI contract: ${operations.length} operations, ${total} requests`,
        ...rows,
        `No valid-input fixture (generated, invalid and credential probes only): ${noFixture.join(', ') || 'none'}`,
        `No 2xx from any valid probe: ${never2xx.join(', ') || 'none'}`,
      ].join('\n'),
    );
    expect(total).toBeGreaterThan(operations.length * 10);
  });
});
