/** Data-center regions, as the seed Character API names them. */
export const REGIONS = ['eu', 'na', 'jp', 'oc'] as const;
export type Region = (typeof REGIONS)[number];

/** How a task resets. */
export const CADENCES = ['daily', 'weekly', 'gc-daily', 'fashion-report', 'jumbo-cactpot', 'cooldown', 'once'] as const;
export type Cadence = (typeof CADENCES)[number];

/** What the engine needs to know about a task's cadence. */
export type CadenceRule =
  | { cadence: 'daily' | 'weekly' | 'gc-daily' | 'fashion-report' | 'once' }
  | { cadence: 'jumbo-cactpot'; region: Region }
  | { cadence: 'cooldown'; hours: number };

/** Instants servers can be told about. */
export const RESET_EVENTS = [
  'daily-reset',
  'weekly-reset',
  'gc-reset',
  'fashion-report-open',
  'jumbo-cactpot-eu',
  'jumbo-cactpot-na',
  'jumbo-cactpot-jp',
  'jumbo-cactpot-oc',
  'ocean-fishing',
] as const;
export type ResetEvent = (typeof RESET_EVENTS)[number];

/** A half-open interval [start, end) in epoch ms. end null = no reset pending (cooldown available, once). */
export interface Period {
  start: number;
  end: number | null;
  /** Fashion Report only: when judging opens inside this period. */
  opensAt?: number;
}

/** A weekly instant in UTC: day of week (0 = Sunday) and time of day. */
export interface WeeklyTime {
  day: number;
  hour: number;
  minute?: number;
}

export const DAILY_RESET_HOUR = 15;
export const GC_RESET_HOUR = 20;
export const WEEKLY_RESET: WeeklyTime = { day: 2, hour: 8 };
export const FASHION_REPORT_OPENS: WeeklyTime = { day: 5, hour: 8 };
/** Ocean Fishing boats leave every two hours, on even UTC hours. */
export const OCEAN_FISHING_EVERY_HOURS = 2;

/**
 * The weekly Jumbo Cactpot drawing by data-center region, in UTC. Two independent trackers
 * agree on these times; one other puts EU at 20:00 UTC. This table is the only place they live.
 */
export const JUMBO_CACTPOT_DRAWING: Record<Region, WeeklyTime> = {
  jp: { day: 6, hour: 12 },
  oc: { day: 6, hour: 9 },
  eu: { day: 6, hour: 19 },
  na: { day: 0, hour: 2 },
};
