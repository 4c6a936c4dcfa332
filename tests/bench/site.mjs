// `cargo xtask bench`, browser half: figures of the built site in Chromium.
// Prints figures; asserts nothing.
import { gzipSync } from 'node:zlib';
import { launch } from '../e2e/browser.mjs';

const SITE = process.env.VEIVISER_URL;
/** The site as built, without the synthetic guides (whose index would make every built page stale). */
const BUILT = process.env.VEIVISER_BUILT_URL ?? SITE;
const browser = await launch();

/** Loads `url` in a fresh context; returns bytes (raw and gzip) and time to the first heading. */
async function firstVisit(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('h1')) {
        window.__firstHeading = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const bodies = [];
  page.on('response', async (response) => {
    try { bodies.push({ url: response.url(), body: await response.body() }); } catch { /* redirects have none */ }
  });
  await page.goto(url);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  const heading = await page.evaluate(() => window.__firstHeading);
  await context.close();
  const raw = bodies.reduce((sum, b) => sum + b.body.length, 0);
  const gzip = bodies.reduce((sum, b) => sum + gzipSync(b.body, { level: 9 }).length, 0);
  const files = bodies.map((b) => `${new URL(b.url).pathname.split('/').pop() || 'index.html'} ${(gzipSync(b.body, { level: 9 }).length / 1024).toFixed(1)}`);
  return { raw, gzip, heading, files };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [name, path] of [['start page', ''], ['a guide (MRS, first step)', 'nb/mrs/index.html']]) {
  const visit = await firstVisit(BUILT + path);
  console.log(`  first visit to ${name}: ${kb(visit.gzip)} gzip (${kb(visit.raw)} raw), first heading after ${visit.heading.toFixed(0)} ms`);
  console.log(`    files (KB gzip): ${visit.files.join(', ')}`);
}

// Step changes: time from the click to the next step's heading in the DOM.
const STEP_CHANGES = 50;
{
  const page = await browser.newPage();
  await page.goto(`${SITE}guide.html?guide=bench1000`);
  await page.locator('h1').first().waitFor();
  await page.locator('html[data-taken-over]').waitFor({ state: 'attached' });
  const times = [];
  for (let i = 0; i < STEP_CHANGES; i += 1) {
    const link = page.locator('a.choice, a.button').first();
    const elapsed = await page.evaluate(() => new Promise((resolve) => {
      const before = document.querySelector('h1')?.textContent;
      const started = performance.now();
      new MutationObserver((_, observer) => {
        const now = document.querySelector('h1')?.textContent;
        if (now && now !== before) { observer.disconnect(); resolve(performance.now() - started); }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
      document.querySelector('a.choice, a.button').click();
    }));
    await link.page().locator('h1').first().waitFor();
    times.push(elapsed);
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(`  step change (click to next heading, ${STEP_CHANGES} steps of a 1,000-step guide): median ${at(0.5)} ms, 95th percentile ${at(0.95)} ms, max ${at(1)} ms (the first: ${first.toFixed(1)} ms)`);
  await page.close();
}

// Parse and check in the browser, as the app measures it (User Timing).
for (const guide of ['mrs', 'eportal', 'bench100', 'bench1000', 'bench10000']) {
  const page = await browser.newPage();
  await page.goto(`${SITE}guide.html?guide=${guide}`);
  await page.locator('h1').first().waitFor({ timeout: 120000 });
  const measure = await page.evaluate(() => performance.getEntriesByType('measure')
    .find((m) => m.name.startsWith('veiviser:parse-check:'))?.duration);
  console.log(`  parse and check in the browser, ${guide}: ${measure?.toFixed(1)} ms`);
  await page.close();
}
await browser.close();
