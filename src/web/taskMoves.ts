import type { ActionHost } from './actions.js';
import { announce } from './announce.js';
import { domId } from './dom.js';
import { t } from './i18n.js';
import { inOrder, listKey, movedBy, withListOrder } from './taskOrder.js';
import { showsHidden } from './taskPrefs.js';
import type { Task } from './types.js';
import type { RowActions } from './views/taskRow.js';
import { taskName } from './views/taskName.js';

/**
 * Moving rows within their list, from the menu, the keyboard or a drag: shown, said and sent at once (optimistic).
 * Moves are sent one after another, each with the whole order as it then stands. When one is refused, the page goes
 * back to the order the service last agreed to, says why, and the moves queued behind it are dropped.
 */
export function createTaskMoves(host: ActionHost): Pick<RowActions, 'move' | 'reorder'> {
  const { api, notices, state } = host;
  let agreed: string[] | null = null;
  let pending = 0;
  let epoch = 0;
  let queue: Promise<void> = Promise.resolve();

  /** A list (one owner's tasks of one cadence, as on screen) now in `listIds` order. */
  const applyOrder = (listIds: string[], moved: Task) => {
    const before = state.tasks;
    const after = withListOrder(before, listIds);
    if (after.every((task, i) => task === before[i])) return;
    if (pending === 0) agreed = before.map((task) => task.id);
    state.tasks = after;
    host.draw();
    document.getElementById(domId('done', moved.id))?.closest('li')?.scrollIntoView({ block: 'nearest' });
    announce(t('taskRow.moved', { name: taskName(moved, state.presets), position: listIds.indexOf(moved.id) + 1, total: listIds.length }));

    const ids = after.map((task) => task.id);
    const mine = epoch;
    pending += 1;
    queue = queue.then(async () => {
      try {
        if (mine !== epoch) return;
        await api.reorderTasks(ids);
        agreed = ids;
        notices.online();
      } catch (err) {
        epoch += 1;
        if (agreed) state.tasks = inOrder(state.tasks, agreed);
        host.draw();
        host.report(err, t('taskRow.notMoved'));
      } finally {
        pending -= 1;
      }
    });
  };

  /** The ids of the list a task is in, as on screen (hidden rows only while shown). */
  const listOf = (task: Task) => {
    const key = listKey(task, state.characters);
    const showHidden = showsHidden();
    return state.tasks.filter((x) => listKey(x, state.characters) === key && (showHidden || !x.hidden)).map((x) => x.id);
  };

  return {
    move: (task, by) => {
      const moved = movedBy(listOf(task), task.id, by);
      if (moved) applyOrder(moved, task);
    },
    reorder: (listIds, moved) => applyOrder(listIds, moved),
  };
}
