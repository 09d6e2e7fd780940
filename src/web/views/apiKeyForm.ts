import { h } from '../dom.js';
import { t, type WebKey } from '../i18n.js';
import type { Character, NewApiKey } from '../types.js';
import { OFFERED_SCOPES } from './apiKeyList.js';
import { createKeyReach } from './apiKeyReach.js';
import { feedback, onSubmit } from './fields.js';

/** How long a new key may work, in days (null: until revoked). */
const EXPIRIES: readonly (readonly [number | null, WebKey])[] = [
  [null, 'apiKeys.never'],
  [30, 'apiKeys.in30'],
  [90, 'apiKeys.in90'],
  [365, 'apiKeys.in365'],
];
const DAY_MS = 86_400_000;

/** What the form tells whoever creates the key: its two message lines. */
export type FormFeedback = ReturnType<typeof feedback>;

/**
 * "Create a key": a name, which characters (all, or only some: see apiKeyReach.ts), what it may do (a box per scope,
 * in plain words; reading tasks ticked, as most tools only show them) and how long it works. Built once per view, so
 * a language change (relabel) keeps what is typed and ticked. `submit` answers true when the key was made; the form
 * is then cleared.
 */
export function createApiKeyForm(submit: (input: NewApiKey, say: FormFeedback) => Promise<boolean>) {
  const heading = h('h3', { id: 'api-key-create-h' });
  const name = h('input', { id: 'api-key-name', name: 'name', required: true, maxlength: 100, autocomplete: 'off', 'aria-describedby': 'api-key-name-hint' });
  const nameLabel = h('label', { for: name.id });
  const nameHint = h('small', { id: 'api-key-name-hint' });
  const legend = h('legend');
  const boxes = OFFERED_SCOPES.map(([scope, words], i) => {
    const box = h('input', { type: 'checkbox', id: `api-key-${scope.replace(':', '-')}`, value: scope, checked: i === 0 });
    return { scope, words, box, label: h('label', { for: box.id }) };
  });
  const broad = h('div', {}, ...boxes.map((b) => h('div', { class: 'preset' }, b.box, b.label)));
  const reach = createKeyReach();
  const expiry = h('select', { id: 'api-key-expiry' }, ...EXPIRIES.map(([days]) => h('option', { value: days === null ? '' : String(days) })));
  const expiryLabel = h('label', { for: expiry.id });
  const say = feedback();
  const button = h('button', { type: 'submit' });
  const el = h(
    'form',
    { id: 'api-key-form', class: 'stack api-key-form', 'aria-labelledby': heading.id },
    heading,
    h('div', { class: 'field' }, nameLabel, name, nameHint),
    reach.which,
    h('fieldset', { class: 'scopes' }, legend, broad, reach.access),
    h('div', { class: 'field' }, expiryLabel, expiry),
    say.el,
    h('div', { class: 'buttons' }, button),
  );

  const relabel = () => {
    heading.textContent = t('apiKeys.createHeading');
    nameLabel.textContent = t('apiKeys.name');
    nameHint.textContent = t('apiKeys.nameHint');
    legend.textContent = t('apiKeys.scopes');
    for (const b of boxes) b.label.textContent = t(b.words);
    expiryLabel.textContent = t('apiKeys.expiry');
    EXPIRIES.forEach(([, words], i) => (expiry.options[i]!.textContent = t(words)));
    button.textContent = t('apiKeys.create');
    reach.relabel();
  };

  /** Whether the alert line holds the form's own "choose something": a change of choice takes it away again. */
  let refused = false;
  const show = () => {
    broad.hidden = reach.limited();
    reach.draw();
  };
  el.addEventListener('change', () => {
    if (refused) say.fail(null);
    refused = false;
    show();
  });
  // form.reset() puts the choices back only after its reset event: drawn once they are.
  el.addEventListener('reset', () => queueMicrotask(show));

  onSubmit(el, async () => {
    const limited = reach.limited();
    const scopes: string[] = limited ? reach.scopes() : boxes.filter((b) => b.box.checked).map((b) => b.scope);
    refused = scopes.length === 0;
    if (refused) {
      say.fail(t(limited ? 'apiKeys.noCharacter' : 'apiKeys.noScope'));
      if (limited) reach.focusCharacters();
      else boxes[0]!.box.focus();
      return false;
    }
    const days = expiry.value === '' ? null : Number(expiry.value);
    const input: NewApiKey = { name: name.value.trim(), scopes, ...(days !== null && { expiresAt: new Date(Date.now() + days * DAY_MS).toISOString() }) };
    say.progress(t('apiKeys.creating'));
    return submit(input, say);
  });

  relabel();
  return {
    el,
    relabel,
    /** The player's characters, to limit a key to. */
    offer(characters: readonly Character[]) {
      reach.offer(characters);
      show();
    },
  };
}
