import { domId, h } from '../dom.js';
import { cadenceLabel, regionLabel, t } from '../i18n.js';
import { CADENCE_ORDER, REGION_ORDER } from '../labels.js';
import type { Cadence, Character, Preset, Region, Task, TaskChange } from '../types.js';
import { field, fillOwners } from './fields.js';
import { taskName } from './taskName.js';

/** The row being edited and what has been typed and chosen so far (kept across redraws, as typed). */
export interface Editing {
  id: string;
  name: string;
  notes: string;
  cadence: Cadence;
  /** '' for account-wide. */
  characterId: string;
  intervalHours: string;
  region: Region;
}

/** What the editor asks of the app. */
export interface EditorActions {
  /** Keeps a change to the draft (nothing is sent until Save). */
  editDraft(change: Partial<Editing>): void;
  saveEdit(task: Task, draft: Editing): void;
  /** Cancel: null. */
  startEdit(task: Task | null): void;
}

/** A draft that starts as the task is shown (a preset's name in the page's language). */
export function draftOf(task: Task, presets: readonly Preset[]): Editing {
  return {
    id: task.id,
    name: taskName(task, presets),
    notes: task.notes ?? '',
    cadence: task.cadence,
    characterId: task.characterId ?? '',
    intervalHours: String(task.intervalHours ?? 18),
    region: task.region ?? 'eu',
  };
}

/**
 * What Save sends: only what changed. A preset's reset is the game's, so only a task of your own sends its cadence
 * (with the hours a cooldown needs, and a region when an account-wide Jumbo Cactpot has no character to follow).
 */
export function changesOf(task: Task, draft: Editing, presets: readonly Preset[]): TaskChange {
  const change: TaskChange = {};
  const name = draft.name.trim();
  if (name !== '' && name !== task.name && name !== taskName(task, presets)) change.name = name;
  if (draft.notes !== (task.notes ?? '')) change.notes = draft.notes === '' ? null : draft.notes;
  if (draft.characterId !== (task.characterId ?? '')) change.characterId = draft.characterId || null;
  if (!task.presetKey) {
    if (draft.cadence !== task.cadence) change.cadence = draft.cadence;
    const hours = draft.cadence === 'cooldown' ? Number(draft.intervalHours) : null;
    if (hours !== task.intervalHours || change.cadence) change.intervalHours = hours;
    // A task's own region outranks its character's: a Jumbo Cactpot task given a character follows that one's drawing.
    const region = draft.cadence === 'jumbo-cactpot' && draft.characterId === '' ? draft.region : null;
    if (draft.cadence === 'jumbo-cactpot' && (region !== task.region || change.cadence || change.characterId !== undefined)) change.region = region;
  }
  return change;
}

/** The row as an inline form: name, notes, cadence (a task of your own), owner, and the hours or region it needs. */
export function editorRow(task: Task, draft: Editing, characters: readonly Character[], presets: readonly Preset[], actions: EditorActions): HTMLElement {
  const id = (what: string) => domId(`edit-${what}`, task.id);
  const name = h('input', { id: id('name'), name: 'name', value: draft.name, required: true, maxlength: 100, autocomplete: 'off' });
  const notes = h('textarea', { id: id('notes'), name: 'notes', maxlength: 1000, rows: 2 });
  notes.value = draft.notes;
  const owner = h('select', { id: id('owner'), name: 'characterId' });
  fillOwners(owner, [...characters]);
  owner.value = draft.characterId;
  const cadence = h('select', { id: id('cadence'), name: 'cadence' }, ...CADENCE_ORDER.map((c) => h('option', { value: c }, cadenceLabel(c))));
  cadence.value = draft.cadence;
  const hours = h('input', { id: id('hours'), name: 'intervalHours', type: 'number', min: 1, max: 720, required: true, inputmode: 'numeric', value: draft.intervalHours });
  const region = h('select', { id: id('region'), name: 'region' }, ...REGION_ORDER.map((r) => h('option', { value: r }, regionLabel(r))));
  region.value = draft.region;
  const hoursField = field(t('taskForm.hours'), hours);
  const regionField = field(t('taskForm.region'), region, t('taskForm.regionHint'));

  const showExtras = () => {
    const own = !task.presetKey;
    hoursField.hidden = !(own && cadence.value === 'cooldown');
    hours.disabled = hoursField.hidden; // a hidden required field would stop the form from being sent
    regionField.hidden = !(own && cadence.value === 'jumbo-cactpot' && owner.value === '');
  };
  showExtras();

  const shownName = taskName(task, presets);
  const form = h(
    'form',
    { class: 'task-editor', 'aria-label': t('taskRow.editTask', { name: shownName }) },
    field(t('taskForm.name'), name),
    h('div', { class: 'field' }, h('label', { for: notes.id }, t('taskRow.notes')), notes),
    task.presetKey
      ? h('p', { class: 'field fixed-cadence' }, t('taskRow.gameCadence', { cadence: cadenceLabel(task.cadence) }))
      : field(t('taskForm.cadence'), cadence),
    field(t('taskForm.for'), owner),
    hoursField,
    regionField,
    h('div', { class: 'editor-buttons' }, h('button', { type: 'submit' }, t('checklist.save')), h('button', { type: 'button', class: 'quiet', onclick: () => actions.startEdit(null) }, t('page.cancel'))),
  );

  const keep = () => actions.editDraft({ name: name.value, notes: notes.value, cadence: cadence.value as Cadence, characterId: owner.value, intervalHours: hours.value, region: region.value as Region });
  form.addEventListener('input', keep);
  form.addEventListener('change', () => {
    keep();
    showExtras();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    keep();
    actions.saveEdit(task, { ...draft, name: name.value, notes: notes.value, cadence: cadence.value as Cadence, characterId: owner.value, intervalHours: hours.value, region: region.value as Region });
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      actions.startEdit(null);
    }
  });
  return h('li', { class: 'task editing', 'data-task-row': task.id }, form);
}
