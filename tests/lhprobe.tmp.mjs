import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { SITE, CHROMIUM, CHROMIUM_ARGS } from './e2e/browser.mjs';
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: [...CHROMIUM_ARGS, '--headless=new'], logLevel: 'silent' });
for (const q of (process.argv[2] ?? 'nb/mrs/index.html').split(',')) {
  const r = await lighthouse(SITE + q, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const a = r.lhr.audits;
  console.log(q, 'perf', r.lhr.categories.performance.score);
  const m = a.metrics.details.items[0];
  console.log(' observed FCP', m.observedFirstContentfulPaint, 'LCP', m.observedLargestContentfulPaint, 'sim FCP', m.firstContentfulPaint, 'LCP', m.largestContentfulPaint, 'TBT', m.totalBlockingTime);
  console.log(JSON.stringify(a['largest-contentful-paint-element'].details, null, 0).slice(0, 1500));
}
await chrome.kill();
