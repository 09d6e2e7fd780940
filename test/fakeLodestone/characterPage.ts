/*
 * The character profile page (/lodestone/character/<id>/), public and private, in the desktop layout.
 * Selectors it satisfies (xivapi/lodestone-css-selectors json/character/profile.json): p.frame__chara__name,
 * div.frame__chara__face > img, div.character__detail__image img, p.frame__chara__world ("World [DC]"),
 * p.frame__chara__title, div.character__selfintroduction, the character-block lore/nameday/guardian/city-state/grand
 * company blocks, div.character__freecompany__name a, div.character__freecompany__crest__image > img,
 * table.character__param__list tr, div.character__param > ul div.
 */
import { accessRestrictedPage } from './errorPages.js';
import {
  ATTRIBUTE_TABLES,
  CITY_STATES,
  CLASS_JOB_GROUPS,
  FIRST_NAMES,
  GEAR_LEFT,
  GEAR_RIGHT,
  GEAR_ROLES,
  GEAR_WORDS,
  GRAND_COMPANIES,
  GUARDIANS,
  LAST_NAMES,
  RACES,
  WEAPONS,
} from './gameData.js';
import { avatarUrlFor, crestUrl, portraitUrlFor, staticUrl } from './images.js';
import { pageEnd, pageFooter, pageHead, pageTop, sideColumn } from './layout.js';
import type { FakeCharacter } from './types.js';
import { esc, int, md5hex, pick, rng } from './util.js';

export const PRIVATE_NOTICE = "This character's profile is private.";

/**
 * The full HTML the real site answers for a character: the profile page (public), the same page with the
 * "profile is private" notice in place of the profile (private), or the 403 "Access Restricted" page (hidden).
 * `imageBase` is the origin images are printed under (the fake's own, or e.g. https://img2.finalfantasyxiv.com).
 */
export function renderCharacterPage(c: FakeCharacter, imageBase: string): string {
  if (c.visibility === 'hidden') return accessRestrictedPage(imageBase);
  const path = `/lodestone/character/${c.id}/`;
  const head = pageHead({ title: c.name, description: `Character profile for ${c.name}.`, path, imageBase });
  const content = c.visibility === 'private' ? privateContent(c) : profileContent(c, imageBase);
  return `${head}${pageTop(imageBase, path)}
<div class="ldst__bg">
    <nav class="ldst__nav">
        <ul class="btn__corner_block--3">
            <li><a href="${path}" class="btn__menu btn__menu--active">Profile</a></li>
            <li><a href="${path}blog/" class="btn__menu">Blog</a></li>
            <li><a href="${path}event/" class="btn__menu">Events</a></li>
        </ul>
    </nav>

    <div class="ldst__contents clearfix">

        <div class="ldst__main">

            <div id="character" class="ldst__window">
                <h2 class="heading--lg state_btn">Character</h2>

${frame(c, imageBase)}

                <ul class="character__profile_tab js__character_menu clearfix">${tabs(c)}</ul>

                <div class="character__content selected">
${content}
                </div>

                <div class="character__content"></div><div class="character__content"></div><div class="character__content"></div><div class="character__content"></div>
            </div>
        </div>

${sideColumn(imageBase, c.id)}
    </div>
</div>

${pageFooter(imageBase)}${pageEnd(imageBase)}`;
}

function frame(c: FakeCharacter, imageBase: string): string {
  const title = c.title ? `                            <p class="frame__chara__title">${esc(c.title)}</p>\n` : '';
  const before = c.titlePosition === 'before' ? title : '';
  const after = c.titlePosition === 'before' ? '' : title;
  return `                <div class="frame__chara js__toggle_wrapper">
                    <a href="/lodestone/character/${c.id}/" class="frame__chara__link state_btn">
                        <div class="frame__chara__face">
                            <img src="${avatarUrlFor(imageBase, c.id)}" width="40" height="40" alt="">
                        </div>
                        <div class="frame__chara__box">
${before}                            <p class="frame__chara__name">${esc(c.name)}</p>
${after}                            <p class="frame__chara__world"><i class="xiv-lds xiv-lds-home-world js__tooltip" data-tooltip="Home World"></i>${esc(c.world)} [${esc(c.datacenter)}]</p>
                        </div>
                    </a>
                </div>`;
}

function tabs(c: FakeCharacter): string {
  const base = `/lodestone/character/${c.id}`;
  const extra: [string, string][] =
    c.visibility === 'private'
      ? []
      : [
          ['faceaccessory', 'Facewear'],
          ['achievement', 'Achievements'],
          ['following', 'Follow'],
        ];
  return [
    `<li><a href="javascript:void(0);" id="hash__profile" data-hash="profile">Profile</a></li>`,
    ...(
      [
        ['class_job', 'Class/Job'],
        ['minion', 'Minions'],
        ['mount', 'Mounts'],
        ...extra,
      ] as [string, string][]
    ).map(([slug, label]) => `<li class="character_menu__link"><a href="${base}/${slug}/">${label}</a></li>`),
  ].join('');
}

function social(c: FakeCharacter): string {
  const url = `https://na.finalfantasyxiv.com/lodestone/character/${c.id}/`;
  return `<ul class="social__btn"><li><a href="http://www.facebook.com/share.php?u=${url}" target="_blank"><i class="xiv-lds xiv-lds-facebook js__tooltip" data-tooltip="Share"></i></a></li><li><a href="https://x.com/intent/tweet?url=${url}&amp;text=${encodeURIComponent(`${c.name} | FINAL FANTASY XIV, The Lodestone`)}" target="_blank"><i class="xiv-lds xiv-lds-x js__tooltip" data-tooltip="Post"></i></a></li></ul>`;
}

/** What a private profile shows where the profile would be: the heading, the notice, the share buttons. */
function privateContent(c: FakeCharacter): string {
  return `                    <div class="heading__flex"><h3>Profile</h3><span class="heading__flex__text"></span></div><p class="parts__zero">${esc(PRIVATE_NOTICE)}</p>${social(c)}`;
}

/** The bio as the page prints it: escaped, line breaks as <br />, '-' when empty. */
export function bioHtml(bio: string | undefined): string {
  if (bio === undefined || bio === '') return '-';
  return esc(bio).replace(/\r\n|\r|\n/g, '<br />');
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
}

function profileContent(c: FakeCharacter, imageBase: string): string {
  const r = rng(`chara:${c.id}`);
  const race = pick(r, RACES);
  const clan = pick(r, race.clans);
  const gender = r() < 0.5 ? '♀' : '♂';
  const nameday = `${ordinal(int(r, 1, 32))} Sun of the ${ordinal(int(r, 1, 6))} ${r() < 0.5 ? 'Astral' : 'Umbral'} Moon`;
  const guardian = pick(r, GUARDIANS);
  const city = pick(r, CITY_STATES);
  const gc = pick(r, GRAND_COMPANIES);
  const gcRank = pick(r, gc.ranks);

  const blocks = [
    `<div class="character-block"><img src="${avatarUrlFor(imageBase, c.id)}" width="32" height="32" alt="" class="character-block__face"><div class="character-block__box"><p class="character-block__title">Race/Clan/Gender</p><p class="character-block__name">${esc(race.race)}<br />${esc(clan)} / ${gender}</p></div></div>`,
    `<div class="character-block"><img src="${staticUrl(imageBase, `guardian:${guardian}`, 'png')}" width="32" height="32" alt=""><div class="character-block__box"><p class="character-block__title">Nameday</p><p class="character-block__birth">${esc(nameday)}</p><p class="character-block__title">Guardian</p><p class="character-block__name">${esc(guardian)}</p></div></div>`,
    `<div class="character-block"><img src="${staticUrl(imageBase, `city:${city}`, 'png')}" width="32" height="32" alt=""><div class="character-block__box"><p class="character-block__title">City-state</p><p class="character-block__name">${esc(city)}</p></div></div>`,
    `<div class="character-block"><img src="${staticUrl(imageBase, `gc:${gc.name}:${gcRank}`, 'png')}" width="32" height="32" alt=""><div class="character-block__box"><p class="character-block__title">Grand Company</p><p class="character-block__name">${esc(gc.name)} / ${esc(gcRank)}</p></div></div>`,
  ];
  if (c.freeCompany) {
    const fc = c.freeCompany;
    const crest = (['B', 'F', 'S'] as const).map((l) => `<img src="${crestUrl(imageBase, fc.id, l)}" width="28" height="28">`).join('');
    blocks.push(
      `<div class="character-block"><div class="character__freecompany__crest"><div class="character__freecompany__crest__image">${crest}</div></div><div class="character-block__box"><div class="character__freecompany__name"><p>Free Company</p><h4><a href="/lodestone/freecompany/${esc(fc.id)}/">${esc(fc.name)}</a></h4></div></div></div>`,
    );
  }

  const attributes = ATTRIBUTE_TABLES.map(
    (t) =>
      `<h3 class="heading--lead"><i class="icon-c--title icon-c__${t.icon}"></i>${esc(t.heading)}</h3><table class="character__param__list">${t.rows
        .map(([name, tip]) => `<tr><th><span class="js__tooltip" data-tooltip="${esc(tip)}">${esc(name)}</span></th><td>${int(r, 390, 4200)}</td></tr>`)
        .join('')}</table>`,
  ).join('');

  const [weaponKind, weaponCategory] = pick(r, WEAPONS);
  const level = pick(r, [90, 92, 95, 98, 100, 100, 100]);
  const itemLevel = 690 + int(r, 0, 45);
  const gear = (slots: readonly [number, string][]) =>
    slots.map(([slot, category]) => gearIcon(c, imageBase, r, slot, `${pick(r, GEAR_WORDS)} ${category === 'Ring' ? 'Ring' : category} ${pick(r, GEAR_ROLES)}`, category, itemLevel)).join('');
  const weapon = gearIcon(c, imageBase, r, 0, `${pick(r, GEAR_WORDS)} ${weaponKind}`, weaponCategory, itemLevel + 5);
  const crystal = `<div class="icon-c--13 ic_reflection_box js__db_tooltip"><img src="${staticUrl(imageBase, `soul:${weaponKind}`, 'png')}" width="40" height="40" alt="" class="character__item_icon__img"><div class="character__item_icon character__item_icon--frame"></div></div>`;

  const levels = CLASS_JOB_GROUPS.map(
    (group) =>
      `<div class="character__level clearfix"><div class="character__level__list"><ul>${group
        .map((job) => {
          const lv = r() < 0.15 ? '-' : String(int(r, 1, 100));
          return `<li><img src="${staticUrl(imageBase, `job:${job}`, 'png')}" width="24" height="24" alt="" class="js__tooltip" data-tooltip="${esc(job)}">${lv}</li>`;
        })
        .join('')}</ul></div></div>`,
  ).join('');

  const portrait = portraitUrlFor(imageBase, c.id);
  return `                    <div class="heading__flex"><h3>Profile</h3><span class="heading__flex__text">Display Attributes</span><input class="character__tgl" id="toggle-profile" type="checkbox" disabled><label class="character__tgl-btn js__tooltip" for="toggle-profile" data-tooltip="Show Attributes" data-parameter_off="Show Attributes" data-parameter_on="Hide Attributes"></label></div>` +
    `<div class="character__profile clearfix"><div class="character__profile__data"><div class="js__character_toggle"><div class="character__profile__data__detail">${blocks.join('')}</div></div>` +
    `<div class="js__character_toggle hide">${attributes}</div></div>` +
    `<div class="character__profile__detail"><div class="character__view clearfix"><div class="character__class"><div class="character__class__arms">${weapon}</div>` +
    `<div class="character__class__data"><p>LEVEL ${level} </p><div class="character__class_icon"><img src="${staticUrl(imageBase, `jobicon:${weaponCategory}`, 'png')}" width="24" height="24" alt=""></div><img src="${staticUrl(imageBase, `jobname:${weaponCategory}`, 'png')}" width="266" height="28" alt="" class="character__classjob"></div></div>` +
    `<div class="character__detail"><div class="character__detail__icon">${gear(GEAR_LEFT)}</div>` +
    `<div class="character__detail__image"><a href="${portrait}" class="js__image_popup"><img src="${portrait}" width="220" height="300" alt=""><img src="${staticUrl(imageBase, 'portrait-frame', 'png')}" width="220" height="300" alt="" class="character__detail__image--frame"></a></div>` +
    `<div class="character__detail__icon">${gear(GEAR_RIGHT)}${crystal}</div></div></div>` +
    `<div class="js__character_toggle">${levels}</div>` +
    `<div class="js__character_toggle hide"><div class="character__param"><ul><li><div><p class="character__param__text character__param__text__hp--en-us">HP</p><span>${int(r, 90_000, 180_000)}</span></div><i class="character__param--hp"></i></li><li><div><p class="character__param__text character__param__text__mp--en-us">MP</p><span>10000</span></div><i class="character__param--mp"></i></li></ul></div></div></div></div>` +
    `<div class="heading__icon parts__space--reset"><h3>Character Profile</h3></div><div class="character__selfintroduction">${bioHtml(c.bio)}</div>\t<div class="btn__comment">\t\t\t</div>${social(c)}`;
}

/** One equipment icon with its item tooltip, the bulk of a real profile page. */
function gearIcon(c: FakeCharacter, imageBase: string, r: () => number, slot: number, name: string, category: string, itemLevel: number): string {
  const itemId = md5hex(`item:${name}:${slot}`).slice(0, 11);
  const icon = staticUrl(imageBase, `item:${name}`, 'png');
  const crafted = r() < 0.5;
  const maker = crafted ? (r() < 0.5 ? c.name : `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`) : undefined;
  const makerId = maker === c.name ? c.id : String(int(r, 1_000_000, 59_999_999));
  const bonuses = ['Vitality', 'Critical Hit', 'Determination', 'Direct Hit Rate', 'Skill Speed']
    .filter(() => r() < 0.7)
    .map((b) => `<li class=""><span>${b}</span> +${int(r, 40, 420)}</li>`)
    .join('');
  const materia = Array.from({ length: int(r, 1, 2) }, () =>
    r() < 0.6
      ? `<li class="clearfix db-tooltip__materia__normal"><div class="socket">&nbsp;</div><div class="db-tooltip__materia__txt">${pick(r, ['Savage Aim', 'Heavens\' Eye', 'Quickarm', 'Savage Might'])} Materia XII<span>${pick(r, ['Critical Hit', 'Direct Hit Rate', 'Skill Speed', 'Determination'])} +54</span></div></li>`
      : `<li class="clearfix db-tooltip__materia__normal"><div class="socket">&nbsp;</div></li>`,
  ).join('');
  const storage = [
    ['Can have company crests applied.', 'crest'],
    ['Can be placed in a glamour dresser.', 'dresser'],
    ['Cannot be placed in an armoire.', 'armoire'],
  ]
    .map(([tip, k]) => `<li><img src="${staticUrl(imageBase, `storage:${k}`, 'png')}" width="20" height="20" class="js__tooltip" alt="${tip}" data-tooltip="${tip}"></li>`)
    .join('');
  const spec =
    slot === 0
      ? `<div class="db-tooltip__item_spec"><div class="clearfix"><div class="db-tooltip__item_spec__name">Physical Damage</div><div class="db-tooltip__item_spec__name">Auto-attack</div><div class="db-tooltip__item_spec__name db-tooltip__item_spec__name--last">Delay</div></div><div class="clearfix"><div class="db-tooltip__item_spec__value"><strong class="">${int(r, 140, 160)}</strong></div><div class="db-tooltip__item_spec__value"><strong class="">${(140 + r() * 20).toFixed(2)}</strong></div><div class="db-tooltip__item_spec__value db-tooltip__item_spec__value--last"><strong class="">2.80</strong></div></div></div>`
      : `<div class="db-tooltip__item_spec"><div class="clearfix"><div class="db-tooltip__item_spec__name db-tooltip__item_spec__name--armor">Defense</div><div class="db-tooltip__item_spec__name db-tooltip__item_spec__name--last">Magic Defense</div></div><div class="clearfix"><div class="db-tooltip__item_spec__value db-tooltip__item_spec__value--armor"><strong class="">${int(r, 1, 1200)}</strong></div><div class="db-tooltip__item_spec__value db-tooltip__item_spec__value--last"><strong class="">${int(r, 1, 1200)}</strong></div></div></div>`;
  const repair = [
    ['Durability', '???%'],
    ['Spiritbond', '???%'],
    ['Repair Level', `${pick(r, ['Blacksmith', 'Armorer', 'Goldsmith', 'Leatherworker', 'Weaver'])} Lv. 100`],
    ['Materials', 'Grade 8 Dark Matter'],
    ['Materia Melding', 'Disciples of the Hand Lv. 100'],
  ]
    .map(([k, v]) => `<li><span class="db-tooltip__item_repair__title">${k}</span><span>${v}</span></li>`)
    .join('');
  const signature = maker
    ? `<div class="db-popup__inner"><div class="db-tooltip__info_text"><a href="/lodestone/character/${makerId}/">${esc(maker)}</a></div></div>`
    : '';
  return (
    `<div class="icon-c--${slot} ic_reflection_box js__db_tooltip"><img src="${icon}" width="40" height="40" alt="" class="character__item_icon__img"><div class="character__item_icon character__item_icon--frame"></div>` +
    `<div class="db-tooltip db-tooltip__wrapper item_detail_box"><div class="db-tooltip__l_main"><div class="popup_w412_body_gold"><div class="clearfix"><div class="db-tooltip__header clearfix"><div class="db-tooltip__item__icon"><img src="${staticUrl(imageBase, 'item-bg', 'png')}" width="76" height="76" alt=""><img src="${icon}" width="64" height="64" alt="" class="db-tooltip__item__icon__item_image"><div class="db-tooltip__item__icon__cover"></div></div>` +
    `<div class="db-tooltip__item__txt"><div class="db-tooltip__item__element"><ul class="db-tooltip__item__storage">${storage}</ul></div><h2 class="db-tooltip__item__name txt-rarity_${crafted ? 'uncommon' : 'rare'}">${esc(name)}${crafted ? '<span class="icon"></span>' : ''}</h2><p class="db-tooltip__item__category">${esc(category)}</p></div></div></div>` +
    `<div class="db-tooltip__bt_item_detail"><a href="/lodestone/playguide/db/item/${itemId}/"><img src="${staticUrl(imageBase, 'view-details', 'png')}" width="300" height="60" alt="View Item Details"></a></div><div class="db-tooltip__item__level ">Item Level ${itemLevel}</div>` +
    `<div class="db-popup__inner">${spec}</div>` +
    `<div class="db-popup__inner"><div class="db-tooltip__item_equipment"><div class="db-tooltip__item_equipment__class">${slot === 0 ? esc(category.split("'")[0]!.toUpperCase().slice(0, 3)) : 'Disciples of War or Magic'}</div><div class="db-tooltip__item_equipment__level">Lv. 100</div></div><h3 class="db-tooltip__sub_title">Bonuses</h3><hr class="db-tooltip__line"><ul class="db-tooltip__basic_bonus">${bonuses}</ul><h3 class="db-tooltip__sub_title">Materia</h3><hr class="db-tooltip__line"><ul class="db-tooltip__materia">${materia}</ul><h3 class="db-tooltip__sub_title">Crafting &amp; Repairs</h3><hr class="db-tooltip__line"><ul class="db-tooltip__item_repair">${repair}</ul><ul class="db-tooltip__item-info__list"><li>Extractable: <span>Yes</span></li><li>Projectable: <span>Yes</span></li><li>Desynthesizable: <span>No</span></li><li>Dyeable: <span>${crafted ? 'Yes' : 'No'}</span></li></ul></div>` +
    `<div class="db-popup__inner"><hr class="db-tooltip__line"><div class="db-tooltip__item_footer"><p><span class="db-view__sells">Available for Purchase: </span>No</p><span><span class="db-tooltip__sells">Sells for </span>${int(r, 100, 2000).toLocaleString('en-US')} gil</span>${crafted ? '' : '<span class="db-tooltip__market_notsell">Market Prohibited</span>'}</div></div>` +
    `${signature}</div></div></div></div>`
  );
}
