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

/** Chromium's flags for running as root, offline, in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
  // Tests talk to 127.0.0.1 only: Chromium must not even look up its own services.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** Starts headless Chromium (Playwright gives it a fresh profile). */
export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A new page whose console errors and uncaught exceptions land in `problems`. */
export async function watchedPage(browser) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (message) => {
    // A helper that is not running is an expected state the page explains;
    // the browser still logs each refused connection to it.
    const helperUnreachable = message.location().url.startsWith('http://127.0.0.1:17320/');
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
