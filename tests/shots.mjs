import { chromium } from 'playwright-core';
const SITE = 'http://127.0.0.1:18231/veiviser/';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
for (const [size, viewport] of Object.entries(sizes)) {
  for (const [name, path] of [['start', 'nb/index.html'], ['card', 'nb/mrs/sett-inn-kort.html?a=hvordan.sett-inn-kort'], ['sv-first', 'sv/webcert/index.html']]) {
    for (const mode of ['built', 'app', 'nojs']) {
      const context = await b.newContext({ viewport, javaScriptEnabled: mode !== 'nojs', isMobile: size === 'phone' });
      const page = await context.newPage();
      if (mode === 'built') await page.route(/\.wasm$/, (r) => r.abort());
      await page.goto(SITE + path);
      if (mode === 'app') { await page.locator('html[data-taken-over]').waitFor({ state: 'attached' }); await page.waitForTimeout(800); }
      else await page.waitForTimeout(500);
      await page.screenshot({ path: `/tmp/shots/${size}-${name}-${mode}.png`, fullPage: false });
      await context.close();
    }
  }
}
await b.close();
