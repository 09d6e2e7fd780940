import { ApiError, getIfChanged, send, type Conditional } from './http.js';
import type { Session } from './session.js';
import type { Cadence, Character, Features, Group, GroupBoard, JoinResult, LodestoneEntry, Preset, Region, Resets, Task, User, Verification } from './types.js';

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

/** The calls this app makes, each with `Authorization: Bearer` from the session. */
export class Api {
  constructor(private readonly session: Session) {}

  me = () => this.call<User>('GET', '/users/me');
  tasks = () => this.call<Task[]>('GET', '/tasks');
  characters = () => this.call<Character[]>('GET', '/characters');
  presets = () => send<Preset[]>('GET', '/presets');
  resets = () => send<Resets>('GET', '/resets');
  features = () => send<Features>('GET', '/features');

  setDone = (id: string, done: boolean) => this.call<Task>(done ? 'PUT' : 'DELETE', `/tasks/${encodeURIComponent(id)}/completion`);
  createTask = (input: NewTask) => this.call<Task>('POST', '/tasks', input);
  renameTask = (id: string, name: string) => this.call<Task>('PATCH', `/tasks/${encodeURIComponent(id)}`, { name });
  deleteTask = (id: string) => this.call<void>('DELETE', `/tasks/${encodeURIComponent(id)}`);
  addPresets = (keys: string[], characterId: string | null) =>
    this.call<{ added: Task[]; skipped: string[] }>('POST', '/tasks/presets', { keys, characterId });
  linkCharacter = (input: NewCharacter | LodestoneLink) => this.call<Character>('POST', '/characters', input);
  searchLodestone = (name: string, world: string) =>
    this.call<LodestoneEntry[]>('GET', `/lodestone/characters?${new URLSearchParams({ name, world }).toString()}`);
  refreshCharacter = (lodestoneId: string) => this.call<Character>('POST', `/characters/${encodeURIComponent(lodestoneId)}/refresh`);
  startVerification = (lodestoneId: string) => this.call<Verification>('POST', `/characters/${encodeURIComponent(lodestoneId)}/verification`);
  checkVerification = (lodestoneId: string) => this.call<Character>('POST', `/characters/${encodeURIComponent(lodestoneId)}/verification/check`);

  groups = () => this.call<Group[]>('GET', '/groups');
  /** A board, or `changed: false` (a 304) while it is still the one `etag` names. */
  board = (id: string, etag: string | null) => this.authed<Conditional<GroupBoard>>((token) => getIfChanged(`/groups/${encodeURIComponent(id)}`, etag, token));
  /** `characterId` null: with all of your characters. */
  joinGroup = (id: string, characterId: string | null) =>
    this.call<JoinResult>('POST', `/groups/${encodeURIComponent(id)}/members`, characterId ? { characterId } : {});
  leaveGroup = (id: string) => this.call<void>('DELETE', `/groups/${encodeURIComponent(id)}/members/me`);

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.authed((token) => send<T>(method, path, { body, token }));
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
