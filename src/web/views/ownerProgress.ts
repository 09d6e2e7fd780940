import { h } from '../dom.js';
import { t } from '../i18n.js';
import type { Task } from '../types.js';
import { resetNote } from './countdown.js';

/**
 * How far an owner (a character, or the account) is: done/total and a bar over their tasks that are not hidden, and
 * once all are done, until when: the first of their tasks to open again (none: to-dos only, done for good).
 */
export function ownerProgress(ownerName: string, tasks: readonly Task[]): HTMLElement | null {
  const counted = tasks.filter((task) => !task.hidden);
  if (counted.length === 0) return null;
  const done = counted.filter((task) => task.done).length;
  const total = counted.length;
  const next = counted.map((task) => task.periodEnd).filter((end): end is string => end !== null).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return h(
    'div',
    { class: done === total ? 'owner-progress all-done' : 'owner-progress' },
    h('span', { class: 'count', 'aria-hidden': 'true' }, `${done}/${total}`),
    h('progress', { max: total, value: done, 'aria-label': t('taskRow.ownerProgress', { owner: ownerName, done, total }) }),
    done === total ? h('p', { class: 'all-done-note' }, h('span', { 'aria-hidden': 'true' }, '✓ '), next ? resetNote('taskRow.allDone', next) : t('taskRow.allDoneForGood')) : null,
  );
}
