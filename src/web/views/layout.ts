import type { NewCharacter, NewTask } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import type { GroupActions } from '../groupActions.js';
import { t } from '../i18n.js';
import type { LodestoneActions } from '../lodestoneActions.js';
import type { Onboarding } from '../onboarding.js';
import type { Character, Features, Group, GroupBoard, Preset, Resets, Task } from '../types.js';
import { createCharacterPanel } from './characters.js';
import { renderChecklist, type ChecklistActions, type Editing } from './checklist.js';
import { createGroupBoards } from './groupBoards.js';
import { createOnboarding, type OnboardingActions } from './onboarding.js';
import { createPresetForm } from './presetForm.js';
import { renderResets } from './resets.js';
import { createTaskForm } from './taskForm.js';

/** What the logged-in screen shows. */
export interface ScreenState {
  tasks: Task[];
  characters: Character[];
  presets: Preset[];
  resets: Resets | null;
  editing: Editing | null;
  /** Asked once per page load: which character forms work on this service. */
  features: Features | null;
  /** The groups the player is in, and the latest board of each that has arrived (kept fresh by polling). */
  groups: Group[];
  boards: Map<string, GroupBoard>;
  /** A new account's first visit, while it lasts (onboarding.ts). */
  onboarding: Onboarding | null;
}

export interface ScreenActions extends ChecklistActions, LodestoneActions, GroupActions, OnboardingActions {
  addTask(input: NewTask): Promise<boolean>;
  addPresets(keys: string[], characterId: string | null): Promise<boolean>;
  linkCharacter(input: NewCharacter): Promise<boolean>;
}

/**
 * The logged-in screen, built once per login: the checklist first (on a phone it is all you see before
 * scrolling) with the group boards under it (they are wide), then the reset clock and the forms. `update`
 * refreshes the parts that depend on data and leaves the forms and what is typed in them alone.
 */
export function createScreen(actions: ScreenActions, features: Features) {
  const checklist = h('div', { id: 'checklist' });
  const resets = h('div', { id: 'resets' });
  const presetForm = createPresetForm(actions.addPresets);
  const taskForm = createTaskForm(actions.addTask);
  const characters = createCharacterPanel(actions, features);
  const groups = createGroupBoards(actions);
  const onboarding = createOnboarding(actions, features, characters.linkForm);
  let first = true;
  // Hidden while a new account is led through its first visit: until then it would only say that it is empty.
  const checklistSection = h('section', { class: 'checklist', 'aria-labelledby': 'checklist-h' }, h('h2', { id: 'checklist-h', class: 'visually-hidden', tabindex: -1 }, t('checklist.heading')), checklist);
  const updateGroups = (s: ScreenState) => groups.update(s.groups, s.boards, s.characters, s.presets);

  const el = h(
    'div',
    { class: 'layout' },
    h(
      'div',
      { class: 'main-column' },
      onboarding.el,
      checklistSection,
      groups.el,
    ),
    h(
      'div',
      { class: 'side' },
      h('section', { class: 'panel', 'aria-labelledby': 'resets-h' }, h('h2', { id: 'resets-h' }, t('resets.heading')), resets),
      presetForm.el,
      taskForm.el,
      characters.el,
    ),
  );

  return {
    el,
    update(s: ScreenState) {
      replaceChildren(checklist, renderChecklist(s.tasks, s.characters, s.presets, s.editing, actions));
      replaceChildren(resets, renderResets(s.resets, s.characters));
      presetForm.update(s.presets, s.tasks, s.characters);
      taskForm.update(s.characters, first);
      characters.update(s.characters);
      updateGroups(s);
      onboarding.update(s.onboarding, s.characters, s.presets);
      checklistSection.hidden = s.onboarding !== null;
      // A new account starts from the presets.
      if (first && s.tasks.length === 0 && s.onboarding === null) presetForm.el.open = true;
      first = false;
    },
    /** The groups panel alone, for a board that changed: the checklist and the forms stay as they are. */
    updateGroups,
  };
}
