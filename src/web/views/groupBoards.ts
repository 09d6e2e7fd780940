import { h, syncChildren } from '../dom.js';
import { t } from '../i18n.js';
import type { GroupActions } from '../groupActions.js';
import type { Character, Group, GroupBoard, Preset } from '../types.js';
import { createGroupCard } from './groupCard.js';
import { createJoinGroup } from './joinGroup.js';

/**
 * "Groups": the boards of the groups the player is in (refreshed by polling, see boardPolling.ts), and joining one.
 * Cards are kept per group and updated in place; a group the player left or lost is simply taken out.
 */
export function createGroupBoards(actions: GroupActions) {
  const list = h('div', { class: 'boards' });
  const none = h('p', { class: 'empty' }, t('groups.none'));
  const join = createJoinGroup(actions);
  // Closed until asked for, like the other forms: most visits are for the checklist.
  const details = h('details', { class: 'join', id: 'join-group-panel' }, h('summary', {}, t('join.heading')), join.el);
  const cards = new Map<string, ReturnType<typeof createGroupCard>>();

  return {
    el: h('section', { class: 'panel groups', id: 'groups-panel', 'aria-labelledby': 'groups-h' }, h('h2', { id: 'groups-h', tabindex: -1 }, t('groups.heading')), none, list, details),
    update(groups: Group[], boards: ReadonlyMap<string, GroupBoard>, characters: Character[], presets: Preset[]) {
      none.hidden = groups.length > 0;
      const presetNames = new Map(presets.map((p) => [p.key, p.name]));
      syncChildren(
        list,
        groups.map((g) => {
          let card = cards.get(g.id);
          if (!card) cards.set(g.id, (card = createGroupCard(g, actions)));
          card.update(g, boards.get(g.id), presetNames);
          return card.el;
        }),
      );
      const ids = new Set(groups.map((g) => g.id));
      for (const id of cards.keys()) if (!ids.has(id)) cards.delete(id);
      join.update(characters, presets);
    },
  };
}
