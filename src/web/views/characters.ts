import type { NewCharacter } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import type { LodestoneActions } from '../lodestoneActions.js';
import type { Character, Features } from '../types.js';
import { createCharacterList } from './characterList.js';
import { createLodestoneLink } from './lodestoneLink.js';
import { createManualLink } from './manualLink.js';
import type { LentLinkForm } from './onboarding.js';

/** The linked characters and a way to link one: from the Lodestone when the service reads it, by hand when not. */
export function createCharacterPanel(actions: LodestoneActions & { linkCharacter(input: NewCharacter): Promise<boolean> }, features: Features) {
  const list = createCharacterList(actions, features.lodestone);
  // The keyboard goes to the new row, unless something else took it meanwhile (the first visit moves on to its next step).
  const linked = (c: Character) => {
    const at = document.activeElement;
    if (at === null || at === document.body || link.el.contains(at)) list.focus(c);
  };
  const link = features.lodestone ? createLodestoneLink(actions, linked) : { ...createManualLink(actions.linkCharacter), update: () => {} };
  const lentNote = h('p', { class: 'hint', hidden: true }, t('firstVisit.linkAbove'));
  const home = h('details', { id: 'link-character-panel' }, h('summary', {}, t('characters.link')), lentNote, link.el);
  const linkForm: LentLinkForm = {
    lend: () => {
      lentNote.hidden = false;
      return link.el;
    },
    takeBack: () => {
      lentNote.hidden = true;
      home.append(link.el);
    },
  };
  return {
    el: h('section', { class: 'panel', 'aria-labelledby': 'characters-h' }, h('h2', { id: 'characters-h' }, t('characters.heading')), list.el, home),
    update(characters: Character[]) {
      list.update(characters);
      link.update(characters);
    },
    /** The link form, for a new account's first step to show where it is read first. */
    linkForm,
  };
}
