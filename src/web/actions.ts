import type { Api } from './api.js';
import { createGroupActions } from './groupActions.js';
import { t } from './i18n.js';
import { createLodestoneActions } from './lodestoneActions.js';
import { showNewTasks } from './newTasks.js';
import type { Notices } from './notices.js';
import { createOnboardingActions } from './onboardingActions.js';
import { createTaskActions } from './taskActions.js';
import type { Task } from './types.js';
import { taskName } from './views/checklist.js';
import type { ScreenActions, ScreenState } from './views/layout.js';

/** What the actions read and change: the App's data, its redraw and its one error reporter. */
export interface ActionHost {
  readonly api: Api;
  readonly notices: Notices;
  readonly state: ScreenState;
  draw(): void;
  /** Redraws the groups panel alone: a board refresh must not rebuild (and so unselect) the checklist. */
  drawGroups(): void;
  /** Polls the boards of `state.groups` from now on, starting at once. */
  watchBoards(): void;
  /**
   * Something of the player's that boards show changed here: their boards are asked for at once instead of at the next
   * poll. With a preset key, only if a group tracks it; null is a custom task, which no board shows.
   */
  boardsChanged(presetKey?: string | null): void;
  report(err: unknown, what?: string): void;
}

/** Everything a person can do on the checklist screen, each ending in a redraw or a sentence. */
export function createActions(host: ActionHost): ScreenActions {
  const { api, notices, state } = host;
  /** A task as the page names it (a preset in the page's language, unless renamed): what the messages say. */
  const nameOf = (task: Task) => taskName(task, state.presets);

  /** Runs a call for a form: true when it went through, false (after a message) when not. */
  const attempt = async (what: string, call: () => Promise<void>): Promise<boolean> => {
    try {
      await call();
      notices.online();
      return true;
    } catch (err) {
      host.report(err, what);
      return false;
    }
  };

  /** Adds presets and shows the new tasks where the checklist has them; `focus`: the keyboard goes to the first. */
  const addPresets = (keys: string[], characterId: string | null, focus: boolean) =>
    attempt(t('presets.notAdded'), async () => {
      const r = await api.addPresets(keys, characterId);
      state.tasks = [...state.tasks, ...r.added];
      host.draw();
      showNewTasks(r.added.map((task) => task.id), focus);
      if (r.added.length > 0) host.boardsChanged();
      const count = r.added.length;
      notices.say(r.skipped.length > 0 ? t('presets.addedSkipped', { count, skipped: r.skipped.length }) : t('presets.addedCount', { count }), 'ok');
    });

  const actions: ScreenActions = {
    ...createLodestoneActions(host),
    ...createGroupActions(host),
    ...createOnboardingActions(host, (keys, characterId) => addPresets(keys, characterId, true)),
    ...createTaskActions(host),
    addTask: (input) =>
      attempt(t('taskForm.notAdded'), async () => {
        const task = await api.createTask(input);
        state.tasks = [...state.tasks, task];
        host.draw();
        notices.say(t('taskForm.added', { name: nameOf(task) }), 'ok');
      }),
    addPresets: (keys, characterId) => addPresets(keys, characterId, false),
    linkCharacter: (input) =>
      attempt(t('characters.notLinked'), async () => {
        const c = await api.linkCharacter(input);
        state.characters = [...state.characters, c];
        host.draw();
        host.boardsChanged(); // a member who joined with all of their characters gains a row
        notices.say(t('characters.linked', { name: c.name }), 'ok');
      }),
  };
  return actions;
}
