import { STATUS_CODES } from 'node:http';
import type { FastifyDynamicSwaggerOptions, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { API_DESCRIPTION } from './apiDescription.js';

/**
 * The OpenAPI document served at /openapi.json. Routes describe themselves (zod schemas, an
 * `operationId`, `security`); this file holds the document-wide parts and the one pass over the
 * finished document (see `finishDocument`). `test/openapiLint.test.ts` keeps it clean under Redocly's
 * recommended rules, `test/openapiContract.test.ts` checks the service answers what it says.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const TAGS = [
  { name: 'auth', description: 'Discord login (authorization code + PKCE), token refresh and logout.' },
  { name: 'users', description: 'The logged-in user.' },
  { name: 'tasks', description: 'Your tasks with their live status in the current period.' },
  { name: 'characters', description: 'Characters linked to your account, read from the Lodestone.' },
  { name: 'api-keys', description: 'Scoped keys for tools, overlays and plugins (`x-api-key`).' },
  { name: 'groups', description: 'Group boards: what each member character did of the presets a group tracks.' },
  { name: 'presets', description: 'The catalogue of standard FFXIV dailies and weeklies.' },
  { name: 'resets', description: 'The reset clock, the features of this service and the iCalendar feed. No login needed.' },
  { name: 'health', description: 'Liveness and readiness probes.' },
];

/** Response descriptions by status, in place of @fastify/swagger's "Default Response". */
const RESPONSE_DESCRIPTIONS: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  204: 'Done; no content',
  302: 'Redirect to `Location`',
  400: 'The request does not match this operation (`VALIDATION`, `INVALID_JSON`, `BAD_URL`…): see `code` and `error`',
  401: 'No valid credentials (`TOKEN_MISSING`, `TOKEN_EXPIRED`, `TOKEN_INVALID`, `SESSION_REVOKED`, `API_KEY_INVALID`…), or credentials in the query string (`TOKEN_IN_QUERY`)',
  403: 'Authenticated but not allowed (`INSUFFICIENT_SCOPE`, `API_KEY_NOT_ALLOWED`…)',
  404: 'Not found, or not yours (`NOT_FOUND`)',
  409: 'Conflicts with the current state (`CONFLICT`, `LIMIT_REACHED`…)',
  410: 'Gone (`CODE_EXPIRED`)',
  413: 'The body is too large (`BODY_TOO_LARGE`): 64 KiB at most, 8 KiB for a form',
  415: 'The body is of a media type this operation does not take (`UNSUPPORTED_MEDIA_TYPE`)',
  429: 'Too many requests (`RATE_LIMITED`, `TOO_MANY_REQUESTS`): see `Retry-After`',
  502: 'An upstream service failed (`DISCORD_UNAVAILABLE`, `LODESTONE_UNAVAILABLE`)',
  503: 'Not available now (`SHUTTING_DOWN` while the process stops, `LODESTONE_MAINTENANCE`, `LOGIN_NOT_CONFIGURED`…): see `Retry-After`',
};

/** Response headers by status; `Location` on a 201 only for the operations that send one. */
const LOCATION_ON_CREATE = new Set(['createTask', 'linkCharacter']);
const header = (description: string, required = false) => ({ description, required, schema: { type: 'string' } });
function responseHeaders(status: string, operationId: string | undefined): Json | undefined {
  if (status === '302') return { Location: header('Where to go next', true) };
  if (status === '201' && operationId && LOCATION_ON_CREATE.has(operationId)) return { Location: header('The URL of what was created', true) };
  if (status === '429' || status === '502' || status === '503') return { 'Retry-After': header('Seconds to wait before trying again, when known') };
  if (status === '401' || status === '403') return { 'WWW-Authenticate': header('The bearer challenge (RFC 6750), when it applies') };
  return undefined;
}

/** Every `$ref` to a component schema under `value`. */
function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, into);
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) into.add(decodeURIComponent(v.slice('#/components/schemas/'.length)));
      else collectRefs(v, into);
    }
  }
}

/**
 * fastify-type-provider-zod emits every schema registered with `.meta({ id })` twice, as output (`Task`)
 * and input (`TaskInput`), whether or not a route uses it that way; keep only the schemas the document
 * reaches from its paths (and from those schemas, transitively).
 */
function pruneUnusedSchemas(doc: Json): void {
  const components = doc.components as Json | undefined;
  const schemas = components?.schemas as Record<string, unknown> | undefined;
  if (!schemas) return;
  const reached = new Set<string>();
  collectRefs({ ...doc, components: { ...components, schemas: {} } }, reached);
  const queue = [...reached];
  while (queue.length > 0) {
    const found = new Set<string>();
    collectRefs(schemas[queue.pop()!], found);
    for (const name of found) {
      if (reached.has(name)) continue;
      reached.add(name);
      queue.push(name);
    }
  }
  components!.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
}

/**
 * One pass over the finished document:
 * - a response schema marked with `contentMediaType` (e.g. the iCalendar feed) is served as that media type;
 * - "Default Response" becomes a description of the status, and the headers a status carries are listed;
 * - component schemas lose the `$schema`/`$id` zod writes into them (`$id: "#/components/…"` is not a valid
 *   2020-12 `$id`), and unused ones are dropped.
 */
function finishDocument(doc: Json): Json {
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op) || !isObject(op.responses)) continue;
      for (const [status, response] of Object.entries(op.responses)) {
        if (!isObject(response)) continue;
        const content = response.content as Record<string, { schema?: Json }> | undefined;
        const schema = content?.['application/json']?.schema;
        if (schema && typeof schema.contentMediaType === 'string') {
          const { contentMediaType, ...rest } = schema;
          response.content = { [contentMediaType]: { schema: rest } };
        }
        if (response.description === 'Default Response') response.description = RESPONSE_DESCRIPTIONS[status] ?? STATUS_CODES[status] ?? status;
        const headers = responseHeaders(status, typeof op.operationId === 'string' ? op.operationId : undefined);
        if (headers) response.headers = { ...headers, ...(response.headers as Json | undefined) };
      }
    }
  }
  const schemas = (doc.components as Json | undefined)?.schemas as Record<string, Json> | undefined;
  for (const schema of Object.values(schemas ?? {})) {
    delete schema.$schema;
    delete schema.$id;
  }
  pruneUnusedSchemas(doc);
  return doc;
}

const transformObject: SwaggerTransformObject = (input) => finishDocument(jsonSchemaTransformObject(input) as Json) as ReturnType<SwaggerTransformObject>;

/** The @fastify/swagger options: the document's head and the two transforms. */
export const swaggerOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'FFXIV Tracker API',
      version: '1.0.0',
      description: API_DESCRIPTION,
      // No licence has been granted for this project; say so rather than leave it unsaid.
      license: { name: 'Proprietary: no licence granted', identifier: 'LicenseRef-Proprietary' },
    },
    // Relative: the service that serves this document. A generated client sets its own base URL.
    servers: [{ url: '/', description: 'This service (the origin that serves /openapi.json)' }],
    tags: TAGS,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The `jwt` from POST /exchange or /auth/refresh.' },
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-api-key',
          description: 'A scoped key from POST /api-keys. Each route lists the scope it needs; 403 INSUFFICIENT_SCOPE names a missing one.',
        },
      },
    },
  },
  transform: jsonSchemaTransform,
  transformObject,
};
