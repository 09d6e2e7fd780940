import type { ActionHost } from './actions.js';
import { t } from './i18n.js';
import { runOutcome, type Outcome } from './lodestoneActions.js';
import type { Group, JoinResult, Task } from './types.js';

/** What the groups panel can ask for. Every call changes the page only once the API said yes. */
export interface GroupActions {
  /** `characterId` null: with all of the player's characters. */
  joinGroup(groupId: string, characterId: string | null): Promise<Outcome<JoinResult>>;
  leaveGroup(group: Group): Promise<boolean>;
  /** Adds the presets for each of those characters (the API skips the ones already there); answers how many were added. */
  trackPresets(keys: string[], characterIds: string[]): Promise<Outcome<number>>;
}

/** Lists groups the way GET /groups does, so a group joined here lands where a reload would put it. */
const byName = (a: Group, b: Group) => a.name.toLowerCase().localeCompare(b.name.toLowerCase());

export function createGroupActions(host: ActionHost): GroupActions {
  const { api, notices, state } = host;

  const run = <T>(what: string, call: () => Promise<T>) => runOutcome(host, what, call);

  return {
    joinGroup: async (groupId, characterId) => {
      const r = await run(t('join.notJoined'), () => api.joinGroup(groupId, characterId));
      if (r.ok) {
        const g = r.value.group;
        state.groups = [...state.groups.filter((x) => x.id !== g.id), g].sort(byName);
        host.drawGroups();
        host.watchBoards(); // the new board is fetched at once
      }
      return r;
    },
    leaveGroup: async (group) => {
      try {
        await api.leaveGroup(group.id);
      } catch (err) {
        host.report(err, t('groups.notLeft', { name: group.name }));
        return false;
      }
      notices.online();
      state.groups = state.groups.filter((g) => g.id !== group.id);
      state.boards.delete(group.id);
      host.drawGroups();
      host.watchBoards();
      notices.say(t('groups.left', { name: group.name }), 'ok');
      return true;
    },
    trackPresets: async (keys, characterIds) => {
      const added: Task[] = [];
      // One call per character; those that went through stay (and show) even if a later one is refused.
      const r = await run(t('presets.notAdded'), async () => {
        for (const id of characterIds) added.push(...(await api.addPresets(keys, id)).added);
        return added.length;
      });
      if (added.length > 0) {
        state.tasks = [...state.tasks, ...added];
        host.draw();
        host.boardsChanged();
      }
      return r;
    },
  };
}
