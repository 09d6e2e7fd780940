import { dragByHandle } from '../dragReorder.js';
import { domId, h } from '../dom.js';
import { t, tNodes } from '../i18n.js';
import type { Task } from '../types.js';
import { countdown } from './countdown.js';
import { rowMenu } from './rowMenu.js';
import type { EditorActions } from './taskEditor.js';

/** What a row can ask the app to do. */
export interface RowActions extends EditorActions {
  toggle(task: Task, done: boolean): void;
  remove(task: Task): void;
  /** One place up (-1) or down (+1) in its list. */
  move(task: Task, by: -1 | 1): void;
  /** The rows of one list, dragged into this order (`moved` is the one that was dragged). */
  reorder(listIds: string[], moved: Task): void;
  setHidden(task: Task, hidden: boolean): void;
}

/** Where a row stands in its list, for Move up / Move down. */
export interface RowPlace {
  index: number;
  count: number;
}

/**
 * One task: a drag handle, the box, the name on one line (the whole of it in the title), what it says below (ready
 * again in…, hidden, the notes), and one menu for the rest, so that a phone row stays one line high but for the notes.
 * The box is named by the name alone and described by that second line.
 */
export function taskRow(task: Task, name: string, place: RowPlace, actions: RowActions): HTMLElement {
  const boxId = domId('done', task.id);
  const subId = domId('about', task.id);
  // A cooldown that is done says when it is ready again.
  const readyAt = task.cadence === 'cooldown' && task.done ? task.periodEnd : null;
  const sub = [
    readyAt ? h('span', {}, ...tNodes('checklist.readyIn', { countdown: countdown(readyAt) })) : null,
    task.hidden ? h('span', { class: 'hidden-mark' }, t('taskRow.hidden')) : null,
    task.notes ? h('span', { class: 'notes' }, task.notes) : null,
  ].filter((part) => part !== null);

  const box = h('input', { type: 'checkbox', id: boxId, checked: task.done, 'data-task': task.id, 'aria-describedby': sub.length > 0 ? subId : null });
  box.addEventListener('change', () => actions.toggle(task, box.checked));
  box.addEventListener('keydown', (e) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    actions.move(task, e.key === 'ArrowUp' ? -1 : 1);
  });

  const handle = h('span', { class: 'drag-handle', 'aria-hidden': 'true', title: t('taskRow.drag') }, '⠿');
  const menuId = domId('actions', task.id);
  const menu = rowMenu(menuId, t('taskRow.actionsFor', { name }), [
    { id: `${menuId}-edit`, label: t('taskRow.edit'), run: () => actions.startEdit(task) },
    { id: `${menuId}-up`, label: t('taskRow.moveUp'), run: () => actions.move(task, -1), disabled: place.index === 0 },
    { id: `${menuId}-down`, label: t('taskRow.moveDown'), run: () => actions.move(task, 1), disabled: place.index === place.count - 1 },
    task.hidden
      ? { id: `${menuId}-show`, label: t('taskRow.show'), run: () => actions.setHidden(task, false) }
      : { id: `${menuId}-hide`, label: t('taskRow.hide'), run: () => actions.setHidden(task, true) },
    { id: `${menuId}-delete`, label: t('taskRow.delete'), run: () => actions.remove(task), danger: true },
  ]);

  const row = h(
    'li',
    { class: ['task', task.done && 'done', task.hidden && 'is-hidden', sub.length > 0 && 'with-sub'].filter(Boolean).join(' '), 'data-task-row': task.id },
    handle,
    box,
    h(
      'div',
      { class: 'text' },
      h('label', { for: boxId, title: name }, h('span', { class: 'name' }, name)),
      sub.length > 0 ? h('small', { class: 'sub', id: subId, title: task.notes }, ...sub) : null,
    ),
    menu,
  );
  dragByHandle(handle, row, (ids) => actions.reorder(ids, task));
  return row;
}
