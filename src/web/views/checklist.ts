import { domId, h } from '../dom.js';
import { CADENCE_LABEL, CADENCE_ORDER } from '../labels.js';
import { countdownText, formatLocal, serverNow } from '../time.js';
import type { Cadence, Character, Task } from '../types.js';
import { characterBadge } from './characterBadge.js';

/** What a row can ask the app to do. */
export interface ChecklistActions {
  toggle(task: Task, done: boolean): void;
  startRename(task: Task | null): void;
  /** Keeps the half-typed new name, so a re-render (another row ticked) does not lose it. */
  editName(value: string): void;
  rename(task: Task, name: string): void;
  remove(task: Task): void;
}

/** The row being renamed and what has been typed so far. */
export interface Editing {
  id: string;
  value: string;
}

/** The checklist: one section per owner (account-wide, then each character), one list per cadence. */
export function renderChecklist(tasks: Task[], characters: Character[], editing: Editing | null, actions: ChecklistActions): Node {
  if (tasks.length === 0) {
    return h('p', { class: 'empty' }, 'No tasks yet. Add standard chores from “Add presets”, or your own with “Add a task”.');
  }
  const owners: { id: string | null; title: Character | string }[] = [
    { id: null, title: 'Account-wide' },
    ...characters.map((c) => ({ id: c.id, title: c })),
  ];
  const known = new Set(owners.map((o) => o.id));
  const strays = tasks.filter((t) => !known.has(t.characterId));
  const sections = owners.map((o) => ownerSection(o.title, o.id ?? 'account', tasks.filter((t) => t.characterId === o.id), editing, actions));
  if (strays.length > 0) sections.push(ownerSection('Other', 'other', strays, editing, actions));
  return h('div', { class: 'owners' }, ...sections);
}

function ownerSection(title: Character | string, key: string, tasks: Task[], editing: Editing | null, actions: ChecklistActions): Node | null {
  if (tasks.length === 0) return null;
  const headingId = domId('owner', key);
  const groups = CADENCE_ORDER.map((cadence) => {
    const inGroup = tasks.filter((t) => t.cadence === cadence);
    return inGroup.length === 0 ? null : cadenceGroup(cadence, `${key}-${cadence}`, inGroup, editing, actions);
  });
  return h('section', { class: 'owner', 'aria-labelledby': headingId }, h('h2', { id: headingId }, ...(typeof title === 'string' ? [title] : characterBadge(title))), ...groups.filter((g) => g !== null));
}

function cadenceGroup(cadence: Cadence, key: string, tasks: Task[], editing: Editing | null, actions: ChecklistActions): Node {
  const done = tasks.filter((t) => t.done).length;
  const headingId = domId('group', key);
  // Cooldowns each run on their own clock (shown per row); every other cadence resets its group at once.
  const end = cadence === 'cooldown' ? null : tasks.find((t) => t.periodEnd)?.periodEnd ?? null;
  const opensAt = tasks.find((t) => t.opensAt)?.opensAt ?? null;
  return h(
    'section',
    { class: 'group', 'aria-labelledby': headingId },
    h(
      'h3',
      { id: headingId },
      h('span', { class: 'cadence' }, CADENCE_LABEL[cadence]),
      h('span', { class: 'progress' }, h('span', { 'aria-hidden': 'true' }, `${done}/${tasks.length}`), h('span', { class: 'visually-hidden' }, `, ${done} of ${tasks.length} done,`)),
      end ? resetNote('resets', end) : null,
      opensAt && Date.parse(opensAt) > serverNow() ? resetNote('judging opens', opensAt) : null,
    ),
    h('ul', { class: 'tasks' }, ...tasks.map((t) => (t.id === editing?.id ? renameRow(t, editing.value, actions) : taskRow(t, actions)))),
  );
}

/** "resets in 4h 05m · Mon 16:00": a live countdown and the instant in the player's own time. */
export function resetNote(verb: string, iso: string): HTMLElement {
  return h(
    'span',
    { class: 'reset' },
    verb ? `${verb} ` : null,
    h('time', { datetime: iso, 'data-until': iso }, countdownText(iso)),
    h('span', { class: 'local' }, ` · ${formatLocal(iso)}`),
  );
}

function taskRow(task: Task, actions: ChecklistActions): HTMLElement {
  const boxId = domId('done', task.id);
  const box = h('input', { type: 'checkbox', id: boxId, checked: task.done, 'data-task': task.id });
  box.addEventListener('change', () => actions.toggle(task, box.checked));
  // A cooldown that is done says when it is ready again, on the name's second line (the row keeps its height).
  const readyAt = task.cadence === 'cooldown' && task.done ? task.periodEnd : null;
  return h(
    'li',
    { class: task.done ? 'task done' : 'task', 'data-task-row': task.id },
    box,
    h(
      'label',
      { for: boxId, title: task.name, class: readyAt ? 'with-meta' : null },
      h('span', { class: 'name' }, task.name),
      readyAt ? h('small', { class: 'meta' }, 'ready ', h('time', { datetime: readyAt, 'data-until': readyAt }, countdownText(readyAt))) : null,
    ),
    h('button', { type: 'button', class: 'quiet', id: domId('rename', task.id), 'aria-label': `Rename ${task.name}`, onclick: () => actions.startRename(task) }, 'Rename'),
    h('button', { type: 'button', class: 'quiet danger', id: domId('delete', task.id), 'aria-label': `Delete ${task.name}`, onclick: () => actions.remove(task) }, 'Delete'),
  );
}

function renameRow(task: Task, value: string, actions: ChecklistActions): HTMLElement {
  const inputId = domId('name', task.id);
  const input = h('input', { id: inputId, name: 'name', value, required: true, maxlength: 100, autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'rename' },
    h('label', { for: inputId, class: 'visually-hidden' }, `New name for ${task.name}`),
    input,
    h('button', { type: 'submit' }, 'Save'),
    h('button', { type: 'button', class: 'quiet', onclick: () => actions.startRename(null) }, 'Cancel'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    actions.rename(task, input.value.trim());
  });
  input.addEventListener('input', () => actions.editName(input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') actions.startRename(null);
  });
  return h('li', { class: 'task editing', 'data-task-row': task.id }, form);
}
