/**
 * The English catalogue: the source every other language mirrors key for key and placeholder
 * for placeholder (the type checks the keys, test/i18n.test.ts the placeholders and plurals).
 * Game names are not here: they come from the game's own sheets (../gameTerms.ts) and are
 * passed in as `{{…}}` values, so each language says them the game's way.
 */
export const en = {
  events: {
    'daily-reset': { title: 'Daily reset', body: '{{roulettes}}, {{allied}}, {{miniCactpot}} and {{hunts}} are open again.' },
    'weekly-reset': { title: 'Weekly reset', body: '{{wondrousTails}}, {{customDeliveries}}, {{savage}} loot, {{challengeLog}} and the tomestone cap are open again.' },
    'gc-reset': { title: '{{grandCompany}} reset', body: 'Supply and provisioning missions have new requests.' },
    'fashion-report-open': { title: '{{fashionReport}} judging is open', body: 'Masked Rose is judging until the weekly reset.' },
    'jumbo-cactpot': { title: '{{jumboCactpot}} drawing ({{region}})', body: 'The {{region}} data centers draw this week’s {{jumboCactpot}}.' },
    'ocean-fishing': { title: '{{oceanFishing}} departure', body: 'The boat leaves Limsa Lominsa; boarding is open for 15 minutes.' },
  },
  announcement: {
    now: 'now',
    line: '**{{title}}** — {{when}}. {{body}}',
  },
  reminder: {
    daily: 'The daily reset is {{when}}. Still open:',
    weekly: 'The weekly reset is {{when}}. Still open:',
    more_one: '…and {{count}} more',
    more_other: '…and {{count}} more',
  },
  notices: {
    lostVerification:
      '🔓 Another Discord account proved that **{{name}}** ({{world}}) is theirs, so your link to it is no longer verified. Your tasks are untouched. If the character is yours, run `/character verify` to prove it again.',
  },
  resets: {
    daily: 'Daily reset',
    weekly: 'Weekly reset',
    'gc-daily': '{{grandCompany}} reset',
    'fashion-report': '{{fashionReport}}',
    'jumbo-cactpot': '{{jumboCactpot}} ({{region}})',
  },
  categories: {
    'Duty Roulettes': '{{dutyRoulette}}',
    Daily: 'Daily',
    'Grand Company': '{{grandCompany}}',
    'Gold Saucer': '{{goldSaucer}}',
    Weekly: 'Weekly',
    Cooldowns: 'Cooldowns',
  },
  /** Presets the game has no single label for: its nearest official word inside a phrase ({{term}}). */
  presetNames: {
    'savage-raid-loot': '{{term}} raid loot',
    'tomestone-cap': 'Weekly {{term}} cap',
    'daily-hunts': 'Daily {{term}}',
    'treasure-map': '{{term}}',
  },
  presetDescriptions: {
    'roulette-leveling': 'Daily bonus EXP and tomestones.',
    'roulette-high-level-dungeons': 'Level 50/60/70/80/90 dungeons.',
    'roulette-expert': 'Latest expert dungeons; big tomestone bonus.',
    'roulette-trials': 'Daily bonus for trials.',
    'roulette-main-scenario': 'Large EXP bonus for levelling jobs.',
    'roulette-alliance-raids': 'Daily bonus for alliance raids.',
    'roulette-normal-raids': 'Daily bonus for normal raids.',
    'roulette-guildhests': 'Quick EXP for low-level jobs.',
    'roulette-mentor': 'For mentors.',
    'roulette-frontline': 'PvP daily bonus.',
    'allied-society-quests': 'Daily allowances for allied society reputation.',
    'daily-hunts': 'Hunt bills from the hunt boards.',
    'mini-cactpot': 'Three scratch tickets a day at the Gold Saucer.',
    'gc-supply-provisioning': 'Turn-ins reset at 20:00 UTC, not at the daily reset.',
    'jumbo-cactpot': 'Buy tickets before your data center’s weekly drawing.',
    'fashion-report': 'Judging opens Friday 08:00 UTC, closes at the weekly reset.',
    'wondrous-tails': 'Pick up and turn in Khloe’s journal.',
    'custom-deliveries': 'Twelve deliveries a week across clients.',
    'weekly-hunts': 'Weekly elite mark bills.',
    'challenge-log': 'Weekly challenges for EXP and gil.',
    'doman-enclave': 'Weekly gil donations.',
    'savage-raid-loot': 'One loot clear per floor a week.',
    'tomestone-cap': 'Cap this week’s capped tomestones.',
    'masked-carnivale': 'Blue Mage weekly targets.',
    'faux-hollows': 'Unreal trial rewards from the Faux Commander.',
    'treasure-map': 'One gathered map every 18 hours.',
  },
} as const;

/** Every language's catalogue has exactly these keys (values are that language's strings). */
export type Catalogue = Strings<typeof en>;
type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
