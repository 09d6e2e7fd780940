import { domId, h, replaceChildren } from '../dom.js';
import { t } from '../i18n.js';
import { defaultPresets, type Onboarding } from '../onboarding.js';
import type { Character, Features, Preset } from '../types.js';
import { feedback, onSubmit } from './fields.js';
import { presetChoice, presetsByCategory } from './presetChoices.js';

/** The step's heading: where the app puts the keyboard after a login while the flow shows. */
export const ONBOARDING_HEADING_ID = 'onboarding-step-h';

/** What the first-visit flow can ask the app to do. */
export interface OnboardingActions {
  /** Leaves the first step without a character: the presets picked next are the account's. */
  skipToAccountWide(): void;
  /** Adds the presets picked; the new tasks then scroll into view and the first of them takes the keyboard. */
  addFirstPresets(keys: string[], characterId: string | null): Promise<boolean>;
  /** Ends the flow with nothing added. */
  endOnboarding(): void;
}

/**
 * The characters panel's link form, lent to the first step while it shows: one form on the page, so its ids, its
 * drafts and its search results stay one.
 */
export interface LentLinkForm {
  lend(): HTMLElement;
  takeBack(): void;
}

/**
 * A new account's first visit: step 1 links a character (or skips to account-wide tasks), step 2 picks presets for
 * it with the usual ones ticked. Each step is a heading that takes focus when the step changes, so a screen reader
 * says where the flow went; the first step's own heading gets it from the app after the login.
 */
export function createOnboarding(actions: OnboardingActions, features: Features, linkForm: LentLinkForm) {
  const stepHeading = h('h3', { id: ONBOARDING_HEADING_ID, tabindex: -1 });
  const body = h('div', { class: 'onboarding-step' });
  const el = h('section', { class: 'panel onboarding', id: 'onboarding', 'aria-labelledby': 'onboarding-h', hidden: true }, h('h2', { id: 'onboarding-h' }, t('firstVisit.heading')), stepHeading, body);
  const presetStep = createPresetStep(actions);
  /** The step on screen ("character", or "presets" and whose), null before the first one and once it is over. */
  let shown: string | null = null;
  let lent = false;

  const giveBack = () => {
    if (lent) linkForm.takeBack();
    lent = false;
  };

  const characterStep = () => {
    lent = true;
    const hint = h('p', { class: 'hint', id: 'onboarding-skip-hint' }, t('firstVisit.skipHint'));
    return [
      h('p', {}, t(features.lodestone ? 'firstVisit.whyCharacter' : 'firstVisit.whyCharacterByHand')),
      linkForm.lend(),
      h(
        'div',
        { class: 'onboarding-skip' },
        h('button', { type: 'button', class: 'secondary', 'aria-describedby': 'onboarding-skip-hint', onclick: () => actions.skipToAccountWide() }, t('firstVisit.skip')),
        hint,
      ),
    ];
  };

  return {
    el,
    update(flow: Onboarding | null, characters: readonly Character[], presets: readonly Preset[]) {
      const key = flow === null ? null : flow.step === 'character' ? 'character' : `presets ${flow.characterId ?? ''}`;
      el.hidden = flow === null;
      const owner = flow?.step === 'presets' ? characters.find((c) => c.id === flow.characterId) : undefined;
      const title = flow === null ? '' : flow.step === 'character' ? t('firstVisit.stepCharacter') : owner ? t('firstVisit.stepPresets', { name: owner.name }) : t('firstVisit.stepPresetsAccount');
      if (stepHeading.textContent !== title) stepHeading.textContent = title; // a refresh may rename the character
      if (key !== shown) {
        if (flow?.step !== 'character') giveBack();
        if (flow?.step === 'character') replaceChildren(body, ...characterStep());
        else if (flow) replaceChildren(body, presetStep.el);
        else body.replaceChildren();
        // A step that follows another: the keyboard and the screen reader go to its heading.
        if (flow && shown !== null) stepHeading.focus();
        shown = key;
      }
      if (flow?.step === 'presets') presetStep.update(presets, flow.characterId);
    },
  };
}

/** Step 2: the catalogue by category, the defaults for this owner ticked, then Add or Not now. */
function createPresetStep(actions: OnboardingActions) {
  const list = h('div', { class: 'presets' });
  const chosen = new Set<string>();
  const say = feedback();
  const form = h(
    'form',
    { id: 'onboarding-presets-form', class: 'stack' },
    h('p', { class: 'hint' }, t('firstVisit.presetsHint')),
    list,
    say.el,
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary' }, t('firstVisit.add')),
      h('button', { type: 'button', class: 'secondary', onclick: () => actions.endOnboarding() }, t('firstVisit.notNow')),
    ),
  );
  let drawnFor: { presets: readonly Preset[]; characterId: string | null } | null = null;

  onSubmit(form, async () => {
    if (chosen.size === 0) {
      say.fail(t('firstVisit.noneChosen'));
      return false;
    }
    say.fail(null);
    return actions.addFirstPresets([...chosen], drawnFor?.characterId ?? null);
  });

  return {
    el: form,
    update(presets: readonly Preset[], characterId: string | null) {
      if (drawnFor?.presets === presets && drawnFor.characterId === characterId) return; // keeps what was ticked since
      if (drawnFor?.characterId !== characterId) {
        chosen.clear();
        for (const key of defaultPresets(presets, characterId)) chosen.add(key);
      }
      drawnFor = { presets, characterId };
      // The Jumbo Cactpot draws per data center: an account-wide one is refused, so it is not offered.
      const offered = presets.filter((p) => characterId !== null || p.cadence !== 'jumbo-cactpot');
      replaceChildren(list, ...presetsByCategory(offered, (p) => presetChoice(p, domId('first-preset', p.key), chosen)));
    },
  };
}
