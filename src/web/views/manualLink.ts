import { findWorld } from '../../characters/worlds.js';
import type { NewCharacter } from '../api.js';
import { clearDraft, keepDraft } from '../drafts.js';
import { formValues, h } from '../dom.js';
import { regionLabel, t } from '../i18n.js';
import { REGION_ORDER } from '../labels.js';
import type { Region } from '../types.js';
import { field, onSubmit, worldsDatalist } from './fields.js';

const DRAFT = 'link-character';

/** Linking by hand, for a service with the Lodestone off: a known world fills in its data center and region. */
export function createManualLink(submit: (input: NewCharacter) => Promise<boolean>) {
  const lodestoneId = h('input', { id: 'char-lodestone', name: 'lodestoneId', required: true, pattern: '\\d{1,10}', inputmode: 'numeric', autocomplete: 'off' });
  const name = h('input', { id: 'char-name', name: 'name', required: true, maxlength: 40, autocomplete: 'off' });
  const world = h('input', { id: 'char-world', name: 'world', required: true, maxlength: 30, list: 'worlds', autocomplete: 'off' });
  const datacenter = h('input', { id: 'char-dc', name: 'datacenter', required: true, maxlength: 30, autocomplete: 'off' });
  const region = h('select', { id: 'char-region', name: 'region' }, ...REGION_ORDER.map((r) => h('option', { value: r }, regionLabel(r))));

  world.addEventListener('change', () => {
    const known = findWorld(world.value);
    if (!known) return;
    world.value = known.world;
    datacenter.value = known.datacenter;
    region.value = known.region;
  });

  const form = h(
    'form',
    { id: 'link-character-form', class: 'stack' },
    field(t('characters.lodestoneId'), lodestoneId, t('characters.lodestoneIdHint')),
    field(t('characters.name'), name),
    field(t('characters.world'), world),
    field(t('characters.datacenter'), datacenter),
    field(t('characters.region'), region),
    worldsDatalist(),
    h('button', { type: 'submit' }, t('characters.linkCharacter')),
  );
  keepDraft(form, DRAFT);
  onSubmit(form, async () => {
    const v = formValues(form);
    const ok = await submit({
      lodestoneId: (v.lodestoneId ?? '').trim(),
      name: (v.name ?? '').trim(),
      world: (v.world ?? '').trim(),
      datacenter: (v.datacenter ?? '').trim(),
      region: v.region as Region,
    });
    if (ok) clearDraft(DRAFT);
    return ok;
  });
  return { el: form };
}
