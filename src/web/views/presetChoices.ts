import { h } from '../dom.js';
import type { Preset } from '../types.js';

/** The catalogue grouped by category, each headed by its name in the page's language, one `choice` per preset. */
export function presetsByCategory(presets: readonly Preset[], choice: (p: Preset) => Node): HTMLElement[] {
  const categories = [...new Set(presets.map((p) => p.category))];
  return categories.map((category) => {
    const inCategory = presets.filter((p) => p.category === category);
    return h('fieldset', {}, h('legend', {}, inCategory[0]!.categoryName), ...inCategory.map(choice));
  });
}

/**
 * One preset's box, name and description; ticking it puts its key in `chosen`. `unavailable`: it cannot be ticked,
 * shown ticked or not, with a note saying why.
 */
export function presetChoice(p: Preset, id: string, chosen: Set<string>, unavailable?: { checked: boolean; note: string }): HTMLElement {
  const box = h('input', { type: 'checkbox', id, name: 'keys', value: p.key, checked: unavailable ? unavailable.checked : chosen.has(p.key), disabled: unavailable !== undefined });
  box.addEventListener('change', () => (box.checked ? chosen.add(p.key) : chosen.delete(p.key)));
  return h(
    'div',
    { class: 'preset' },
    box,
    h('label', { for: id }, h('span', {}, p.name, unavailable ? h('span', { class: 'tag' }, unavailable.note) : null), h('small', {}, p.description)),
  );
}
