import type { NewCharacter } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import type { LodestoneActions } from '../lodestoneActions.js';
import type { Character, Features } from '../types.js';
import { createCharacterList } from './characterList.js';
import { createLodestoneLink } from './lodestoneLink.js';
import { createManualLink } from './manualLink.js';

/** The linked characters and a way to link one: from the Lodestone when the service reads it, by hand when not. */
export function createCharacterPanel(actions: LodestoneActions & { linkCharacter(input: NewCharacter): Promise<boolean> }, features: Features) {
  const list = createCharacterList(actions, features.lodestone);
  const link = features.lodestone ? createLodestoneLink(actions, list.focus) : { ...createManualLink(actions.linkCharacter), update: () => {} };
  return {
    el: h(
      'section',
      { class: 'panel', 'aria-labelledby': 'characters-h' },
      h('h2', { id: 'characters-h' }, t('characters.heading')),
      list.el,
      h('details', { id: 'link-character-panel' }, h('summary', {}, t('characters.link')), link.el),
    ),
    update(characters: Character[]) {
      list.update(characters);
      link.update(characters);
    },
  };
}
