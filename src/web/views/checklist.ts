import { PRESETS } from '../../tasks/presets.js';
import { domId, h } from '../dom.js';
import { cadenceLabel, t, tNodes, type WebKey } from '../i18n.js';
import { CADENCE_ORDER } from '../labels.js';
import { countdownText, formatLocal, serverNow } from '../time.js';
import type { Cadence, Character, Preset, Task } from '../types.js';
import { characterBadge } from './characterBadge.js';

/** The names preset tasks are stored under (the server's English catalogue). */
const englishNames = new Map(PRESETS.map((p) => [p.key, p.name]));

/**
 * A task's name as the page shows it: a preset task in the page's language (the game's wording, from
 * `GET /presets?lang=`), unless the player renamed it; the player's own names never change. A preset task is stored
 * under its English name, so any other name is one the player gave it (or the name it has in this language). The
 * same rule as `presetName` in src/i18n/presetText.ts, which the page does not import: it holds every language.
 */
export function taskName(task: Task, presets: readonly Preset[]): string {
  if (!task.presetKey) return task.name;
  const preset = presets.find((p) => p.key === task.presetKey);
  if (!preset) return task.name;
  return task.name === englishNames.get(task.presetKey) || task.name === preset.name ? preset.name : task.name;
}

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

/** What every row needs besides its task: the row being renamed, the actions, and the presets' names in this language. */
interface RowContext {
  editing: Editing | null;
  actions: ChecklistActions;
  presets: readonly Preset[];
}

/** The checklist: one section per owner (account-wide, then each character), one list per cadence. */
export function renderChecklist(tasks: Task[], characters: Character[], presets: readonly Preset[], editing: Editing | null, actions: ChecklistActions): Node {
  if (tasks.length === 0) {
    return h('p', { class: 'empty' }, t('checklist.empty'));
  }
  const ctx: RowContext = { editing, actions, presets };
  const owners: { id: string | null; title: Character | string }[] = [
    { id: null, title: t('checklist.accountWide') },
    ...characters.map((c) => ({ id: c.id, title: c })),
  ];
  const known = new Set(owners.map((o) => o.id));
  const strays = tasks.filter((task) => !known.has(task.characterId));
  const sections = owners.map((o) => ownerSection(o.title, o.id ?? 'account', tasks.filter((task) => task.characterId === o.id), ctx));
  if (strays.length > 0) sections.push(ownerSection(t('checklist.other'), 'other', strays, ctx));
  return h('div', { class: 'owners' }, ...sections);
}

function ownerSection(title: Character | string, key: string, tasks: Task[], ctx: RowContext): Node | null {
  if (tasks.length === 0) return null;
  const headingId = domId('owner', key);
  const groups = CADENCE_ORDER.map((cadence) => {
    const inGroup = tasks.filter((task) => task.cadence === cadence);
    return inGroup.length === 0 ? null : cadenceGroup(cadence, `${key}-${cadence}`, inGroup, ctx);
  });
  return h('section', { class: 'owner', 'aria-labelledby': headingId }, h('h2', { id: headingId }, ...(typeof title === 'string' ? [title] : characterBadge(title))), ...groups.filter((g) => g !== null));
}

function cadenceGroup(cadence: Cadence, key: string, tasks: Task[], ctx: RowContext): Node {
  const done = tasks.filter((task) => task.done).length;
  const headingId = domId('group', key);
  // Cooldowns each run on their own clock (shown per row); every other cadence resets its group at once.
  const end = cadence === 'cooldown' ? null : tasks.find((task) => task.periodEnd)?.periodEnd ?? null;
  const opensAt = tasks.find((task) => task.opensAt)?.opensAt ?? null;
  return h(
    'section',
    { class: 'group', 'aria-labelledby': headingId },
    h(
      'h3',
      { id: headingId },
      h('span', { class: 'cadence' }, cadenceLabel(cadence)),
      h('span', { class: 'progress' }, h('span', { 'aria-hidden': 'true' }, `${done}/${tasks.length}`), h('span', { class: 'visually-hidden' }, t('checklist.progress', { done, total: tasks.length }))),
      end ? resetNote('checklist.resetsIn', end) : null,
      opensAt && Date.parse(opensAt) > serverNow() ? resetNote('checklist.judgingOpensIn', opensAt) : null,
    ),
    h('ul', { class: 'tasks' }, ...tasks.map((task) => (task.id === ctx.editing?.id ? renameRow(task, ctx.editing.value, ctx) : taskRow(task, ctx)))),
  );
}

/** A live countdown to `iso`, counted down by the page's clock (time.ts). */
const countdown = (iso: string) => h('time', { datetime: iso, 'data-until': iso }, countdownText(iso));

/**
 * "resets in 4h 05m · Mon 16:00": a live countdown in its sentence (`verb`, with `{{countdown}}` where it stands; none:
 * the countdown alone), and the instant in the player's own time.
 */
export function resetNote(verb: WebKey | null, iso: string): HTMLElement {
  return h(
    'span',
    { class: 'reset' },
    ...(verb ? tNodes(verb, { countdown: countdown(iso) }) : [countdown(iso)]),
    h('span', { class: 'local' }, ` · ${formatLocal(iso)}`),
  );
}

function taskRow(task: Task, { actions, presets }: RowContext): HTMLElement {
  const name = taskName(task, presets);
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
      { for: boxId, title: name, class: readyAt ? 'with-meta' : null },
      h('span', { class: 'name' }, name),
      readyAt ? h('small', { class: 'meta' }, ...tNodes('checklist.readyIn', { countdown: countdown(readyAt) })) : null,
    ),
    h('button', { type: 'button', class: 'quiet', id: domId('rename', task.id), 'aria-label': t('checklist.renameTask', { name }), onclick: () => actions.startRename(task) }, t('checklist.rename')),
    h('button', { type: 'button', class: 'quiet danger', id: domId('delete', task.id), 'aria-label': t('checklist.deleteTask', { name }), onclick: () => actions.remove(task) }, t('checklist.delete')),
  );
}

function renameRow(task: Task, value: string, { actions, presets }: RowContext): HTMLElement {
  const inputId = domId('name', task.id);
  const input = h('input', { id: inputId, name: 'name', value, required: true, maxlength: 100, autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'rename' },
    h('label', { for: inputId, class: 'visually-hidden' }, t('checklist.newName', { name: taskName(task, presets) })),
    input,
    h('button', { type: 'submit' }, t('checklist.save')),
    h('button', { type: 'button', class: 'quiet', onclick: () => actions.startRename(null) }, t('page.cancel')),
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
