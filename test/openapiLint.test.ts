import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHarness, type HttpHarness } from './helpers/httpHarness.js';

/** The document the service serves, linted as a tool author would: Redocly's recommended rules, nothing turned off. */
let h: HttpHarness;
let source: string;
type Operation = { operationId?: string; security?: Record<string, string[]>[]; responses: Record<string, unknown> };
let doc: {
  info: { license?: { name: string } };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
  );

beforeAll(async () => {
  h = await startHttpHarness();
  const res = await h.api('/openapi.json');
  expect(res.status).toBe(200);
  source = await res.text();
  doc = JSON.parse(source) as typeof doc;
});
afterAll(async () => h.stop());

describe('the OpenAPI document', () => {
  it('passes `redocly lint` with the recommended rules: no error, no warning', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    const report = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
    expect(report).toEqual([]);
  });

  it('names every operation with a unique camelCase operationId, for generated clients', () => {
    const ids = operations().map(({ name, op }) => [name, op.operationId] as const);
    expect(ids.length).toBeGreaterThan(30);
    for (const [name, id] of ids) expect({ name, id }).toEqual({ name, id: expect.stringMatching(/^[a-z][a-zA-Z0-9]*$/) });
    expect(new Set(ids.map(([, id]) => id)).size).toBe(ids.length);
    // Stable names that clients already call: renaming one breaks them.
    const byId = Object.fromEntries(ids.map(([name, id]) => [id, name]));
    expect(byId).toMatchObject({
      listTasks: 'GET /tasks', createTask: 'POST /tasks', getTask: 'GET /tasks/{id}', updateTask: 'PATCH /tasks/{id}',
      deleteTask: 'DELETE /tasks/{id}', completeTask: 'PUT /tasks/{id}/completion', reopenTask: 'DELETE /tasks/{id}/completion',
      addPresetTasks: 'POST /tasks/presets', listCharacters: 'GET /characters', linkCharacter: 'POST /characters',
      getCharacter: 'GET /characters/{lodestoneId}', updateCharacter: 'PATCH /characters/{lodestoneId}',
      unlinkCharacter: 'DELETE /characters/{lodestoneId}', refreshCharacter: 'POST /characters/{lodestoneId}/refresh',
      startCharacterVerification: 'POST /characters/{lodestoneId}/verification',
      checkCharacterVerification: 'POST /characters/{lodestoneId}/verification/check',
      searchLodestoneCharacters: 'GET /lodestone/characters', listApiKeys: 'GET /api-keys', createApiKey: 'POST /api-keys',
      revokeApiKey: 'DELETE /api-keys/{id}', getMe: 'GET /users/me', login: 'GET /login', exchangeCode: 'POST /exchange',
      refreshSession: 'POST /auth/refresh', logout: 'POST /auth/logout', logoutAll: 'POST /auth/logout-all',
      getHealth: 'GET /healthz', getReadiness: 'GET /readyz', getFeatures: 'GET /features', listPresets: 'GET /presets',
      getResets: 'GET /resets', getCalendar: 'GET /calendar.ics',
    });
  });

  it('says which operations are public (security: []) and which need a login or a key', () => {
    const publicOps = operations().filter(({ op }) => op.security?.length === 0).map(({ name }) => name);
    expect(publicOps.sort()).toEqual(
      ['GET /healthz', 'GET /readyz', 'GET /features', 'GET /presets', 'GET /resets', 'GET /calendar.ics', 'GET /login', 'POST /exchange', 'POST /auth/refresh'].sort(),
    );
    for (const { name, op } of operations()) {
      expect({ name, security: Array.isArray(op.security) }).toEqual({ name, security: true });
      // Every operation declares a 4xx, and every one the HTTP layer itself can answer: 401 (a token in the query).
      expect({ name, has401: '401' in op.responses }).toEqual({ name, has401: true });
    }
  });

  it('has a licence and a server, and only the component schemas it uses', () => {
    expect(doc.info.license?.name).toBeTruthy();
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const names = Object.keys(doc.components.schemas);
    expect(names).toContain('Task');
    expect(names.filter((n) => n.endsWith('Input'))).toEqual([]);
    for (const schema of Object.values(doc.components.schemas)) {
      expect(schema).not.toHaveProperty('$id');
      expect(schema).not.toHaveProperty('$schema');
    }
  });
});
