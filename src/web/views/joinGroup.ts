import { clearDraft, keepDraft } from '../drafts.js';
import { h } from '../dom.js';
import type { GroupActions } from '../groupActions.js';
import { listed, t } from '../i18n.js';
import { characterLabel } from '../labels.js';
import type { Character, Preset } from '../types.js';
import { feedback, field, isBusy, markBusy } from './fields.js';

const DRAFT = 'join-group';

/**
 * "Join a group": the id a member shared and the character(s) to join with. The answer names the group's presets the
 * player does not track yet, with one button to track them for the character(s) joined with.
 */
export function createJoinGroup(actions: Pick<GroupActions, 'joinGroup' | 'trackPresets'>) {
  const groupId = h('input', { id: 'join-group-id', name: 'groupId', required: true, maxlength: 64, autocomplete: 'off', spellcheck: 'false' });
  const choice = h('select', { id: 'join-character', name: 'characterId' });
  const button = h('button', { type: 'submit' }, t('join.join'));
  const said = feedback();
  const form = h(
    'form',
    { id: 'join-group-form', class: 'stack' },
    field(t('join.groupId'), groupId, t('join.groupIdHint')),
    field(t('join.with'), choice, t('join.withHint')),
    button,
    said.el,
  );
  const missing = h('div', { class: 'missing', hidden: true });
  let characters: Character[] = [];
  let presets: Preset[] = [];
  let first = true;
  let shownCharacters = '';

  const nameOf = (key: string) => presets.find((p) => p.key === key)?.name ?? key;

  /** The presets a join found untracked, and the button that tracks them for those characters. */
  const offer = (groupName: string, keys: string[], owners: Character[]) => {
    const names = listed(keys.map(nameOf));
    const whom = owners.length === 1 ? owners[0]!.name : t('join.eachCharacter');
    const text = h('p', { tabindex: -1 }, t('join.untracked', { count: keys.length, names }));
    const track = h('button', { type: 'button', id: 'track-missing', 'aria-label': t('join.trackLabel', { names, whom }) }, t('join.track'));
    const trackSaid = feedback();
    track.addEventListener('click', async () => {
      if (isBusy(track)) return;
      const done = markBusy(track, t('join.adding'), t('join.addingLabel', { names, whom }));
      const r = await actions.trackPresets(keys, owners.map((c) => c.id));
      done();
      if (!r.ok) return trackSaid.fail(r.message);
      missing.replaceChildren(text);
      text.textContent = t('join.tracked', { count: keys.length, tasks: t('join.tasks', { count: r.value }), whom, names, group: groupName });
      text.focus(); // the button is gone: the keyboard stays here, on what happened
    });
    missing.replaceChildren(text, h('div', { class: 'buttons' }, track), trackSaid.el);
    missing.hidden = false;
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (isBusy(button)) return;
    const chosen = choice.value || null;
    const owners = chosen ? characters.filter((c) => c.id === chosen) : characters;
    const done = markBusy(button, t('join.joining'));
    missing.hidden = true;
    said.progress('');
    const r = await actions.joinGroup(groupId.value.trim(), chosen);
    done();
    if (!r.ok) return said.fail(r.message); // the id stays, to correct
    form.reset();
    clearDraft(DRAFT);
    const { group, missingPresets } = r.value;
    said.done(t(missingPresets.length === 0 ? 'join.joinedAllTracked' : 'join.joined', { name: group.name }));
    if (missingPresets.length > 0) offer(group.name, missingPresets, owners);
  });

  return {
    el: h('div', { class: 'join-group' }, form, missing),
    update(nextCharacters: Character[], nextPresets: Preset[]) {
      characters = nextCharacters;
      presets = nextPresets;
      // Rebuilt only when the characters changed: a redraw after every tick would otherwise close an open list.
      const sig = JSON.stringify(characters.map((c) => [c.id, characterLabel(c)]));
      if (sig === shownCharacters) return;
      shownCharacters = sig;
      const current = choice.value;
      choice.replaceChildren(h('option', { value: '' }, t('join.allCharacters')), ...characters.map((c) => h('option', { value: c.id }, characterLabel(c))));
      if ([...choice.options].some((o) => o.value === current)) choice.value = current;
      if (first) keepDraft(form, DRAFT); // once the characters are listed, so a saved choice can be picked again
      first = false;
    },
  };
}
