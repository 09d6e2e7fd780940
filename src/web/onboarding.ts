import type { Character, Preset, Task } from './types.js';

/**
 * Where a new account stands in its first visit: linking a character, then picking presets for it (or, skipped,
 * for the account). Null once it is over, or for an account that already had something.
 */
export type Onboarding = { step: 'character' } | { step: 'presets'; characterId: string | null };

/** Decided once per login, from what the account holds when the checklist first loads. */
export function startOnboarding(tasks: readonly Task[], characters: readonly Character[]): Onboarding | null {
  return tasks.length === 0 && characters.length === 0 ? { step: 'character' } : null;
}

/**
 * Where the flow goes after any change, from wherever it came (its own forms, the side panels, a group's "Track them"):
 * a task means the checklist has something to show, so the flow is over; a character linked while on the first step
 * moves it on to that character's presets; the character it was picking for, unlinked meanwhile, sends it back.
 */
export function followOnboarding(current: Onboarding | null, tasks: readonly Task[], characters: readonly Character[]): Onboarding | null {
  if (current === null || tasks.length > 0) return null;
  if (current.step === 'character') {
    const newest = characters.at(-1);
    return newest ? { step: 'presets', characterId: newest.id } : current;
  }
  if (current.characterId !== null && !characters.some((c) => c.id === current.characterId)) {
    return characters.length === 0 ? { step: 'character' } : null;
  }
  return current;
}

/**
 * What a new player most likely does every day and week, ticked in advance so that one press sets up a useful
 * checklist. Leveling and Main Scenario are the roulettes a levelling character runs daily for their large EXP
 * bonuses (Expert and the level-cap roulettes come later, and are one tick away); Wondrous Tails, Custom Deliveries,
 * the Fashion Report and the Jumbo Cactpot are the weekly chores nearly every player does, whatever their level. In
 * the game all of them count per character, which is why the flow asks for a character first.
 */
const DEFAULT_PRESETS: readonly string[] = [
  'roulette-leveling',
  'roulette-main-scenario',
  'wondrous-tails',
  'custom-deliveries',
  'fashion-report',
  'jumbo-cactpot',
];

/** The defaults that the catalogue holds and that this owner can have: the Jumbo Cactpot draws per data center, so not account-wide. */
export function defaultPresets(presets: readonly Preset[], characterId: string | null): string[] {
  return presets.filter((p) => DEFAULT_PRESETS.includes(p.key) && (characterId !== null || p.cadence !== 'jumbo-cactpot')).map((p) => p.key);
}
