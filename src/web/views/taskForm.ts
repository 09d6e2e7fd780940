import type { NewTask } from '../api.js';
import { clearDraft, keepDraft } from '../drafts.js';
import { formValues, h } from '../dom.js';
import { cadenceLabel, regionLabel, t } from '../i18n.js';
import { CADENCE_ORDER, REGION_ORDER } from '../labels.js';
import type { Cadence, Character, Region } from '../types.js';
import { field, fillOwners, onSubmit } from './fields.js';

const DRAFT = 'add-task';

/** "Add a task": name, cadence, owner, and the extra field a cooldown or an account-wide Jumbo Cactpot needs. */
export function createTaskForm(submit: (input: NewTask) => Promise<boolean>) {
  const name = h('input', { id: 'new-name', name: 'name', required: true, maxlength: 100, autocomplete: 'off' });
  const cadence = h('select', { id: 'new-cadence', name: 'cadence' }, ...CADENCE_ORDER.map((c) => h('option', { value: c }, cadenceLabel(c))));
  const owner = h('select', { id: 'new-owner', name: 'characterId' });
  const hours = h('input', { id: 'new-hours', name: 'intervalHours', type: 'number', min: 1, max: 720, value: '18', inputmode: 'numeric' });
  const region = h('select', { id: 'new-region', name: 'region' }, ...REGION_ORDER.map((r) => h('option', { value: r }, regionLabel(r))));
  const hoursField = field(t('taskForm.hours'), hours);
  const regionField = field(t('taskForm.region'), region, t('taskForm.regionHint'));

  const form = h('form', { id: 'add-task-form', class: 'stack' }, field(t('taskForm.name'), name), field(t('taskForm.cadence'), cadence), field(t('taskForm.for'), owner), hoursField, regionField);
  form.append(h('button', { type: 'submit' }, t('taskForm.add')));

  const showExtras = () => {
    hoursField.hidden = cadence.value !== 'cooldown';
    regionField.hidden = !(cadence.value === 'jumbo-cactpot' && owner.value === '');
  };
  cadence.addEventListener('change', showExtras);
  owner.addEventListener('change', showExtras);
  form.addEventListener('reset', () => queueMicrotask(showExtras));

  onSubmit(form, async () => {
    const v = formValues(form);
    const c = v.cadence as Cadence;
    const ok = await submit({
      name: (v.name ?? '').trim(),
      cadence: c,
      characterId: v.characterId || null,
      intervalHours: c === 'cooldown' ? Number(v.intervalHours) : null,
      region: c === 'jumbo-cactpot' && !v.characterId ? (v.region as Region) : null,
    });
    if (ok) clearDraft(DRAFT);
    return ok;
  });

  return {
    el: h('details', { class: 'panel', id: 'add-task-panel' }, h('summary', {}, h('h2', {}, t('taskForm.heading'))), form),
    /** Call once the owner list is filled, so a saved draft can pick its character again. */
    update(characters: Character[], first: boolean) {
      fillOwners(owner, characters);
      if (first) keepDraft(form, DRAFT);
      showExtras();
    },
  };
}
