import type { ActionHost } from './actions.js';
import type { LodestoneLink } from './api.js';
import { ApiError } from './http.js';
import { t } from './i18n.js';
import type { Character, LodestoneEntry, LodestoneRefusal, Verification } from './types.js';

/**
 * How a Lodestone call ended. A refusal carries the API's sentence for the view to show next to the button
 * that was pressed; `message` is null when the app already said it elsewhere (the offline banner, the login screen).
 */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; message: string | null; code: string | null; candidates: LodestoneEntry[] };

/** What the character panel can ask of the Lodestone, through the API. Each call can take seconds. */
export interface LodestoneActions {
  linkFromLodestone(link: LodestoneLink): Promise<Outcome<Character>>;
  searchLodestone(name: string, world: string): Promise<Outcome<LodestoneEntry[]>>;
  refreshCharacter(c: Character): Promise<Outcome<Character>>;
  startVerification(c: Character): Promise<Outcome<Verification>>;
  checkVerification(c: Character): Promise<Outcome<Character>>;
}

/**
 * One call whose refusal comes back as the API's sentence (and any `candidates`) for the form to show; an
 * unreachable API or an ended session the app itself handles.
 */
export async function runOutcome<T>(host: ActionHost, what: string, call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    const value = await call();
    host.notices.online();
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, message: err.message, code: err.code, candidates: candidatesOf(err.body) };
    host.report(err, what);
    return { ok: false, message: null, code: null, candidates: [] };
  }
}

/** The Lodestone calls; the list changes only on success, so a refusal leaves everything as it was. */
export function createLodestoneActions(host: ActionHost): LodestoneActions {
  const { api, notices, state } = host;

  const run = <T>(what: string, call: () => Promise<T>) => runOutcome(host, what, call);

  /** Puts a character read afresh into the list. A data-center move changes its region, and with it when its tasks reset. */
  const keep = async (fresh: Character): Promise<void> => {
    const before = state.characters.find((c) => c.id === fresh.id);
    state.characters = before ? state.characters.map((c) => (c.id === fresh.id ? fresh : c)) : [...state.characters, fresh];
    if (before && before.region !== fresh.region) {
      try {
        state.tasks = await api.tasks();
      } catch (err) {
        host.report(err, t('characters.tasksNotReloaded'));
      }
    }
    host.draw();
    host.boardsChanged(); // boards show the name, world and verified mark
  };

  return {
    linkFromLodestone: async (link) => {
      const r = await run(t('characters.notLinked'), () => api.linkCharacter(link));
      if (r.ok) {
        await keep(r.value);
        notices.say(t('characters.linked', { name: r.value.name }), 'ok');
      }
      return r;
    },
    searchLodestone: (name, world) => run(t('lodestone.notSearched'), () => api.searchLodestone(name, world)),
    refreshCharacter: async (c) => {
      const r = await run(t('characters.notRefreshed', { name: c.name }), () => api.refreshCharacter(c.lodestoneId));
      if (r.ok) {
        await keep(r.value);
        notices.say(t('characters.refreshed', { name: r.value.name }), 'ok');
      }
      return r;
    },
    startVerification: async (c) => {
      const r = await run(t('characters.noCode', { name: c.name }), () => api.startVerification(c.lodestoneId));
      if (r.ok) await keep(r.value.character);
      return r;
    },
    checkVerification: async (c) => {
      const r = await run(t('characters.notChecked', { name: c.name }), () => api.checkVerification(c.lodestoneId));
      if (r.ok) {
        await keep(r.value);
        notices.say(t('characters.verifiedYours', { name: r.value.name }), 'ok');
      }
      return r;
    },
  };
}

/** A refusal's `candidates`, as the document names them; checked one by one, since any refusal can reach here. */
function candidatesOf(body: Readonly<Record<string, unknown>>): LodestoneEntry[] {
  const list: unknown = (body as Partial<LodestoneRefusal>).candidates;
  if (!Array.isArray(list)) return [];
  const strings: (keyof LodestoneEntry)[] = ['lodestoneId', 'name', 'world', 'datacenter'];
  return list.filter((e): e is LodestoneEntry => typeof e === 'object' && e !== null && strings.every((k) => typeof (e as Record<string, unknown>)[k] === 'string'));
}
