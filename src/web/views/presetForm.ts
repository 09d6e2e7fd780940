import { domId, h, replaceChildren } from '../dom.js';
import { t } from '../i18n.js';
import type { Character, Preset, Task } from '../types.js';
import { field, fillOwners, onSubmit } from './fields.js';
import { presetChoice, presetsByCategory } from './presetChoices.js';

/** "Add presets": the catalogue grouped by category, for the account or one character, skipping what is there. */
export function createPresetForm(submit: (keys: string[], characterId: string | null) => Promise<boolean>) {
  const owner = h('select', { id: 'preset-owner', name: 'characterId' });
  const list = h('div', { class: 'presets' });
  const chosen = new Set<string>();
  const form = h('form', { id: 'add-presets-form', class: 'stack' }, field(t('presets.for'), owner), list, h('button', { type: 'submit' }, t('presets.add')));
  let last: { presets: Preset[]; tasks: Task[] } = { presets: [], tasks: [] };

  const renderList = () => {
    const ownerId = owner.value || null;
    const present = new Set(last.tasks.filter((t) => t.presetKey && t.characterId === ownerId).map((t) => t.presetKey));
    replaceChildren(list, ...presetsByCategory(last.presets, (p) => presetOption(p, present.has(p.key), ownerId, chosen)));
  };
  owner.addEventListener('change', renderList);

  onSubmit(form, async () => {
    const keys = [...chosen];
    if (keys.length === 0) return false;
    const ok = await submit(keys, owner.value || null);
    if (ok) chosen.clear();
    return false; // keep the owner choice; the list re-renders with the new tasks marked as added
  });

  return {
    el: h('details', { class: 'panel', id: 'presets-panel' }, h('summary', {}, h('h2', {}, t('presets.heading'))), form),
    update(presets: Preset[], tasks: Task[], characters: Character[]) {
      fillOwners(owner, characters);
      last = { presets, tasks };
      renderList();
    },
  };
}

function presetOption(p: Preset, added: boolean, ownerId: string | null, chosen: Set<string>): HTMLElement {
  const id = domId('preset', p.key);
  // Jumbo Cactpot draws per data center, so the server refuses it account-wide; say so before it does.
  const needsCharacter = p.cadence === 'jumbo-cactpot' && ownerId === null;
  const unavailable = added ? { checked: true, note: t('presets.added') } : needsCharacter ? { checked: false, note: t('presets.pickCharacter') } : undefined;
  if (unavailable) chosen.delete(p.key);
  return presetChoice(p, id, chosen, unavailable);
}
