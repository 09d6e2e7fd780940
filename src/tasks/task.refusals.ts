import { DomainError, invalid } from '../errors.js';

/** A preset's reset rule is the game's; a player who wants another rhythm makes a task of their own. */
export const presetCadenceFixed = (): DomainError =>
  new DomainError(
    'PRESET_CADENCE',
    "A preset follows the game's own reset: its cadence, hours and region cannot be changed. Add a task of your own for another rhythm.",
    undefined,
    undefined,
    undefined,
    { key: 'errors.conflict.presetCadence' },
  );

/** The preset Jumbo Cactpot takes its drawing from a character's data center: adding or moving it account-wide is refused. */
export const jumboNeedsCharacter = (): DomainError =>
  invalid('Jumbo Cactpot depends on your data center: add it for a character (or create it with a region).', undefined, { key: 'errors.validation.jumboNeedsCharacter' });

/** A Jumbo Cactpot task of your own needs a drawing to follow: a character's, or a region's. */
export const jumboNeedsRegion = (): DomainError =>
  invalid('A Jumbo Cactpot task needs a character or a region (eu, na, jp, oc): the drawing time depends on it.', undefined, { key: 'errors.validation.jumboNeedsRegion' });
