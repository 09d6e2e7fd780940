/** Plain game facts used to fill in the parts of a character page the tests don't set (race, nameday, levels…). */

export const RACES: readonly { race: string; clans: readonly [string, string] }[] = [
  { race: 'Hyur', clans: ['Midlander', 'Highlander'] },
  { race: 'Elezen', clans: ['Wildwood', 'Duskwight'] },
  { race: 'Lalafell', clans: ['Plainsfolk', 'Dunesfolk'] },
  { race: "Miqo'te", clans: ['Seeker of the Sun', 'Keeper of the Moon'] },
  { race: 'Roegadyn', clans: ['Sea Wolf', 'Hellsguard'] },
  { race: 'Au Ra', clans: ['Raen', 'Xaela'] },
  { race: 'Hrothgar', clans: ['Helions', 'The Lost'] },
  { race: 'Viera', clans: ['Rava', 'Veena'] },
];

export const GUARDIANS = [
  'Halone, the Fury',
  'Menphina, the Lover',
  'Thaliak, the Scholar',
  'Nymeia, the Spinner',
  'Llymlaen, the Navigator',
  'Oschon, the Wanderer',
  'Byregot, the Builder',
  'Rhalgr, the Destroyer',
  'Azeyma, the Warden',
  "Nald'thal, the Traders",
  'Nophica, the Matron',
  'Althyk, the Keeper',
] as const;

export const CITY_STATES = ['Limsa Lominsa', 'Gridania', "Ul'dah"] as const;

export const GRAND_COMPANIES: readonly { name: string; ranks: readonly string[] }[] = [
  { name: 'Maelstrom', ranks: ['Storm Private Third Class', 'Storm Sergeant First Class', 'Chief Storm Sergeant', 'Second Storm Lieutenant', 'Storm Captain'] },
  {
    name: 'Order of the Twin Adder',
    ranks: ['Serpent Private Third Class', 'Serpent Sergeant First Class', 'Chief Serpent Sergeant', 'Second Serpent Lieutenant', 'Serpent Captain'],
  },
  { name: 'Immortal Flames', ranks: ['Flame Private Third Class', 'Flame Sergeant First Class', 'Chief Flame Sergeant', 'Second Flame Lieutenant', 'Flame Captain'] },
];

/** Class/job tooltips in the order of the four `character__level__list` groups on the profile. */
export const CLASS_JOB_GROUPS: readonly (readonly string[])[] = [
  ['Paladin / Gladiator', 'Warrior / Marauder', 'Dark Knight', 'Gunbreaker', 'White Mage / Conjurer', 'Scholar', 'Astrologian', 'Sage'],
  [
    'Monk / Pugilist',
    'Dragoon / Lancer',
    'Ninja / Rogue',
    'Samurai',
    'Reaper',
    'Viper',
    'Bard / Archer',
    'Machinist',
    'Dancer',
    'Black Mage / Thaumaturge',
    'Summoner / Arcanist',
    'Red Mage',
    'Pictomancer',
    'Blue Mage (Limited Job)',
  ],
  ['Carpenter', 'Blacksmith', 'Armorer', 'Goldsmith', 'Leatherworker', 'Weaver', 'Alchemist', 'Culinarian'],
  ['Miner', 'Botanist', 'Fisher'],
];

export const ATTRIBUTE_TABLES: readonly { heading: string; icon: string; rows: readonly [string, string][] }[] = [
  {
    heading: 'Attributes',
    icon: 'attributes',
    rows: [
      ['Strength', 'Raises the damage of physical attacks made with strength-based arms.'],
      ['Dexterity', 'Raises the damage of physical attacks made with dexterity-based arms.'],
      ['Vitality', 'Raises maximum HP.'],
      ['Intelligence', 'Raises the potency of offensive spells.'],
      ['Mind', 'Raises the potency of healing spells.'],
    ],
  },
  {
    heading: 'Offensive Properties',
    icon: 'offense',
    rows: [
      ['Critical Hit Rate', 'Raises how often hits are critical, and how hard critical hits land.'],
      ['Determination', 'Raises the damage dealt and the HP restored by every action.'],
      ['Direct Hit Rate', 'Raises how often hits land as direct hits.'],
    ],
  },
  {
    heading: 'Defensive Properties',
    icon: 'deffense',
    rows: [
      ['Defense', 'Lowers the damage taken from physical attacks.'],
      ['Magic Defense', 'Lowers the damage taken from magic attacks.'],
    ],
  },
  {
    heading: 'Physical Properties',
    icon: 'melle',
    rows: [
      ['Attack Power', 'Raises the damage of physical attacks.'],
      ['Skill Speed', 'Shortens weaponskill recast and raises damage over time.'],
    ],
  },
  {
    heading: 'Mental Properties',
    icon: 'mental',
    rows: [
      ['Attack Magic Potency', 'Raises the damage of offensive spells.'],
      ['Healing Magic Potency', 'Raises the HP restored by healing spells.'],
      ['Spell Speed', 'Shortens spell cast and recast times.'],
    ],
  },
  {
    heading: 'Role',
    icon: 'role',
    rows: [
      ['Tenacity', 'Raises damage dealt and lowers damage taken, for tanks.'],
      ['Piety', 'Raises MP regeneration.'],
    ],
  },
];

/** Equipment slots: the icon class number on the real page and the category shown in the tooltip. */
export const GEAR_LEFT: readonly [number, string][] = [
  [2, 'Head'],
  [3, 'Body'],
  [4, 'Hands'],
  [6, 'Legs'],
  [7, 'Feet'],
];
export const GEAR_RIGHT: readonly [number, string][] = [
  [8, 'Earrings'],
  [9, 'Necklace'],
  [10, 'Bracelets'],
  [11, 'Ring'],
  [12, 'Ring'],
];

export const GEAR_WORDS = ['Augmented', 'Credendum', 'Bygone', 'Ascension', 'Diadochos', 'Rinascita', 'Ultimate', 'Archeo Kingdom', 'Skyruin', 'Quetzalli'] as const;
export const GEAR_ROLES = ['of Fending', 'of Maiming', 'of Striking', 'of Scouting', 'of Aiming', 'of Casting', 'of Healing'] as const;
export const WEAPONS: readonly [string, string][] = [
  ['Gunblade', "Gunbreaker's Arm"],
  ['Greatsword', "Dark Knight's Arm"],
  ['Codex', "Scholar's Arm"],
  ['Katana', "Samurai's Arm"],
  ['Rapier', "Red Mage's Arm"],
  ['Harp Bow', "Bard's Arm"],
  ['Nouliths', "Sage's Arm"],
  ['Scythe', "Reaper's Arm"],
];

export const FIRST_NAMES = ['Aeris', 'Bryn', 'Corin', 'Dalia', 'Eryk', 'Fenna', 'Gaius', 'Hilda', 'Ilse', 'Jorah', 'Kaia', 'Lio', 'Mira', 'Nox', 'Orla'] as const;
export const LAST_NAMES = ['Ashfall', 'Brightwater', 'Cinderfield', 'Dawnroot', 'Emberly', 'Frostmere', 'Galewind', 'Hollowell', 'Ironleaf', 'Juniper'] as const;
export const WORLDS: readonly [string, string][] = [
  ['Cerberus', 'Chaos'],
  ['Omega', 'Chaos'],
  ['Twintania', 'Light'],
  ['Siren', 'Aether'],
  ['Leviathan', 'Primal'],
  ['Tonberry', 'Elemental'],
  ['Ravana', 'Materia'],
  ['Halicarnassus', 'Dynamis'],
];

/** Data centers and their worlds, for the search form's world select. */
export const DATA_CENTERS: readonly { region: string; dcs: readonly [string, readonly string[]][] }[] = [
  {
    region: 'Japan',
    dcs: [
      ['Elemental', ['Aegis', 'Atomos', 'Carbuncle', 'Garuda', 'Gungnir', 'Kujata', 'Tonberry', 'Typhon']],
      ['Gaia', ['Alexander', 'Bahamut', 'Durandal', 'Fenrir', 'Ifrit', 'Ridill', 'Tiamat', 'Ultima']],
      ['Mana', ['Anima', 'Asura', 'Chocobo', 'Hades', 'Ixion', 'Masamune', 'Pandaemonium', 'Titan']],
      ['Meteor', ['Belias', 'Mandragora', 'Ramuh', 'Shinryu', 'Unicorn', 'Valefor', 'Yojimbo', 'Zeromus']],
    ],
  },
  {
    region: 'North America',
    dcs: [
      ['Aether', ['Adamantoise', 'Cactuar', 'Faerie', 'Gilgamesh', 'Jenova', 'Midgardsormr', 'Sargatanas', 'Siren']],
      ['Crystal', ['Balmung', 'Brynhildr', 'Coeurl', 'Diabolos', 'Goblin', 'Malboro', 'Mateus', 'Zalera']],
      ['Dynamis', ['Cuchulainn', 'Golem', 'Halicarnassus', 'Kraken', 'Maduin', 'Marilith', 'Rafflesia', 'Seraph']],
      ['Primal', ['Behemoth', 'Excalibur', 'Exodus', 'Famfrit', 'Hyperion', 'Lamia', 'Leviathan', 'Ultros']],
    ],
  },
  {
    region: 'Europe',
    dcs: [
      ['Chaos', ['Cerberus', 'Louisoix', 'Moogle', 'Omega', 'Phantom', 'Ragnarok', 'Sagittarius', 'Spriggan']],
      ['Light', ['Alpha', 'Lich', 'Odin', 'Phoenix', 'Raiden', 'Shiva', 'Twintania', 'Zodiark']],
    ],
  },
  {
    region: 'Oceania',
    dcs: [['Materia', ['Bismarck', 'Ravana', 'Sephirot', 'Sophia', 'Zurvan']]],
  },
];
