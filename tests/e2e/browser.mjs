// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core,
// with every console error, page error and CSP violation collected.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

/** The site under test, served by `cargo xtask test` under a sub-path. */
export const SITE = process.env.VEIVISER_URL;
if (!SITE) {
  throw new Error('VEIVISER_URL is not set: run the browser tests with `cargo xtask test`');
}

/** Debian's Chromium, which every browser test and benchmark drives. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The helper's address, on its default port. */
export const HELPER = 'http://127.0.0.1:17320';

/** The outside hosts Chromium may not look up: tests talk to 127.0.0.1 only. */
const NO_OUTSIDE_HOSTS = 'MAP * ~NOTFOUND , EXCLUDE 127.0.0.1';

/** Chromium's flags for running as root, offline, in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Starts headless Chromium (Playwright gives it a fresh profile). `hosts` maps
 * extra host names to 127.0.0.1 (`intranet.test`); `args` are more flags, such
 * as an address-space override that makes the site a public one.
 */
export async function launch({ hosts = [], args = [] } = {}) {
  const rules = [...hosts.map((host) => `MAP ${host} 127.0.0.1`), NO_OUTSIDE_HOSTS].join(' , ');
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, `--host-resolver-rules=${rules}`, ...args] });
}

/**
 * The Chromium flag that makes a site served on 127.0.0.1:`port` count as an
 * address on the internet (`public`) or on a private network (`local`), so
 * Local Network Access gates its calls to the helper as it would there.
 */
export function addressSpace(port, space) {
  return `--ip-address-space-overrides=127.0.0.1:${port}=${space}`;
}

/** A browser context in which the user has allowed the site to reach the PC (pressed Allow). */
export async function allowedContext(browser, origin = new URL(SITE).origin) {
  const context = await browser.newContext();
  await context.grantPermissions(['local-network-access'], { origin });
  return context;
}

/** A new page (of a browser or a context) whose console errors and uncaught exceptions land in `problems`. */
export async function watchedPage(browser) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (message) => {
    // A helper that is not running, or a call the browser refused, is a state the
    // page explains; the browser still logs each failed connection to it.
    const helperUnreachable = message.location().url.startsWith(`${HELPER}/`) || message.text().includes(new URL(HELPER).host);
    if (message.type() === 'error' && !helperUnreachable) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { page, problems };
}

/**
 * Hooks for a test file: one browser for its tests, and the site's guide index.
 * Read `site.browser` and `site.index` inside the tests.
 */
export function useSite() {
  const site = {};
  before(async () => {
    site.browser = await launch();
    site.index = await (await fetch(new URL('content/index.json', SITE))).json();
  });
  after(async () => { await site.browser?.close(); });
  return site;
}

/**
 * What an address of the site names, in either of its forms: a page of its own
 * (`nb/mrs/pin.html?a=…`, `nb/mrs/index.html`, `sv/index.html`) or one of the
 * three pages with a query (`guide.html?guide=mrs&step=pin&a=…`).
 */
export function placeOf(url) {
  const address = new URL(url, SITE);
  const query = address.searchParams;
  const place = { lang: query.get('lang'), guide: query.get('guide'), step: query.get('step'), answers: query.getAll('a') };
  const inSite = address.pathname.slice(new URL(SITE).pathname.length);
  const page = inSite.match(/^(nb|sv|en)\/(?:([\w-]+)\/)?([\w-]+)\.html$/);
  if (page) {
    place.lang = page[1];
    place.guide = page[2] ?? null;
    place.step = page[3] === 'index' ? null : page[3];
  }
  return place;
}

/** Waits until the app has taken the page over from the one the build wrote (or drew it itself). */
export async function takenOver(page) {
  await page.locator('html[data-taken-over]').waitFor({ state: 'attached' });
}
