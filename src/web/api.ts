import { ApiError, bearer, client, ifChanged, ifNoneMatch, ok, type Answer, type Conditional, type Success } from './http.js';
import { language } from './i18n.js';
import type { Session } from './session.js';
import type { Cadence, GroupBoard, NewApiKey, PresetKey, Region, TaskChange } from './types.js';

/** What the add-task form sends. */
export interface NewTask {
  name: string;
  cadence: Cadence;
  characterId?: string | null;
  region?: Region | null;
  intervalHours?: number | null;
}

/** What the link-character form sends. */
export interface NewCharacter {
  lodestoneId: string;
  name: string;
  world: string;
  datacenter: string;
  region: Region;
}

/** How a character is named to the Lodestone: its id, its profile URL, or a name on a world. */
export type LodestoneLink = { lodestoneId: string } | { url: string } | { name: string; world: string };

/** Path parameters, for the routes that take one. */
const id = (value: string) => ({ params: { path: { id: value } } });
const lodestone = (lodestoneId: string) => ({ params: { path: { lodestoneId } } });

/**
 * The calls this app makes, each with `Authorization: Bearer` from the session. Paths, parameters, bodies and answers
 * are checked against the service's OpenAPI document (see `client` in http.ts).
 */
export class Api {
  constructor(private readonly session: Session) {}

  me = () => this.call((auth) => client.GET('/users/me', auth));
  /** Hidden tasks too: the checklist shows them on request ("Show hidden"), and a new order must place them. */
  tasks = () => this.call((auth) => client.GET('/tasks', { ...auth, params: { query: { hidden: 'include' } } }));
  characters = () => this.call((auth) => client.GET('/characters', auth));
  /** Names, descriptions and categories in the page's language: the game's own wording. */
  presets = () => ok(client.GET('/presets', { params: { query: { lang: language() } } }));
  resets = () => ok(client.GET('/resets', { params: { query: { lang: language() } } }));
  features = () => ok(client.GET('/features'));

  setDone = (taskId: string, done: boolean) =>
    this.call((auth) => (done ? client.PUT('/tasks/{id}/completion', { ...auth, ...id(taskId) }) : client.DELETE('/tasks/{id}/completion', { ...auth, ...id(taskId) })));
  createTask = (input: NewTask) => this.call((auth) => client.POST('/tasks', { ...auth, body: input }));
  updateTask = (taskId: string, change: TaskChange) => this.call((auth) => client.PATCH('/tasks/{id}', { ...auth, ...id(taskId), body: change }));
  /** Every task's id, hidden ones included, first to last. */
  reorderTasks = (ids: string[]) => this.call((auth) => client.PUT('/tasks/order', { ...auth, body: { ids } }));
  deleteTask = (taskId: string) => this.call((auth) => client.DELETE('/tasks/{id}', { ...auth, ...id(taskId) }));
  /** The keys come from the catalogue (`GET /presets`) or a group's presets, which the document types as plain strings. */
  addPresets = (keys: string[], characterId: string | null) =>
    this.call((auth) => client.POST('/tasks/presets', { ...auth, body: { keys: keys as PresetKey[], characterId } }));
  linkCharacter = (input: NewCharacter | LodestoneLink) => this.call((auth) => client.POST('/characters', { ...auth, body: input }));
  searchLodestone = (name: string, world: string) => this.call((auth) => client.GET('/lodestone/characters', { ...auth, params: { query: { name, world } } }));
  refreshCharacter = (lodestoneId: string) => this.call((auth) => client.POST('/characters/{lodestoneId}/refresh', { ...auth, ...lodestone(lodestoneId) }));
  startVerification = (lodestoneId: string) => this.call((auth) => client.POST('/characters/{lodestoneId}/verification', { ...auth, ...lodestone(lodestoneId) }));
  checkVerification = (lodestoneId: string) =>
    this.call((auth) => client.POST('/characters/{lodestoneId}/verification/check', { ...auth, ...lodestone(lodestoneId) }));

  groups = () => this.call((auth) => client.GET('/groups', auth));
  /** A board, or `changed: false` (a 304) while it is still the one `etag` names. */
  board = (groupId: string, etag: string | null): Promise<Conditional<GroupBoard>> =>
    this.authed((token) => ifChanged(client.GET('/groups/{id}', { headers: { ...bearer(token).headers, ...ifNoneMatch(etag) }, ...id(groupId) })));
  /** `characterId` null: with all of your characters. */
  joinGroup = (groupId: string, characterId: string | null) =>
    this.call((auth) => client.POST('/groups/{id}/members', { ...auth, ...id(groupId), body: characterId ? { characterId } : {} }));
  leaveGroup = (groupId: string) => this.call((auth) => client.DELETE('/groups/{id}/members/me', { ...auth, ...id(groupId) }));

  apiKeys = () => this.call((auth) => client.GET('/api-keys', auth));
  /** The answer holds the key itself, which the service never shows again. */
  createApiKey = (input: NewApiKey) => this.call((auth) => client.POST('/api-keys', { ...auth, body: input }));
  revokeApiKey = (keyId: string) => this.call((auth) => client.DELETE('/api-keys/{id}', { ...auth, ...id(keyId) }));

  private call<A extends Answer>(run: (auth: ReturnType<typeof bearer>) => Promise<A>): Promise<Success<A>> {
    return this.authed((token) => ok(run(bearer(token))));
  }

  /** Runs a call with the current token; an expired (or unreadable) token is refreshed once and the call retried. */
  private async authed<T>(run: (token: string) => Promise<T>): Promise<T> {
    const token = await this.session.token();
    try {
      return await run(token);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      if (err.code !== 'TOKEN_EXPIRED' && err.code !== 'TOKEN_INVALID') throw this.session.end(err.message);
    }
    const fresh = await this.session.replace(token);
    try {
      return await run(fresh);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) throw this.session.end(err.message);
      throw err;
    }
  }
}
