import type { Cadence } from '../resets/cadences.js';

/** A standard FFXIV chore a player can add in one click. */
export interface Preset {
  key: string;
  name: string;
  cadence: Cadence;
  category: PresetCategory;
  /** For `cooldown` presets. */
  intervalHours?: number;
  description: string;
}

export const PRESET_CATEGORIES = ['Duty Roulettes', 'Daily', 'Grand Company', 'Gold Saucer', 'Weekly', 'Cooldowns'] as const;
export type PresetCategory = (typeof PRESET_CATEGORIES)[number];

// Dawntrail (7.x). Every entry carries its own cadence because trackers keep getting these
// wrong: GC turn-ins reset at 20:00 UTC, Mini Cactpot daily, Jumbo Cactpot by region.
export const PRESETS: readonly Preset[] = Object.freeze([
  { key: 'roulette-leveling', name: 'Duty Roulette: Leveling', cadence: 'daily', category: 'Duty Roulettes', description: 'Daily bonus EXP and tomestones.' },
  { key: 'roulette-high-level-dungeons', name: 'Duty Roulette: High-level Dungeons', cadence: 'daily', category: 'Duty Roulettes', description: 'Level 50/60/70/80/90 dungeons.' },
  { key: 'roulette-expert', name: 'Duty Roulette: Expert', cadence: 'daily', category: 'Duty Roulettes', description: 'Latest expert dungeons; big tomestone bonus.' },
  { key: 'roulette-trials', name: 'Duty Roulette: Trials', cadence: 'daily', category: 'Duty Roulettes', description: 'Daily bonus for trials.' },
  { key: 'roulette-main-scenario', name: 'Duty Roulette: Main Scenario', cadence: 'daily', category: 'Duty Roulettes', description: 'Large EXP bonus for levelling jobs.' },
  { key: 'roulette-alliance-raids', name: 'Duty Roulette: Alliance Raids', cadence: 'daily', category: 'Duty Roulettes', description: 'Daily bonus for alliance raids.' },
  { key: 'roulette-normal-raids', name: 'Duty Roulette: Normal Raids', cadence: 'daily', category: 'Duty Roulettes', description: 'Daily bonus for normal raids.' },
  { key: 'roulette-guildhests', name: 'Duty Roulette: Guildhests', cadence: 'daily', category: 'Duty Roulettes', description: 'Quick EXP for low-level jobs.' },
  { key: 'roulette-mentor', name: 'Duty Roulette: Mentor', cadence: 'daily', category: 'Duty Roulettes', description: 'For mentors.' },
  { key: 'roulette-frontline', name: 'Daily Frontline', cadence: 'daily', category: 'Duty Roulettes', description: 'PvP daily bonus.' },
  { key: 'allied-society-quests', name: 'Allied society quests', cadence: 'daily', category: 'Daily', description: 'Daily allowances for allied society reputation.' },
  { key: 'daily-hunts', name: 'Daily hunt bills', cadence: 'daily', category: 'Daily', description: 'Hunt bills from the hunt boards.' },
  { key: 'mini-cactpot', name: 'Mini Cactpot', cadence: 'daily', category: 'Gold Saucer', description: 'Three scratch tickets a day at the Gold Saucer.' },
  { key: 'gc-supply-provisioning', name: 'Grand Company supply & provisioning', cadence: 'gc-daily', category: 'Grand Company', description: 'Turn-ins reset at 20:00 UTC, not at the daily reset.' },
  { key: 'jumbo-cactpot', name: 'Jumbo Cactpot tickets', cadence: 'jumbo-cactpot', category: 'Gold Saucer', description: 'Buy tickets before your data center\'s weekly drawing.' },
  { key: 'fashion-report', name: 'Fashion Report', cadence: 'fashion-report', category: 'Gold Saucer', description: 'Judging opens Friday 08:00 UTC, closes at the weekly reset.' },
  { key: 'wondrous-tails', name: 'Wondrous Tails', cadence: 'weekly', category: 'Weekly', description: 'Pick up and turn in Khloe\'s journal.' },
  { key: 'custom-deliveries', name: 'Custom Deliveries', cadence: 'weekly', category: 'Weekly', description: 'Twelve deliveries a week across clients.' },
  { key: 'weekly-hunts', name: 'Elite hunt marks', cadence: 'weekly', category: 'Weekly', description: 'Weekly elite mark bills.' },
  { key: 'challenge-log', name: 'Challenge Log', cadence: 'weekly', category: 'Weekly', description: 'Weekly challenges for EXP and gil.' },
  { key: 'doman-enclave', name: 'Doman Enclave donations', cadence: 'weekly', category: 'Weekly', description: 'Weekly gil donations.' },
  { key: 'savage-raid-loot', name: 'Savage raid loot', cadence: 'weekly', category: 'Weekly', description: 'One loot clear per floor a week.' },
  { key: 'tomestone-cap', name: 'Weekly tomestone cap', cadence: 'weekly', category: 'Weekly', description: 'Cap this week\'s capped tomestones.' },
  { key: 'masked-carnivale', name: 'Masked Carnivale weekly targets', cadence: 'weekly', category: 'Weekly', description: 'Blue Mage weekly targets.' },
  { key: 'faux-hollows', name: 'Faux Hollows', cadence: 'weekly', category: 'Weekly', description: 'Unreal trial rewards from the Faux Commander.' },
  { key: 'treasure-map', name: 'Timeworn treasure map', cadence: 'cooldown', intervalHours: 18, category: 'Cooldowns', description: 'One gathered map every 18 hours.' },
]);

const BY_KEY = new Map(PRESETS.map((p) => [p.key, p]));

export const findPreset = (key: string): Preset | undefined => BY_KEY.get(key);
