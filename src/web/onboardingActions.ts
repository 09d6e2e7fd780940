import type { ActionHost } from './actions.js';
import type { OnboardingActions } from './views/onboarding.js';

/**
 * The first-visit flow's own moves; linking goes through the ordinary link actions, and the flow follows the
 * characters and tasks they change (see followOnboarding). `addPresets` adds and brings the new tasks into focus.
 */
export function createOnboardingActions(host: ActionHost, addPresets: OnboardingActions['addFirstPresets']): OnboardingActions {
  const { state } = host;
  return {
    skipToAccountWide: () => {
      state.onboarding = { step: 'presets', characterId: null };
      host.draw();
    },
    addFirstPresets: addPresets,
    endOnboarding: () => {
      state.onboarding = null;
      host.draw();
      document.getElementById('checklist-h')?.focus();
    },
  };
}
