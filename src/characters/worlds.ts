import type { Region } from '../resets/cadences.js';

/** Logical data centers and their worlds (Dawntrail), so `/character link` can fill in the data center. */
const DATA_CENTERS: Record<string, { region: Region; worlds: string[] }> = {
  Aether: { region: 'na', worlds: ['Adamantoise', 'Cactuar', 'Faerie', 'Gilgamesh', 'Jenova', 'Midgardsormr', 'Sargatanas', 'Siren'] },
  Crystal: { region: 'na', worlds: ['Balmung', 'Brynhildr', 'Coeurl', 'Diabolos', 'Goblin', 'Malboro', 'Mateus', 'Zalera'] },
  Dynamis: { region: 'na', worlds: ['Cuchulainn', 'Golem', 'Halicarnassus', 'Kraken', 'Maduin', 'Marilith', 'Rafflesia', 'Seraph'] },
  Primal: { region: 'na', worlds: ['Behemoth', 'Excalibur', 'Exodus', 'Famfrit', 'Hyperion', 'Lamia', 'Leviathan', 'Ultros'] },
  Chaos: { region: 'eu', worlds: ['Cerberus', 'Louisoix', 'Moogle', 'Omega', 'Phantom', 'Ragnarok', 'Sagittarius', 'Spriggan'] },
  Light: { region: 'eu', worlds: ['Alpha', 'Lich', 'Odin', 'Phoenix', 'Raiden', 'Shiva', 'Twintania', 'Zodiark'] },
  Materia: { region: 'oc', worlds: ['Bismarck', 'Ravana', 'Sephirot', 'Sophia', 'Zurvan'] },
  Elemental: { region: 'jp', worlds: ['Aegis', 'Atomos', 'Carbuncle', 'Garuda', 'Gungnir', 'Kujata', 'Tonberry', 'Typhon'] },
  Gaia: { region: 'jp', worlds: ['Alexander', 'Bahamut', 'Durandal', 'Fenrir', 'Ifrit', 'Ridill', 'Tiamat', 'Ultima'] },
  Mana: { region: 'jp', worlds: ['Anima', 'Asura', 'Chocobo', 'Hades', 'Ixion', 'Masamune', 'Pandaemonium', 'Titan'] },
  Meteor: { region: 'jp', worlds: ['Belias', 'Mandragora', 'Ramuh', 'Shinryu', 'Unicorn', 'Valefor', 'Yojimbo', 'Zeromus'] },
};

const BY_WORLD = new Map(
  Object.entries(DATA_CENTERS).flatMap(([datacenter, dc]) => dc.worlds.map((w) => [w.toLowerCase(), { world: w, datacenter, region: dc.region }] as const)),
);

/** The data center and region of a world, or undefined for a world we do not know (new or renamed). */
export const findWorld = (name: string) => BY_WORLD.get(name.trim().toLowerCase());

export const ALL_WORLDS = [...BY_WORLD.values()].sort((a, b) => a.world.localeCompare(b.world));

/** The region of a data center as the Lodestone names it, or undefined for one we do not know yet. */
export const regionOfDatacenter = (datacenter: string): Region | undefined =>
  Object.entries(DATA_CENTERS).find(([name]) => name.toLowerCase() === datacenter.trim().toLowerCase())?.[1].region;
