/**
 * Every CSS selector the service reads the Lodestone with, named after the field it reads, so a
 * Lodestone redesign is a change to this file alone.
 *
 * Source: the community selector set xivapi/lodestone-css-selectors (version 0.52.1),
 * `json/character/profile.json` (profile.*) and `json/search/character.json` (entries.*).
 * Where that set has no entry (the private-profile notice, error and maintenance pages), the
 * selector follows the Lodestone's real pages as public projects saved and parse them
 * (KazWolfe/XIVAuth `spec/fixtures/lodestone/characters/*.html` and `FFXIV::LodestoneProfile`,
 * KazWolfe/flarestone, seimmuc/ffxiv-world-status-history); test/fakeLodestone/README.md has the details.
 */
export const SELECTORS = {
  character: {
    /** profile.name */
    name: 'p.frame__chara__name',
    /** profile.server: "World [Data Center]" in one string. */
    worldAndDatacenter: 'p.frame__chara__world',
    /** profile.avatar (src) */
    avatar: 'div.frame__chara__face > img',
    /** profile.portrait (src) */
    portrait: 'div.character__detail__image img',
    /** profile.title; absent when the character shows none. */
    title: 'p.frame__chara__title',
    /** profile.bio: the "Character Profile" self-introduction, where a verification code is pasted. */
    selfIntroduction: 'div.character__selfintroduction',
    /** profile.free_company.name / .id (href `/lodestone/freecompany/<id>/`) */
    freeCompanyLink: 'div.character__freecompany__name a',
    /** The character's content area, which on a private profile holds the private notice instead of the profile. */
    content: 'div.character__content',
    /**
     * The blocks (each `tag.class`) that hold every field above but `content`. A profile page is
     * 60–150 kB, mostly navigation and gear tooltips; the parser reads just these blocks when it
     * finds them, and the whole page when it does not.
     */
    blocks: ['div.frame__chara', 'div.character__detail__image', 'div.character__freecompany__name', 'div.character__selfintroduction'],
  },
  search: {
    /** entries (one per result) */
    entry: 'div.ldst__window div.entry',
    /** entries.id (href `/lodestone/character/<id>/`) */
    link: 'a.entry__link',
    /** entries.name */
    name: 'p.entry__name',
    /** entries.server: "World [Data Center]" */
    worldAndDatacenter: 'p.entry__world',
    /** entries.avatar (src) */
    avatar: 'div.entry__chara__face > img',
  },
  page: {
    /** The heading of the Lodestone's error pages ("Page not found.", "Access Restricted"). */
    errorHeading: '.error__heading',
    /** The maintenance page (served with 503 instead of any page while the Lodestone is down). */
    maintenance: 'div.ldst__maintenance, .maintenance__heading',
  },
} as const;

/** "World [Data Center]", as both the profile and the search results print it (profile.server.regex). */
export const WORLD_AND_DATACENTER = /^(?<world>.+?)\s*\[(?<dc>.*?)\]$/;

/** profile.free_company.id.regex */
export const FREE_COMPANY_ID = /lodestone\/freecompany\/(\d+)\//;

/** entries.id.regex, narrowed to the character path. */
export const CHARACTER_ID_IN_HREF = /\/lodestone\/character\/(\d+)\//;

/**
 * The notice the Lodestone prints in the content area of a private profile, in the languages of
 * its regional sites; looked for only outside the self-introduction, so a player cannot fake it.
 */
export const PRIVATE_PROFILE_NOTICES = [
  "This character's profile is private.",
  'このキャラクターのプロフィールは非公開に設定されています。',
  'Das Profil dieses Charakters ist privat.',
  'Le profil de ce personnage est privé.',
] as const;

