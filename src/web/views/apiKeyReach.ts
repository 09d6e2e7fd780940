import { domId, h } from '../dom.js';
import { listed, t } from '../i18n.js';
import { characterLabel } from '../labels.js';
import type { Character } from '../types.js';

/** What a key limited to characters may do with them; the service's `write` includes reading (src/apiKeys/scopes.ts). */
type Access = 'read' | 'write';

const choice = (input: HTMLInputElement, label: HTMLLabelElement) => h('div', { class: 'preset' }, input, label);

/**
 * "Which characters" for a new key: all of them (then the form's four boxes say what it may do), or only those ticked,
 * each given `character:<lodestoneId>:read` or `:write`. Only the player's own linked characters are offered: the
 * service takes any id, but a scope for a character that is not theirs reaches nothing. A limited key sees nothing
 * account-wide, and its write also refreshes or unlinks those characters; the sentence under the choice says so,
 * because the scope names alone would not.
 *
 * `which` is the fieldset of that choice; `access` (read, or read and write) and its sentence go where the four
 * boxes are, which the form hides while the key is `limited`. Hidden until `offer` says which characters there are.
 */
export function createKeyReach() {
  let characters: readonly Character[] = [];
  const legend = h('legend');
  const all = h('input', { type: 'radio', name: 'api-key-reach', id: 'api-key-all', value: 'all', checked: true });
  const some = h('input', { type: 'radio', name: 'api-key-reach', id: 'api-key-some', value: 'some' });
  const allLabel = h('label', { for: all.id });
  const someLabel = h('label', { for: some.id, id: 'api-key-some-label' });
  const boxes = h('div', { class: 'api-key-characters', role: 'group', 'aria-labelledby': someLabel.id });
  const noneLinked = h('small', { id: 'api-key-none-linked', hidden: true });
  const which = h('fieldset', { class: 'api-key-reach', hidden: true }, legend, choice(all, allLabel), choice(some, someLabel), boxes, noneLinked);

  const said = h('p', { id: 'api-key-reach-said', class: 'hint' });
  const read = h('input', { type: 'radio', name: 'api-key-access', id: 'api-key-read', value: 'read', checked: true, 'aria-describedby': said.id });
  const write = h('input', { type: 'radio', name: 'api-key-access', id: 'api-key-write', value: 'write', 'aria-describedby': said.id });
  const readLabel = h('label', { for: read.id });
  const writeLabel = h('label', { for: write.id });
  const access = h('div', { class: 'api-key-access', hidden: true }, choice(read, readLabel), choice(write, writeLabel), said);

  const ticked = () => [...boxes.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value);
  const level = (): Access => (write.checked ? 'write' : 'read');
  const limited = () => some.checked && !some.disabled;

  /** Shows what the current choice needs, and says in a sentence what such a key could do. */
  const draw = () => {
    boxes.hidden = !limited();
    access.hidden = !limited();
    const chosen = characters.filter((c) => ticked().includes(c.lodestoneId));
    said.textContent =
      chosen.length === 0
        ? t('apiKeys.reachNone')
        : t(level() === 'read' ? 'apiKeys.reachRead' : 'apiKeys.reachWrite', { count: chosen.length, names: listed(chosen.map(characterLabel)) });
  };

  return {
    which,
    access,
    limited,
    /** The scopes of a limited key: none while no character is ticked. */
    scopes: () => ticked().map((lodestoneId) => `character:${lodestoneId}:${level()}`),
    focusCharacters: () => boxes.querySelector('input')?.focus(),
    draw,
    /** The player's linked characters, as offered; what was ticked stays ticked. */
    offer(next: readonly Character[]) {
      const kept = ticked();
      characters = next;
      boxes.replaceChildren(
        ...next.map((c) => {
          const box = h('input', { type: 'checkbox', id: domId('api-key-character', c.lodestoneId), value: c.lodestoneId });
          box.checked = kept.includes(c.lodestoneId);
          return choice(box, h('label', { for: box.id }, characterLabel(c)));
        }),
      );
      // Without a character there is nothing to limit a key to: the choice stays in sight, saying what it needs.
      some.disabled = next.length === 0;
      noneLinked.hidden = next.length > 0;
      if (next.length === 0) some.setAttribute('aria-describedby', noneLinked.id);
      else some.removeAttribute('aria-describedby');
      which.hidden = false;
      draw();
    },
    relabel() {
      legend.textContent = t('apiKeys.whichCharacters');
      allLabel.textContent = t('apiKeys.allCharacters');
      someLabel.textContent = t('apiKeys.someCharacters');
      noneLinked.textContent = t('apiKeys.noneLinked');
      readLabel.textContent = t('apiKeys.readOnly');
      writeLabel.textContent = t('apiKeys.readWrite');
      draw();
    },
  };
}
