import type { components, operations } from './generated/api.js';

/**
 * The API's JSON shapes, all taken from the service's OpenAPI document (`/openapi.json`), which `npm run types:web`
 * turns into `./generated/api.d.ts` before every type check and build. Nothing here is written by hand: when a route's
 * schema changes, these change with it, and the page's code that no longer fits fails `tsc -p src/web`.
 */
type Schemas = components['schemas'];

/** The JSON body an operation (by its `operationId`) answers with for `status`. */
export type Json<Id extends keyof operations, Status extends keyof operations[Id]['responses']> = operations[Id]['responses'][Status] extends {
  content: { 'application/json': infer B };
}
  ? B
  : never;

/** The JSON body an operation (by its `operationId`) takes. */
export type RequestJson<Id extends keyof operations> = operations[Id] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Task = Schemas['Task'];
/** `PATCH /tasks/:id`: what an edit, a move or hiding changes. */
export type TaskChange = RequestJson<'updateTask'>;
export type Character = Schemas['Character'];
export type Preset = Schemas['Preset'];
export type User = Schemas['User'];
export type TokenPair = Schemas['TokenPair'];
/** One character the Lodestone's search found (also a failed link's `candidates`). */
export type LodestoneEntry = Schemas['LodestoneSearchEntry'];
/** A refused Lodestone link: `{ code, error }` and, for a name + world the Lodestone could not settle, its `candidates`. */
export type LodestoneRefusal = Schemas['LodestoneSearchError'];
/** `POST /characters/:lodestoneId/verification`: the code to paste into the Lodestone profile. */
export type Verification = Schemas['Verification'];
export type Cadence = Task['cadence'];
export type Region = Character['region'];
/** A key of the preset catalogue, as `POST /tasks/presets` takes it. */
export type PresetKey = RequestJson<'addPresetTasks'>['keys'][number];

/** `GET /resets`: the server's clock and every cadence's current period. */
export type Resets = Json<'getResets', 200>;

/** `GET /features`: what the service offers, so the page shows the forms that work on it. */
export type Features = Schemas['Features'];

/** `GET /groups`: a group you are a member of; its `id` is also the invitation a member shares. */
export type Group = Schemas['Group'];

/** `GET /groups/:id`: a group's board as of `at`. */
export type GroupBoard = Schemas['GroupBoard'];

/** One row of a board: a character of a member (a member who joined with all of theirs has a row per character). */
export type BoardRow = GroupBoard['rows'][number];

/** A cell of a board. `not-tracked`: the member has no task for that preset, which is not the same as "open". */
export type BoardCellState = BoardRow['cells'][number]['state'];

/** `POST /groups/:id/members`: the group joined and the presets you do not track yet. */
export type JoinResult = Json<'joinGroup', 200>;

/** `GET /api-keys`: a key as its owner sees it later (never the key itself). */
export type ApiKey = Schemas['ApiKey'];

/** `POST /api-keys`: what creating a key sends, and what it answers: the key itself, this once. */
export type NewApiKey = RequestJson<'createApiKey'>;
export type CreatedApiKey = Json<'createApiKey', 201>;
