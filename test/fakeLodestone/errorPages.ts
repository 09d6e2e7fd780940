/*
 * The Lodestone's stand-alone error pages: a bare layout (body.error__body > div.error__bg > div.ldst__window) with
 * no header, navigation or side column. What each says, and with which status, is in README.md.
 */
import { staticUrl } from './images.js';

export const NOT_FOUND_HEADING = 'Page not found.';
export const ACCESS_RESTRICTED_HEADING = 'Access Restricted';
export const MAINTENANCE_HEADING = 'Maintenance';
export const MAINTENANCE_TEXT = 'Due to ongoing maintenance, this page is currently unavailable. Please try again later.';

function errorShell(imageBase: string, windowClass: string, inner: string, headExtra = ''): string {
  return `<!DOCTYPE html>
<html lang="en-us" class="en-us">
<head>
    <meta charset="utf-8">
    <title>FINAL FANTASY XIV, The Lodestone</title>
    <link href="${staticUrl(imageBase, 'css:error', 'css')}" rel="stylesheet">
${headExtra}</head>
<body class="error__body">
<div class="brand"><div class="brand__section">
    <div class="brand__logo">
        <a href="https://na.square-enix.com/us/home" target="_blank"><img src="${staticUrl(imageBase, 'brand-logo', 'png')}" width="130" height="14" alt="SQUARE ENIX"></a>
    </div>
</div></div>

<div class="error__bg">
    <div class="error__logo"><a href="/lodestone/">
        <img src="${staticUrl(imageBase, 'error-logo', 'png')}" width="340" height="140" alt="The Lodestone">
    </a></div>

    <div class="ldst__window ${windowClass}">
${inner}
    </div>
</div>

<footer class="l__footer">
    <div class="l__footer__inner">
        <div class="l__footer__logo">
            <a href="/lodestone/"><img src="${staticUrl(imageBase, 'footer-logo', 'png')}" width="320" height="32" alt=""></a>
        </div>
        <div class="l__footer__copyright">
            <p>© SQUARE ENIX<br />(fake Lodestone for tests)</p>
        </div>
    </div>
</footer>
</body>
</html>
`;
}

/** 404: an unknown character id or any unknown path. */
export function notFoundPage(imageBase: string): string {
  return errorShell(
    imageBase,
    'ldst__error',
    `        <h1 class="error__heading">${NOT_FOUND_HEADING}</h1>
        <div class="js--error-loggedin">
            <p class="error__text">The page you are searching for has either been removed, or the designated URL address is incorrect.</p>
        </div>
        <div class="js--error-loggedout" style="display: none;">
            <p class="error__text">The page you are searching for has either been removed, or the designated URL address is incorrect.<br />If you are trying to access a page that is only accessible while logged in to the Lodestone, please click the button below to log in.</p>
            <a href="/lodestone/account/login/" class="btn__color parts__space--16 js--error-login">Log In</a>
        </div>
        <a href="/lodestone/" class="btn__color">Main Site</a>`,
  );
}

/** 403: a character hidden from everyone. */
export function accessRestrictedPage(imageBase: string): string {
  return errorShell(
    imageBase,
    'ldst__error',
    `        <h1 class="error__heading">${ACCESS_RESTRICTED_HEADING}</h1>
        <p class="error__text">You do not have permission to view this page.</p>
        <a href="/lodestone/" class="btn__color parts__space--reset">Main Site</a>`,
  );
}

/** 503: the whole Lodestone during maintenance. */
export function maintenancePage(imageBase: string): string {
  return errorShell(
    imageBase,
    'ldst__maintenance',
    `        <h1 class="maintenance__heading">${MAINTENANCE_HEADING}</h1>
        <p class="maintenance__text">${MAINTENANCE_TEXT}</p>
        <a href="/lodestone/" class="btn__color">Main Site</a>`,
  );
}

/** 429: what the fake answers while rate limiting (the real site's exact page for this is not documented anywhere we found). */
export function tooManyRequestsPage(): string {
  return `<!DOCTYPE html>
<html lang="en-us">
<head><meta charset="utf-8"><title>429 Too Many Requests</title></head>
<body>
<h1>429 Too Many Requests</h1>
<p>You have sent too many requests in a given amount of time. Please wait and try again.</p>
</body>
</html>
`;
}
