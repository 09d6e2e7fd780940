/**
 * Official in-game wording of the chores the tracker knows, in the game's four languages.
 *
 * Every string is copied verbatim from the game's own sheets as datamined in the public
 * repository xivapi/ffxiv-datamining (commit 81fc999fefe3c77b32e2bdb4132d72371db2e66d, "7.51h2"),
 * whose csv/en, csv/ja, csv/de and csv/fr folders hold the same sheets row for row. Nothing here
 * is translated by us: where the game has no label for exactly what the tracker means, the entry
 * takes the closest official term and its `source` says so in a "(note: …)".
 *
 * Kept exactly as the game has them, including the oddities: the Japanese Leveling roulette is
 * spelt with a hiragana べ (U+3079) in its name (the game's own spelling: an older, independent
 * Japanese dump, MansonGit/ffxiv-datamining-jp ContentRoulette.csv, has it too), and some German
 * and French UI strings carry soft hyphens (U+00AD, written \u00AD here) that the client uses for
 * line breaking; strip them with `.replace(/\u00AD/g, '')` if a renderer shows them.
 */

/** Official in-game wording, from datamined sheets; each entry names its sheet and row so it can be checked. */
export const GAME_TERMS = {
  // ── Duty roulettes (ContentRoulette: Name column; the Category column holds the short form, e.g. "Leveling") ──
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentRoulette.csv (row 1, column Name)
  'roulette-leveling': { en: 'Duty Roulette: Leveling', ja: 'コンテンツルーレット：レべリング', de: 'Zufallsinhalt: Stufensteigerung', fr: 'Mission aléatoire : gain de niveaux', source: 'ContentRoulette#1' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentRoulette.csv (row 2, column Name)
  'roulette-high-level-dungeons': { en: 'Duty Roulette: High-level Dungeons', ja: 'コンテンツルーレット：ハイレベリング', de: 'Zufallsinhalt: Hohe Stufen', fr: 'Mission aléatoire : donjons avancés', source: 'ContentRoulette#2' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentRoulette.csv (row 5, column Name)
  'roulette-expert': { en: 'Duty Roulette: Expert', ja: 'コンテンツルーレット：エキスパート', de: 'Zufallsinhalt: Experte', fr: 'Mission aléatoire : expert', source: 'ContentRoulette#5' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentRoulette.csv (row 6, column Name)
  'roulette-trials': { en: 'Duty Roulette: Trials', ja: 'コンテンツルーレット：討伐・討滅戦', de: 'Zufallsinhalt: Prüfung', fr: 'Mission aléatoire : défis', source: 'ContentRoulette#6' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentRoulette.csv (row 3, column Name)
  'roulette-main-scenario': { en: 'Duty Roulette: Main Scenario', ja: 'コンテンツルーレット：メインクエスト', de: 'Zufallsinhalt: Hauptszenario', fr: 'Mission aléatoire : épopée', source: 'ContentRoulette#3' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentRoulette.csv (row 15, column Name)
  'roulette-alliance-raids': { en: 'Duty Roulette: Alliance Raids', ja: 'コンテンツルーレット：アライアンスレイド', de: 'Zufallsinhalt: Allianz-Raid', fr: 'Mission aléatoire : raids en alliance', source: 'ContentRoulette#15' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentRoulette.csv (row 17, column Name)
  'roulette-normal-raids': { en: 'Duty Roulette: Normal Raids', ja: 'コンテンツルーレット：ノーマルレイド', de: 'Zufallsinhalt: Normaler Raid', fr: 'Mission aléatoire : raids normaux', source: 'ContentRoulette#17' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentRoulette.csv (row 4, column Name)
  'roulette-guildhests': { en: 'Duty Roulette: Guildhests', ja: 'コンテンツルーレット：ギルドオーダー', de: 'Zufallsinhalt: Gildengeheiß', fr: 'Mission aléatoire : opérations de guilde', source: 'ContentRoulette#4' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentRoulette.csv (row 9, column Name)
  'roulette-mentor': { en: 'Duty Roulette: Mentor', ja: 'コンテンツルーレット：メンター', de: 'Zufallsinhalt: Mentor', fr: 'Mission aléatoire : mentor', source: 'ContentRoulette#9' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentRoulette.csv (row 7, column Name)
  // The game files the Frontline daily with the roulettes, as "Daily Challenge: Frontline".
  'roulette-frontline': { en: 'Daily Challenge: Frontline', ja: 'デイリーチャレンジ：フロントライン', de: 'Tagesherausforderung: PvP-Front', fr: 'Challenge quotidien : Front', source: 'ContentRoulette#7' },

  // ── Daily ──
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/AchievementCategory.csv (row 37, column Name)
  // German labels the category just "Freundesvölker". Also: Completion#2087 "allied society daily quest" / 友好部族デイリークエスト /
  // Nebenauftrag der Freundesvölker / Quêtes quotidiennes des peuples alliés; Timers window: Addon#8808 "Next Allied Society Daily Quest Allowance".
  'allied-society-quests': { en: 'Allied Society Quests', ja: '友好部族クエスト', de: 'Freundesvölker', fr: 'Quêtes des peuples alliés', source: 'AchievementCategory#37' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/EventItem.csv (row 2001361, column en: Name, ja: Singular, de: Name, fr: Name)
  // The daily bills are the regular "Mark Bills" (hunt board: "Peruse regular mark bills. (Posted daily)"); the Japanese
  // row has no Name text, so its Singular is used. Same words in Completion#1370 (mark bill / モブ手配書 / Jagdlizenz / contrat de chasse).
  'daily-hunts': { en: 'Mark Bills', ja: 'モブ手配書', de: 'Jagdlizenz', fr: 'Contrats de chasse', source: 'EventItem#2001361 (note: closest term: the game has no "daily hunt" label; the daily bills are its "Mark Bills")' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/Completion.csv (row 3042, column Text)
  // Identical in the Gold Saucer UI: Addon#9980.
  'mini-cactpot': { en: 'Mini Cactpot', ja: 'ミニ・くじテンダー', de: 'Mini-Glückskaktor', fr: 'Mini Cactpot', source: 'Completion#3042' },

  // ── Grand Company ──
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/HowTo.csv (row 89, column Name)
  // Timers window rows: Addon#4595 "Supply Missions" (軍需品調達 / Kriegsmaterialbeschaffung / Ravitaillement de matériel) and
  // Addon#4596 "Provisioning Missions" (補給品調達 / Nachschublieferungen / Ravitaillement de ressources).
  'gc-supply-provisioning': { en: 'Supply & Provisioning Missions', ja: '軍需品・補給品の調達', de: 'Nachschub und Kriegsmaterial', fr: 'Missions de ravitaillement', source: 'HowTo#89' },

  // ── Gold Saucer ──
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/Completion.csv (row 3041, column Text)
  // Identical in the Gold Saucer UI: Addon#9981.
  'jumbo-cactpot': { en: 'Jumbo Cactpot', ja: 'ジャンボ・くじテンダー', de: 'Jumbo-Glückskaktor', fr: 'Méga Cactpot', source: 'Completion#3041' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/Completion.csv (row 1398, column Text)
  // Identical in the Timers window: Addon#8819. The judge is in GAME_TERMS_EXTRA below.
  'fashion-report': { en: 'Fashion Report', ja: 'ファッションチェック', de: 'Kleiderkritik', fr: 'Revue de mode', source: 'Completion#1398' },

  // ── Weekly ──
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/Completion.csv (row 1392, column Text)
  // Shorter forms: ContentType#24 (Abenteueralbum / Aventures imaginaires); the journal item is EventItem#2002023 (fr "Carnet de Khloe").
  'wondrous-tails': { en: 'Wondrous Tails', ja: 'クロの空想帳', de: 'Khloes Abenteueralbum', fr: 'Aventures imaginaires de Khloe', source: 'Completion#1392' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentType.csv (row 25, column Name)
  // Identical in the Timers window: Addon#8810.
  'custom-deliveries': { en: 'Custom Deliveries', ja: 'お得意様取引', de: 'Wunschlieferungen', fr: 'Commandes spéciales', source: 'ContentType#25' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/EventItem.csv (row 2001362, column en: Name, ja: Singular, de: Name, fr: Name)
  // The Japanese row has no Name text, so its Singular is used.
  'weekly-hunts': { en: 'Elite Mark Bill', ja: 'リスキーモブ手配書', de: 'Hochwild-Jagdlizenz', fr: 'Contrat d\'élite', source: 'EventItem#2001362' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/MainCommand.csv (row 60, column Name)
  'challenge-log': { en: 'Challenge Log', ja: '攻略手帳', de: 'Aktuelle Agenda', fr: 'Carnet d\'objectifs', source: 'MainCommand#60' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/Addon.csv (row 8821, column Text)
  // The Timers window row (its hint, Addon#8823: "View donation status."). de/fr carry the game's soft hyphens.
  'doman-enclave': { en: 'Doman Enclave Reconstruction Effort', ja: 'ドマ町人地復興', de: 'Wieder\u00ADaufbau der domanischen Enklave', fr: 'Recon\u00ADstruc\u00ADtion du quartier enclavé', source: 'Addon#8821' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentFinderCondition.csv (row 1069, column Name)
  // The difficulty marker inside the duty name "AAC Heavyweight M1 (Savage)" / 至天の座アルカディア零式：ヘビー級1 /
  // "Arkadion - Superschwergewicht R1 (episch)" / "Poids lourds CCA - match 1 (sadique)". As a category the game says
  // ContentUICategory#49: Savage Raids (Dawntrail) / レイド：零式 (黄金のレガシー) / Epische Raids (Dawntrail) / Raids sadiques (Dawntrail).
  'savage-raid-loot': { en: 'Savage', ja: '零式', de: 'episch', fr: 'sadique', source: 'ContentFinderCondition#1069 (note: closest term: no sheet holds the bare word; this is the difficulty marker the game puts in Savage duty names)' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/Completion.csv (row 1353, column Text)
  // Currency window heading Addon#3500 / HowTo#137: "Allagan Tomestones" / Allagische Steine / Mémoquartz allagois
  // (the Japanese client shows that heading in English); its weekly column is Addon#3502 "This Week".
  'tomestone-cap': { en: 'Allagan tomestone', ja: 'アラガントームストーン', de: 'Allagische Steine', fr: 'mémoquartz', source: 'Completion#1353 (note: closest term: the generic tomestone word; the game has no label for the weekly cap)' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/Addon.csv (row 8832, column Text)
  // The Timers window row. Its weekly targets: Addon#12461 "Weekly Target" / ウィークリーターゲット / Wochenziel / Défi hebdomadaire.
  // Without the article: ContentType#27 (The Masked Carnivale / マスクカーニバル / Große Maskerade / La Grande Mascarade).
  'masked-carnivale': { en: 'The Masked Carnivale', ja: 'マスクカーニバル', de: 'Die Große Maskerade', fr: 'La Grande Mascarade', source: 'Addon#8832' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/Completion.csv (row 4021, column Text)
  // Identical in the Timers window: Addon#11013.
  'faux-hollows': { en: 'Faux Hollows', ja: 'ソーチョーの幻想盤', de: 'Traumtafel', fr: 'Touché-tourné', source: 'Completion#4021' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentType.csv (row 31, column Name)
  'ocean-fishing': { en: 'Ocean Fishing', ja: 'オーシャンフィッシング', de: 'Auf großer Fahrt', fr: 'Pêche en mer', source: 'ContentType#31' },

  // ── Cooldowns ──
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/HowTo.csv (row 149, column Name) for en/de/fr;
  // xivapi/ffxiv-datamining @81fc999f: csv/ja/Addon.csv (row 4626, column Text) for ja. Addon#4626 is the Timers window row for the map cooldown:
  // "Next Map Allowance" / 古ぼけた地図 / Vergilbte Lederkarten / Cartes au trésor. Single items are named "Timeworn … Map" in the Item sheet.
  'treasure-map': { en: 'Timeworn Maps', ja: '古ぼけた地図', de: 'Vergilbte Landkarten', fr: 'Cartes au trésor', source: 'HowTo#149 (note: closest term, the generic "Timeworn Maps"; ja from Addon#4626, because the ja HowTo#149 title is 「古ぼけた地図」について)' },

  // ── Category names ──
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentType.csv (row 1, column Name)
  // Plural in the UI's content-category list (Addon#8600–8617): Addon#8605 (Duty Roulette / コンテンツルーレット / Zufallsinhalte / Missions aléatoires).
  'duty-roulette': { en: 'Duty Roulette', ja: 'コンテンツルーレット', de: 'Zufallsinhalt', fr: 'Missions aléatoires', source: 'ContentType#1' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/Completion.csv (row 1251, column Text)
  // Also ContentsNoteCategory#8 (same four strings); ContentType#11 has fr plural "Grandes compagnies".
  'grand-company': { en: 'Grand Company', ja: 'グランドカンパニー', de: 'Staatliche Gesellschaft', fr: 'Grande compagnie', source: 'Completion#1251' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ContentType.csv (row 19, column Name)
  // The German and French clients keep the English name.
  'gold-saucer': { en: 'Gold Saucer', ja: 'ゴールドソーサー', de: 'Gold Saucer', fr: 'Gold Saucer', source: 'ContentType#19' },
} as const satisfies Record<string, { en: string; ja: string; de: string; fr: string; source: string }>;

export type GameTermKey = keyof typeof GAME_TERMS;

/** Further official names the tracker's messages use. Same source and shape as GAME_TERMS. */
export const GAME_TERMS_EXTRA = {
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/ENpcResident.csv (row 1025176, column Singular)
  // The Fashion Report judge at the Gold Saucer.
  'fashion-report-judge': { en: 'Masked Rose', ja: 'マスク・ド・ローズ', de: 'Maskierte Rose', fr: 'Masked Rose', source: 'ENpcResident#1025176' },
} as const satisfies Record<string, { en: string; ja: string; de: string; fr: string; source: string }>;

/**
 * The game's names for the data-center regions, keyed with the tracker's region codes. The
 * Japanese client shows these in English (that is what its sheet holds).
 */
export const GAME_REGIONS = {
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/WorldRegionGroup.csv (row 3, column Name)
  'eu': { en: 'Europe', ja: 'Europe', de: 'Europa', fr: 'Europe', source: 'WorldRegionGroup#3' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/WorldRegionGroup.csv (row 2, column Name)
  'na': { en: 'North America', ja: 'North America', de: 'Nordamerika', fr: 'Amérique du nord', source: 'WorldRegionGroup#2' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/WorldRegionGroup.csv (row 1, column Name)
  'jp': { en: 'Japan', ja: 'Japan', de: 'Japan', fr: 'Japon', source: 'WorldRegionGroup#1' },
  // xivapi/ffxiv-datamining @81fc999f: csv/{en,ja,de,fr}/WorldRegionGroup.csv (row 4, column Name)
  'oc': { en: 'Oceania', ja: 'Oceania', de: 'Ozeanien', fr: 'Océanie', source: 'WorldRegionGroup#4' },
} as const satisfies Record<string, { en: string; ja: string; de: string; fr: string; source: string }>;
