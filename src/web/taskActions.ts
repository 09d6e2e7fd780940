import type { ActionHost } from './actions.js';
import { announce } from './announce.js';
import { domId } from './dom.js';
import { t } from './i18n.js';
import { createTaskMoves } from './taskMoves.js';
import { rememberShowHidden } from './taskPrefs.js';
import type { Task } from './types.js';
import type { ChecklistActions } from './views/checklist.js';
import { closeRowMenu } from './views/rowMenu.js';
import { changesOf, draftOf } from './views/taskEditor.js';
import { taskName } from './views/taskName.js';

const focusById = (id: string) => document.getElementById(id)?.focus();
const menuButtonOf = (taskId: string) => domId('actions', taskId);

/** What a row does: tick, edit, move (menu, keyboard, drag), hide and show, delete. Optimistic where it can be. */
export function createTaskActions(host: ActionHost): ChecklistActions {
  const { api, notices, state } = host;
  /** The latest toggle per task: an older answer arriving late must not undo a newer click. */
  const toggles = new Map<string, number>();
  /** The same for hiding and showing. */
  const hidings = new Map<string, number>();
  /** Edits on their way: a second Save (Enter pressed twice) waits for the first's answer instead of sending again. */
  const saving = new Set<string>();
  const nameOf = (task: Task) => taskName(task, state.presets);

  const replaceTask = (task: Task) => {
    state.tasks = state.tasks.map((x) => (x.id === task.id ? task : x));
    host.draw();
  };
  /** The box of the row at `index` among the boxes on screen (or the last), else the checklist's heading. */
  const focusRowAt = (index: number) => {
    const boxes = document.querySelectorAll<HTMLInputElement>('input[data-task]');
    (boxes[Math.min(index, boxes.length - 1)] ?? document.getElementById('show-hidden') ?? document.getElementById('checklist-h'))?.focus();
  };
  const boxIndex = (taskId: string) => [...document.querySelectorAll<HTMLInputElement>('input[data-task]')].findIndex((b) => b.dataset.task === taskId);

  const actions: ChecklistActions = {
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
          const current = state.tasks.find((x) => x.id === task.id);
          if (current) replaceTask({ ...current, done: !done });
          host.report(err, t(done ? 'checklist.notMarkedDone' : 'checklist.notMarkedOpen', { name: nameOf(task) }));
        },
      );
    },
    startEdit: (task) => {
      const returnTo = task ? null : state.editing?.id;
      closeRowMenu();
      state.editing = task ? draftOf(task, state.presets) : null;
      host.draw();
      if (task) focusById(domId('edit-name', task.id));
      else if (returnTo) focusById(menuButtonOf(returnTo));
    },
    editDraft: (change) => {
      if (state.editing) Object.assign(state.editing, change);
    },
    saveEdit: (task, draft) => {
      const change = changesOf(task, draft, state.presets);
      if (Object.keys(change).length === 0) return actions.startEdit(null);
      if (saving.has(task.id)) return;
      saving.add(task.id);
      void (async () => {
        try {
          const fresh = await api.updateTask(task.id, change);
          if (state.editing?.id === task.id) state.editing = null;
          replaceTask(fresh);
          focusById(menuButtonOf(task.id));
          notices.say(t('taskRow.saved', { name: nameOf(fresh) }), 'ok');
          if (change.characterId !== undefined) host.boardsChanged(task.presetKey);
        } catch (err) {
          host.report(err, t('taskRow.notSaved', { name: nameOf(task) }));
        } finally {
          saving.delete(task.id);
        }
      })();
    },
    remove: (task) => {
      const name = nameOf(task);
      if (!confirm(t('checklist.confirmDelete', { name }))) return;
      void (async () => {
        try {
          await api.deleteTask(task.id);
          notices.online();
        } catch (err) {
          return host.report(err, t('checklist.notDeleted', { name }));
        }
        const index = boxIndex(task.id);
        state.tasks = state.tasks.filter((x) => x.id !== task.id);
        host.draw();
        focusRowAt(index); // keep the keyboard in the list: on the row that took this one's place
        notices.say(t('checklist.deleted', { name }), 'ok');
        host.boardsChanged(task.presetKey);
      })();
    },
    ...createTaskMoves(host),
    setHidden: (task, hidden) => {
      const seq = (hidings.get(task.id) ?? 0) + 1;
      hidings.set(task.id, seq);
      const index = boxIndex(task.id);
      replaceTask({ ...task, hidden });
      // A row hidden while hidden rows are not shown leaves the screen: the keyboard goes to the one in its place.
      if (document.getElementById(domId('done', task.id))) focusById(menuButtonOf(task.id));
      else focusRowAt(index);
      announce(t(hidden ? 'taskRow.hid' : 'taskRow.shown', { name: nameOf(task) }));
      api.updateTask(task.id, { hidden }).then(
        (fresh) => {
          if (hidings.get(task.id) === seq) replaceTask(fresh);
        },
        (err: unknown) => {
          if (hidings.get(task.id) !== seq) return;
          const current = state.tasks.find((x) => x.id === task.id);
          if (current) replaceTask({ ...current, hidden: !hidden });
          host.report(err, t(hidden ? 'taskRow.notHidden' : 'taskRow.notShown', { name: nameOf(task) }));
        },
      );
    },
    showHidden: (show) => {
      rememberShowHidden(show);
      host.draw();
      focusById('show-hidden');
    },
  };
  return actions;
}
