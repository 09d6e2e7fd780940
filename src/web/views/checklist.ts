import { ensureAnnouncer } from '../announce.js';
import { domId, h } from '../dom.js';
import { cadenceLabel, t } from '../i18n.js';
import { CADENCE_ORDER } from '../labels.js';
import { showsHidden } from '../taskPrefs.js';
import { serverNow } from '../time.js';
import type { Cadence, Character, Preset, Task } from '../types.js';
import { characterBadge } from './characterBadge.js';
import { resetNote } from './countdown.js';
import { ownerProgress } from './ownerProgress.js';
import { editorRow, type Editing } from './taskEditor.js';
import { taskName } from './taskName.js';
import { taskRow, type RowActions } from './taskRow.js';

export { resetNote } from './countdown.js';
export { taskName } from './taskName.js';
export type { Editing } from './taskEditor.js';

/** What the checklist can ask the app to do. */
export interface ChecklistActions extends RowActions {
  /** The "Show hidden" toggle (remembered on this browser). */
  showHidden(show: boolean): void;
}

/** What every row needs besides its task. */
interface RowContext {
  editing: Editing | null;
  actions: ChecklistActions;
  presets: readonly Preset[];
  characters: readonly Character[];
}

/**
 * The checklist: one section per owner (account-wide, then each character) with its progress, one list per cadence.
 * Hidden tasks are left out unless "Show hidden" is on.
 */
export function renderChecklist(tasks: Task[], characters: Character[], presets: readonly Preset[], editing: Editing | null, actions: ChecklistActions): Node {
  ensureAnnouncer();
  if (tasks.length === 0) {
    return h('p', { class: 'empty' }, t('checklist.empty'));
  }
  const hiddenCount = tasks.filter((task) => task.hidden).length;
  const showHidden = showsHidden() && hiddenCount > 0;
  const shown = showHidden ? tasks : tasks.filter((task) => !task.hidden);
  const ctx: RowContext = { editing, actions, presets, characters };
  const owners: { id: string | null; title: Character | string }[] = [
    { id: null, title: t('checklist.accountWide') },
    ...characters.map((c) => ({ id: c.id, title: c })),
  ];
  const known = new Set(owners.map((o) => o.id));
  const strays = shown.filter((task) => !known.has(task.characterId));
  const sections = owners.map((o) => ownerSection(o.title, o.id ?? 'account', shown.filter((task) => task.characterId === o.id), ctx));
  if (strays.length > 0) sections.push(ownerSection(t('checklist.other'), 'other', strays, ctx));
  const toggle =
    hiddenCount > 0
      ? h(
          'button',
          { type: 'button', id: 'show-hidden', class: 'quiet', 'aria-pressed': String(showHidden), onclick: () => actions.showHidden(!showHidden) },
          t('taskRow.showHidden', { count: hiddenCount }),
        )
      : null;
  return h(
    'div',
    { class: 'checklist-body' },
    toggle ? h('div', { class: 'checklist-tools' }, toggle) : null,
    shown.length === 0 ? h('p', { class: 'empty' }, t('taskRow.allHidden')) : h('div', { class: 'owners' }, ...sections),
  );
}

function ownerSection(title: Character | string, key: string, tasks: Task[], ctx: RowContext): Node | null {
  if (tasks.length === 0) return null;
  const headingId = domId('owner', key);
  const groups = CADENCE_ORDER.map((cadence) => {
    const inGroup = tasks.filter((task) => task.cadence === cadence);
    return inGroup.length === 0 ? null : cadenceGroup(cadence, `${key}-${cadence}`, inGroup, ctx);
  });
  const name = typeof title === 'string' ? title : title.name;
  return h(
    'section',
    { class: 'owner', 'aria-labelledby': headingId },
    h('div', { class: 'owner-head' }, h('h2', { id: headingId }, ...(typeof title === 'string' ? [title] : characterBadge(title))), ownerProgress(name, tasks)),
    ...groups.filter((g) => g !== null),
  );
}

function cadenceGroup(cadence: Cadence, key: string, tasks: Task[], ctx: RowContext): Node {
  // Hidden tasks shown on request do not count: they are out of the player's day.
  const counted = tasks.filter((task) => !task.hidden);
  const done = counted.filter((task) => task.done).length;
  const headingId = domId('group', key);
  // Cooldowns each run on their own clock (shown per row); every other cadence resets its group at once.
  const end = cadence === 'cooldown' ? null : tasks.find((task) => task.periodEnd)?.periodEnd ?? null;
  const opensAt = tasks.find((task) => task.opensAt)?.opensAt ?? null;
  return h(
    'section',
    { class: 'group', 'aria-labelledby': headingId },
    h(
      'h3',
      { id: headingId },
      h('span', { class: 'cadence' }, cadenceLabel(cadence)),
      h('span', { class: 'progress' }, h('span', { 'aria-hidden': 'true' }, `${done}/${counted.length}`), h('span', { class: 'visually-hidden' }, t('checklist.progress', { done, total: counted.length }))),
      end ? resetNote('checklist.resetsIn', end) : null,
      opensAt && Date.parse(opensAt) > serverNow() ? resetNote('checklist.judgingOpensIn', opensAt) : null,
    ),
    h(
      'ul',
      { class: 'tasks' },
      ...tasks.map((task, index) =>
        task.id === ctx.editing?.id
          ? editorRow(task, ctx.editing, ctx.characters, ctx.presets, ctx.actions)
          : taskRow(task, taskName(task, ctx.presets), { index, count: tasks.length }, ctx.actions),
      ),
    ),
  );
}
