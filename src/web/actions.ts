import type { Api } from './api.js';
import { domId } from './dom.js';
import { createGroupActions } from './groupActions.js';
import { t } from './i18n.js';
import { createLodestoneActions } from './lodestoneActions.js';
import type { Notices } from './notices.js';
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
  /** The latest toggle per task: an older answer arriving late must not undo a newer click. */
  const toggles = new Map<string, number>();

  /** A task as the page names it (a preset in the page's language, unless renamed): what the messages say. */
  const nameOf = (task: Task) => taskName(task, state.presets);

  const replaceTask = (task: Task) => {
    state.tasks = state.tasks.map((t) => (t.id === task.id ? task : t));
    host.draw();
  };

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

  const actions: ScreenActions = {
    ...createLodestoneActions(host),
    ...createGroupActions(host),
    toggle: (task, done) => {
      const seq = (toggles.get(task.id) ?? 0) + 1;
      toggles.set(task.id, seq);
      replaceTask({ ...task, done }); // optimistic: the box changes at once
      api.setDone(task.id, done).then(
        (fresh) => {
          if (toggles.get(task.id) === seq) replaceTask(fresh);
          host.boardsChanged(task.presetKey);
        },
        (err: unknown) => {
          if (toggles.get(task.id) !== seq) return;
          const current = state.tasks.find((t) => t.id === task.id);
          if (current) replaceTask({ ...current, done: !done });
          host.report(err, t(done ? 'checklist.notMarkedDone' : 'checklist.notMarkedOpen', { name: nameOf(task) }));
        },
      );
    },
    startRename: (task) => {
      const returnTo = task ? null : state.editing?.id;
      state.editing = task ? { id: task.id, value: nameOf(task) } : null;
      host.draw();
      if (task) document.getElementById(domId('name', task.id))?.focus();
      else if (returnTo) document.getElementById(domId('rename', returnTo))?.focus();
    },
    editName: (value) => {
      if (state.editing) state.editing.value = value;
    },
    rename: (task, name) => {
      // The field starts with the name as shown, which for a preset may be its name in this language.
      if (name === '' || name === task.name || name === nameOf(task)) return actions.startRename(null);
      void attempt(t('checklist.notRenamed', { name: nameOf(task) }), async () => {
        const fresh = await api.renameTask(task.id, name);
        state.editing = null;
        replaceTask(fresh);
        document.getElementById(domId('rename', task.id))?.focus();
      });
    },
    remove: (task) => {
      const name = nameOf(task);
      if (!confirm(t('checklist.confirmDelete', { name }))) return;
      void attempt(t('checklist.notDeleted', { name }), async () => {
        await api.deleteTask(task.id);
        const boxes = [...document.querySelectorAll<HTMLInputElement>('input[data-task]')]; // in screen order
        const index = boxes.findIndex((b) => b.dataset.task === task.id);
        state.tasks = state.tasks.filter((t) => t.id !== task.id);
        host.draw();
        // Keep the keyboard in the list: on the row that took this one's place.
        const rest = document.querySelectorAll<HTMLInputElement>('input[data-task]');
        (rest[Math.min(index, rest.length - 1)] ?? document.getElementById('checklist-h'))?.focus();
        notices.say(t('checklist.deleted', { name }), 'ok');
        host.boardsChanged(task.presetKey);
      });
    },
    addTask: (input) =>
      attempt(t('taskForm.notAdded'), async () => {
        const task = await api.createTask(input);
        state.tasks = [...state.tasks, task];
        host.draw();
        notices.say(t('taskForm.added', { name: nameOf(task) }), 'ok');
      }),
    addPresets: (keys, characterId) =>
      attempt(t('presets.notAdded'), async () => {
        const r = await api.addPresets(keys, characterId);
        state.tasks = [...state.tasks, ...r.added];
        host.draw();
        if (r.added.length > 0) host.boardsChanged();
        const count = r.added.length;
        notices.say(r.skipped.length > 0 ? t('presets.addedSkipped', { count, skipped: r.skipped.length }) : t('presets.addedCount', { count }), 'ok');
      }),
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
