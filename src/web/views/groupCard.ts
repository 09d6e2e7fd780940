import { domId, h } from '../dom.js';
import { t } from '../i18n.js';
import type { Group, GroupBoard } from '../types.js';
import { createBoardTable } from './boardTable.js';
import { codeRow } from './codeRow.js';
import { resetNote } from './checklist.js';
import { isBusy, markBusy } from './fields.js';

export interface GroupCardActions {
  leaveGroup(group: Group): Promise<boolean>;
}

/**
 * One group: its name, members and next reset, the board, how to invite someone, and Leave. Built once per group
 * and updated in place, so a board refresh leaves focus, a selection and an open confirmation where they were.
 */
export function createGroupCard(first: Group, actions: GroupCardActions) {
  let group = first;
  let shownReset: string | null | undefined;
  const headingId = domId('group-h', group.id);
  const heading = h('h3', { id: headingId }, group.name);
  const members = h('span', { class: 'board-meta' });
  const reset = h('span', { class: 'board-reset' });
  const leave = h('button', { type: 'button', class: 'quiet danger', id: domId('leave', group.id), 'aria-label': t('groups.leaveLabel', { name: group.name }) }, t('groups.leave'));
  const loading = h('p', { class: 'loading' }, t('groups.loading'));
  const table = createBoardTable(headingId, group.name);
  table.el.hidden = true;
  let confirmBox: HTMLElement | null = null;

  const closeConfirm = () => {
    confirmBox?.remove();
    confirmBox = null;
    leave.focus();
  };

  /** Asks in the page, next to the button (no window.confirm: it blocks the page and cannot be styled or read in context). */
  const askToLeave = () => {
    if (confirmBox) {
      confirmBox.querySelector<HTMLButtonElement>('button.cancel')?.focus();
      return;
    }
    const questionId = domId('leave-q', group.id);
    const yes = h('button', { type: 'button', class: 'danger-solid', id: domId('leave-yes', group.id) }, t('groups.leaveLabel', { name: group.name }));
    const no = h('button', { type: 'button', class: 'quiet cancel' }, t('page.cancel'));
    yes.addEventListener('click', async () => {
      if (isBusy(yes)) return;
      const done = markBusy(yes, t('groups.leaving'), t('groups.leavingLabel', { name: group.name }));
      if (await actions.leaveGroup(group)) document.getElementById('groups-h')?.focus(); // this card is gone
      else done(); // the API's sentence is in the message; nothing changed, so the question stays
    });
    no.addEventListener('click', closeConfirm);
    confirmBox = h(
      'div',
      {
        class: 'confirm',
        role: 'group',
        'aria-labelledby': questionId,
        onkeydown: (e: Event) => {
          if ((e as KeyboardEvent).key === 'Escape') closeConfirm();
        },
      },
      h('p', { id: questionId }, t('groups.leaveQuestion', { name: group.name })),
      h('div', { class: 'buttons' }, yes, no),
    );
    head.after(confirmBox);
    no.focus(); // the harmless choice first: pressing Enter twice does not leave
  };
  leave.addEventListener('click', askToLeave);

  const head = h('div', { class: 'board-head' }, heading, members, reset, leave);
  const el = h('section', { class: 'board', 'aria-labelledby': headingId, 'data-group': group.id }, head, loading, table.el, invite(group));

  return {
    el,
    /** `presetNames`: the presets' names in the page's language, for the board's columns. */
    update(next: Group, board: GroupBoard | undefined, presetNames: ReadonlyMap<string, string>) {
      group = board?.group ?? next;
      if (heading.textContent !== group.name) heading.textContent = group.name;
      leave.setAttribute('aria-label', t('groups.leaveLabel', { name: group.name }));
      const count = t('groups.members', { count: group.memberCount });
      if (members.textContent !== count) members.textContent = count;
      if (!board) return;
      loading.remove();
      table.el.hidden = false;
      table.update(board, presetNames);
      // Only a new instant is drawn again: the countdown inside is kept ticking by the page's clock.
      if (board.nextReset !== shownReset) {
        shownReset = board.nextReset;
        reset.replaceChildren(...(board.nextReset ? [resetNote('groups.nextResetIn', board.nextReset)] : []));
      }
    },
  };
}

/** The group's id, to give to whoever should join: read-only, selected whole on focus, with Copy where the page may. */
function invite(group: Group): HTMLElement {
  const fieldId = domId('invite', group.id);
  const hintId = domId('invite-hint', group.id);
  return h(
    'details',
    { class: 'invite', id: domId('invite-panel', group.id) },
    h('summary', {}, t('groups.invite')),
    codeRow({
      id: fieldId,
      label: t('groups.inviteId'),
      value: group.id,
      describedBy: hintId,
      copyLabel: t('groups.copyLabel', { name: group.name }),
      refused: t('groups.copyRefused'),
    }),
    h('p', { id: hintId, class: 'hint' }, t('groups.inviteHint')),
  );
}
