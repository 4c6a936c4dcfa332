// `cargo xtask bench`: Lighthouse (performance, accessibility, best practices) on the
// start page and a guide step of the site at VEIVISER_URL, in Debian's Chromium.
// Prints the scores and, for any score below 100, the audits that lost points.
// Asserts nothing. Offline: chrome-launcher starts /usr/bin/chromium (no browser is
// downloaded), error reporting is off, and Lighthouse fetches nothing but the page.
import lighthouse, { desktopConfig } from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { SITE, CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser.mjs';

// The wizard is used on PCs with card readers: Lighthouse's desktop preset (no
// simulated phone CPU or 4G). LIGHTHOUSE_PRESET=mobile gives its mobile default.
const MOBILE = process.env.LIGHTHOUSE_PRESET === 'mobile';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const PAGES = [
  ['start page', ''],
  ['guide step (MRS, the first question)', 'nb/mrs/index.html'],
  // A live-check step: it waits for a click before it asks the helper.
  ['guide step (MRS, insert the card)', 'nb/mrs/sett-inn-kort.html?a=hvordan.sett-inn-kort'],
];

const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  // Even with --disable-background-networking, Chromium looked up clients2.google.com,
  // update.googleapis.com and accounts.google.com (seen with strace): resolve no name.
  chromeFlags: [...CHROMIUM_ARGS, '--headless=new'],
  logLevel: 'silent',
});
console.log(`  Lighthouse ${MOBILE ? 'mobile (default: simulated slow 4G, 4x CPU slowdown)' : 'desktop preset'}, Chromium ${(await chromeVersion(chrome.port)) ?? ''}`);
try {
  for (const [name, query] of PAGES) {
    const result = await lighthouse(SITE + query, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      enableErrorReporting: false,
    }, MOBILE ? undefined : desktopConfig);
    const { categories, audits, runtimeError, runWarnings } = result.lhr;
    if (runtimeError) console.log(`  ${name}: Lighthouse error ${runtimeError.code}: ${runtimeError.message}`);
    const scores = CATEGORIES.map((id) => `${categories[id].title} ${score(categories[id].score)}`);
    console.log(`  ${name}: ${scores.join(', ')}`);
    const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']
      .map((id) => `${audits[id].title} ${audits[id].displayValue}`);
    console.log(`    ${metrics.join(', ')}`);
    for (const id of CATEGORIES) {
      if (categories[id].score === 1) continue;
      for (const ref of categories[id].auditRefs) {
        const audit = audits[ref.id];
        if (audit.score === null || audit.score >= 1) continue;
        const weight = ref.weight ? `weight ${ref.weight}` : 'not weighted';
        const value = audit.displayValue ? `, ${audit.displayValue}` : '';
        console.log(`    ${categories[id].title}: ${ref.id} (score ${score(audit.score)}, ${weight}${value}): ${audit.title}`);
        for (const item of (audit.details?.items ?? []).slice(0, 3)) {
          const what = [item.url ?? item.sourceLocation?.url ?? item.node?.snippet, item.description]
            .filter((part) => typeof part === 'string' && !part.includes('](http')).join(': ');
          if (what) console.log(`      ${what.slice(0, 160)}`);
        }
      }
    }
    for (const warning of runWarnings) console.log(`    warning: ${warning}`);
  }
} finally {
  chrome.kill();
}

function score(value) {
  return value === null ? 'n/a' : Math.round(value * 100);
}

async function chromeVersion(port) {
  try {
    return (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()).Browser;
  } catch {
    return null;
  }
}
