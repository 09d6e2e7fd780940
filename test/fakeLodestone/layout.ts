/*
 * The chrome every full Lodestone page shares: <head>, the Square Enix brand bar, the banner header, the global
 * navigation, the right-hand side column (banners, community wall, standings) and the footer. Written for the fake,
 * modelled on the structure of saved real pages (see README.md); nothing here is copied from them.
 * Everything a browser would load (stylesheets, scripts, images) points at `imageBase`, i.e. the fake itself.
 */
import { avatarUrlFor, staticUrl } from './images.js';
import { FIRST_NAMES, LAST_NAMES, WORLDS } from './gameData.js';
import { esc, int, md5hex, pick, rng } from './util.js';

export const SITE = 'FINAL FANTASY XIV, The Lodestone';
const REGIONS: readonly [string, string, string][] = [
  ['na', 'en-us', 'English (US)'],
  ['eu', 'en-gb', 'English (UK)'],
  ['fr', 'fr', 'Français'],
  ['de', 'de', 'Deutsch'],
  ['jp', 'ja', '日本語'],
];

export interface PageInfo {
  title: string;
  description: string;
  /** Path of the page on the site, e.g. '/lodestone/character/123/'. */
  path: string;
  imageBase: string;
}

export function pageHead(p: PageInfo): string {
  const css = ['base', 'layout', 'parts', 'character', 'tooltip', 'db', 'search', 'side']
    .map((k) => `    <link href="${staticUrl(p.imageBase, `css:${k}`, 'css')}" rel="stylesheet">`)
    .join('\n');
  const alternates = REGIONS.filter(([r]) => r !== 'na')
    .map(([r, lang]) => `    <link rel="alternate" hreflang="${lang}" href="https://${r}.finalfantasyxiv.com${esc(p.path)}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-us" class="en-us" xmlns:og="http://ogp.me/ns#" xmlns:fb="http://www.facebook.com/2008/fbml">
<head><meta charset="utf-8">

    <script>
      window.dataLayer = window.dataLayer || [];
      window.ldst_gtm_variable = { 'login': 'notloginuser', 'theme': 'white' };
    </script>

    <title>${esc(p.title)} | ${SITE}</title>
    <meta name="description" content="${esc(p.description)}">
    <meta name="keywords" content="FF14,FFXIV,Final Fantasy XIV,Lodestone,community site,A Realm Reborn,Heavensward,Stormblood,Shadowbringers,Endwalker,Dawntrail,MMO">
    <meta name="author" content="SQUARE ENIX Inc.">
    <meta http-equiv="X-UA-Compatible" content="IE=edge">
    <meta name="format-detection" content="telephone=no">

    <link rel="alternate" type="application/atom+xml" href="/lodestone/news/news.xml" title="News | ${SITE}">
    <link rel="alternate" type="application/atom+xml" href="/lodestone/news/topics.xml" title="Topics | ${SITE}">
    <link rel="shortcut icon" type="image/vnd.microsoft.icon" href="${staticUrl(p.imageBase, 'favicon', 'ico')}">
    <link rel="apple-touch-icon-precomposed" href="${staticUrl(p.imageBase, 'touch-icon', 'png')}">
    <meta name="msapplication-TileColor" content="#000000">
${alternates}

    <!-- ** CSS ** -->
${css}
    <link href="${staticUrl(p.imageBase, 'css:theme-white', 'css')}" rel="stylesheet" class="sys_theme_css"
          data-theme_white="${staticUrl(p.imageBase, 'css:theme-white', 'css')}"
          data-theme_black="${staticUrl(p.imageBase, 'css:theme-black', 'css')}">

    <!-- ogp -->
    <meta property="og:type" content="website">
    <meta property="og:description" content="${esc(p.description)}">
    <meta property="og:title" content="${esc(p.title)} | ${SITE}">
    <meta property="og:url" content="https://na.finalfantasyxiv.com${esc(p.path)}">
    <meta property="og:site_name" content="${SITE}">
    <meta property="og:locale" content="en_US">
    <meta property="og:image" content="${staticUrl(p.imageBase, 'ogp', 'png')}">
    <meta name="twitter:card" content="summary_large_image">
    <meta name="twitter:site" content="@ff_xiv_en">

    <script>
      var base_domain = 'finalfantasyxiv.com';
      var ldst_subdomain = 'na';
      var strftime_fmt = {
        'dateHHMM_now': 'Today %H:%M',
        'dateYMDHMS': '%m/%d/%Y %I:%M:%S %p',
        'dateYMDHM': '%m/%d/%Y %I:%M %p',
        'dateHM': '%I:%M %p',
        'dateYMD': '%m/%d/%Y',
        'week.0': 'Sun.', 'week.1': 'Mon.', 'week.2': 'Tue.', 'week.3': 'Wed.', 'week.4': 'Thu.', 'week.5': 'Fri.', 'week.6': 'Sat.'
      };
      var base_uri   = '/lodestone/';
      var api_uri    = '/lodestone/api/';
      var subdomain  = 'na';
      var csrf_token = '${md5hex(`csrf:${p.path}`)}';
      var ldst_max_image_size = 31457280;
      var ldst_is_loggedin = false;
      var show_achievement = false;
    </script>
    <script src="${staticUrl(p.imageBase, 'js:jquery', 'js')}"></script>
    <script src="${staticUrl(p.imageBase, 'js:ldst', 'js')}"></script>
</head>
<body id="community" class=" lang_na">
`;
}

function navList(section: string, items: readonly string[]): string {
  return items
    .map((label) => {
      const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '_');
      return `                                    <li><a href="/lodestone/${section}/${slug}/" onClick="ldst_ga('send', 'event', 'lodestone_lo', 'pc_sub-menu', 'na_${section}_${slug}');"><div>
                                        ${esc(label)}
                                    </div></a></li>`;
    })
    .join('\n');
}

const NAV: readonly [string, string, readonly string[]][] = [
  ['news', 'News', ['News', 'Topics', 'Notices', 'Maintenance', 'Updates', 'Status', 'Patch Notes and Special Sites', 'The Lodestone Update Notes', 'Server Status']],
  ['playguide', 'Getting Started', ['Free Trial', 'Purchase', 'System Requirements', 'Benchmark', 'Game Guide', 'Beginners Guide', 'Returning Players', 'Recruit a Friend']],
  [
    'playguide/db',
    'Eorzea Database',
    ['Items', 'Gear', 'Recipes', 'Gathering', 'Shops', 'Text Commands', 'Quests', 'Duties', 'Achievements', 'Emotes', 'Minions', 'Mounts', 'Orchestrion Rolls'],
  ],
  [
    'community',
    'Community',
    ['Characters', 'Free Companies', 'Linkshells', 'Cross-world Linkshells', 'PvP Teams', 'Blogs', 'Events', 'Images', 'Community Finder', 'Standings', 'Housing'],
  ],
  ['special', 'Special Sites', ['Crafting Log', 'Fan Festival', 'Fan Kit', 'Soundtrack', 'Wallpapers', 'Comics', 'Twitch Extension', 'Companion App']],
  ['mogstation', 'Mog Station', ['Optional Items', 'Service Account', 'Security Token', 'Subscription', 'Crysta', 'Support Center']],
];

export function pageTop(imageBase: string, path: string): string {
  const langs = REGIONS.map(([r, , label]) => `            <li><a href="https://${r}.finalfantasyxiv.com${esc(path)}">${esc(label)}</a></li>`).join('\n');
  const nav = NAV.map(
    ([section, label, items]) => `            <li class="main-nav__${section.replace('/', '-')} main-nav__item">
                <a href="/lodestone/${section}/" onClick="ldst_ga('send', 'event', 'lodestone_lo', 'pc_main-menu', 'na_${section}-top');"><span>${esc(label)}</span></a>
                <nav class="sub-nav">
                    <div class="sub-nav__area">
                        <div class="sub-nav__list sub-nav__${section.replace('/', '-')}">
                            <div class="sub-nav__list__inner">
                                <ul class="sub-nav__${section.replace('/', '-')}__text">
${navList(section, items)}
                                </ul>
                            </div>
                        </div>
                    </div>
                </nav>
            </li>`,
  ).join('\n');
  return `<div class="brand"><div class="brand__section">
    <div class="brand__logo">
        <a href="https://na.square-enix.com/us/home" target="_blank"><img src="${staticUrl(imageBase, 'brand-logo', 'png')}" width="130" height="14" alt="SQUARE ENIX"></a>
    </div>
    <div class="brand__search">
        <form action="/lodestone/community/search/" class="brand__search__form">
            <div class="brand__search__focus_bg"></div>
            <div class="brand__search__base_bg"></div>
            <input type="text" id="txt_search" class="brand__search--text" name="q" placeholder="Search">
            <input type="submit" id="bt_search" class="brand__search--btn" value="">
        </form>
    </div>
    <div class="brand__theme sys_theme_switcher">
        <a href="javascript:void(0);"><i class="brand__theme--white sys_theme active js__tooltip" data-tooltip="Theme (Black)" data-theme="white"></i></a>
        <a href="javascript:void(0);"><i class="brand__theme--black sys_theme js__tooltip" data-tooltip="Theme (White)" data-theme="black"></i></a>
    </div>
    <div class="brand__lang dropdown_trigger_box">
        <a href="javascript:void(0);" class="brand__lang__btn dropdown_trigger">English (US)</a>
        <ul class="brand__lang__select dropdown">
${langs}
        </ul>
    </div>
</div></div>

<header class="l__header">
    <div class="l__header__inner l__header__bg_image" style="background-image: url(${staticUrl(imageBase, 'header-banner', 'png')});">
        <a href="/lodestone/" class="l__header__link_top"></a>
        <div class="l__header__login clearfix"><a href="/lodestone/account/login/" class="l__header__login__btn">
            <img src="${staticUrl(imageBase, 'silhouette', 'png')}" width="40" height="40" alt="" class="l__header__login__chara_silhouette">
            <div class="l__header__login__txt">
                <p>View Your Character Profile</p>
                <div>Log In</div>
            </div>
        </a></div>
    </div>
</header>

<div class="global-nav">
    <nav class="main-nav na">
        <ul class="main-nav__area main-nav__area__community clearfix">
${nav}
        </ul>
    </nav>
</div>
`;
}

/** The right-hand column. Its standings list uses p.entry__name / p.entry__world too, as the real one does. */
export function sideColumn(imageBase: string, seed: string): string {
  const r = rng(`side:${seed}`);
  const wall = Array.from({ length: 10 }, (_, i) => {
    const who = `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`;
    const [world] = pick(r, WORLDS);
    const epoch = 1_762_290_000 + int(r, 0, 9000);
    const kind = i % 3 === 0 ? ['fc', 'Free Company', `${pick(r, LAST_NAMES)} Company (${world}) has been formed.`] : ['blog', 'Blog', `${who} posted a new entry.`];
    return `                    <div class="entry more_"><a href="/lodestone/character/${int(r, 1_000_000, 59_999_999)}/blog/${int(r, 1_000_000, 9_999_999)}/" class="entry__activity"><div class="entry__activity__box"><div class="entry__activity__box__header--common clearfix"><time class="entry__activity__time"><span class="datetime_dynamic_ymdhm" data-epoch="${epoch}">-</span></time></div><div class="entry__activity__txt"><div class="entry__activity__txt--icon"><span class="icon-activity__${kind[0]} js__tooltip" data-tooltip="${kind[1]}"></span></div><div class="entry__activity__txt--message"><p>${esc(kind[2]!)}</p></div></div></div></a><div class="entry__activity__link"><img src="${staticUrl(imageBase, `activity:${kind[0]}`, 'png')}" width="50" height="50" alt=""></div></div>`;
  }).join('\n');
  const standing = (title: string, n: number): string => {
    const rows = Array.from({ length: n }, (_, i) => {
      const who = `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`;
      const [world, dc] = pick(r, WORLDS);
      const id = String(int(r, 1_000_000, 59_999_999));
      return `                    <li class="entry__ranking">
                        <a href="/lodestone/ranking/${title.toLowerCase().replace(/\W+/g, '')}/" class="entry__ranking__link">
                            <p class="entry__ranking__rank">
                                ${i + 1}
                            </p>
                            <div class="entry__ranking__data">
                                <p class="entry__name">${esc(who)}</p>
                                <p class="entry__world"><i class="xiv-lds xiv-lds-home-world js__tooltip" data-tooltip="Home World"></i>${esc(world)} [${esc(dc)}]</p>
                            </div>
                        </a>
                        <a href="/lodestone/character/${id}/" class="entry__ranking__face">
                            <img src="${avatarUrlFor(imageBase, id)}" width="50" height="50" alt="">
                        </a>
                    </li>`;
    }).join('\n');
    return `                <h4 class="heading--side--sm">${esc(title)}</h4>
                <ul>
${rows}
                </ul>`;
  };
  const banners = ['Mog Station', 'Online Store', 'Forums', 'Companion App', 'Support Center', 'Fan Kit']
    .map(
      (b) => `                <li>
                    <a href="/lodestone/special/${b.toLowerCase().replace(/\W+/g, '_')}/" target="_blank" class="l__rside__bnr--${b.toLowerCase().replace(/\W+/g, '_')}">
                        <img src="${staticUrl(imageBase, `banner:${b}`, 'png')}" width="150" height="48" alt="${esc(b)}">
                    </a>
                </li>`,
    )
    .join('\n');
  const langOptions = '<option value="">Select All</option><option value="ja">Japanese</option><option value="en">English</option><option value="de">German</option><option value="fr">French</option>';
  return `        <div class="ldst__side">
            <ul class="l__rside__bnr clearfix">
${banners}
            </ul>

            <div class="ldst__side__box">
                <div class="heading--side">
                    <h3>Community Wall</h3>
                    <a href="/lodestone/community/" class="heading--side__icon icon-list__side js__tooltip" data-tooltip="See More"></a>
                </div>
                <div class="js__toggle_wrapper">
                    <div class="js__toggle_trigger community__wall__filter">Filter</div>
                    <div class="js__toggle_item">
                        <h5 class="heading--side--lead">Language</h5>
                        <div class="select-pulldown"><select name="community_lang" class="select-pulldown__open">${langOptions}</select></div>
                        <h5 class="heading--side--lead">Displaying</h5>
                        <div class="select-pulldown"><select name="community_limit" class="select-pulldown__open"><option value="10">10</option><option value="20">20</option><option value="30">30</option></select></div>
                        <div class="form__submit form__submit--full"><input type="submit" value="Filter" class="js__bt_communitywall_filter"></div>
                    </div>
                </div>
                <ul class="side__list__box">
${wall}
                </ul>
            </div>

            <div class="ldst__side__box">
                <div class="heading--side">
                    <h3>Standings</h3>
                    <a href="/lodestone/ranking/" class="heading--side__icon icon-list__side js__tooltip" data-tooltip="See More"></a>
                </div>
${standing('Crystalline Conflict Standings', 5)}
${standing('Grand Company Standings', 5)}
${standing('Free Company Standings', 3)}
            </div>
        </div>
`;
}

export function pageFooter(imageBase: string): string {
  const sns = ['Facebook', 'X', 'YouTube', 'Instagram', 'Twitch', 'Bluesky']
    .map((s) => `<li><a href="https://example.invalid/${s.toLowerCase()}" target="_blank" class="l__footer__sns--link"><i class="xiv-lds xiv-lds-${s.toLowerCase()} xiv-lds-3x"></i><span>${s}</span></a></li>`)
    .join('');
  const platforms = ['PlayStation PS5 PS4', 'XBOX SERIES X|S', 'PC', 'Mac', 'STEAM']
    .map((p) => `<li><img src="${staticUrl(imageBase, `platform:${p}`, 'png')}" width="90" height="39" alt="${esc(p)}"></li>`)
    .join('');
  return `<div id="link_spsite" class="link_sp-site"><a href="javascript:void(0)">Mobile Version</a></div><footer class="l__footer"><div class="page-top"><span class="page-top__btn"></span></div><div class="l__footer__inner"><div class="l__footer__logo"><a href="/lodestone/"><img src="${staticUrl(imageBase, 'footer-logo', 'png')}" width="320" height="32" alt=""></a></div><div class="l__footer__shop"><a href="/lodestone/playguide/#returner" class="l__footer__shop__btn">Game Download</a></div><p class="l__footer__officiel">Official Information</p><ul class="l__footer__sns">${sns}</ul><ul class="l__footer__link-list"><li class="link_license" id="link_license"><a href="/license/" target="_blank">License</a></li><li><a href="/lodestone/rules/" target="_blank">Rules &amp; Policies</a></li><li><a href="/lodestone/privacy/" target="_blank">Privacy Policy</a></li><li><a href="/lodestone/cookies/" target="_blank">Cookie Policy</a></li></ul></div><div class="l__footer__legal-area"><div class="l__footer__legal-area__inner clearfix"><div class="l__footer__legal-area__box"><ul class="l__footer__legal-area__bnr-list">${platforms}</ul><p class="l__footer__legal-area__text">All trademarks are property of their respective owners. This page is served by a test double of the Lodestone and says nothing about any real trademark.</p></div><div class="l__footer__legal-area__box"><p class="l__footer__legal-area__copyright">© SQUARE ENIX<br />(fake Lodestone for tests)</p></div></div></div></footer>
`;
}

export function pageEnd(imageBase: string): string {
  const scripts = ['i18n', 'util', 'tooltip', 'db', 'character', 'community', 'dialog', 'theme']
    .map((k) => `<script src="${staticUrl(imageBase, `js:${k}`, 'js')}"></script>`)
    .join('\n');
  return `
${scripts}

<div id="dialog_bg" style="opacity:0; visibility: hidden;"></div>
<!-- dialog -->
<div name="ldstDialog" class="overlay__area js__overlay" style="opacity:0; visibility: hidden; top: 0px">
    <p class="overlay__text--icon"></p>
    <div class="outbound_consent hide">
        <input type="checkbox" name="outbound_consent" value="1" id="outbound_consent" class="form__checkbox">
        <label for="outbound_consent" class="form__checkbox__label form__outbound">
            Do not show this message again.
        </label>
    </div>
    <a href="javascript:void(0);" class="js__dialog_btn btn__color--radius js__overlay_ok">Confirm</a>
    <ul class="js__dialog_btn overlay__btn js__overlay_btn">
        <li><a href="javascript:void(0);" class="js__overlay_yes">Yes</a></li>
        <li><a href="javascript:void(0);" class="js__overlay_no">No</a></li>
    </ul>
</div>
<!-- //dialog -->

</body>
</html>
`;
}
