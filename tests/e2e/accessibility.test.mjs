// WCAG 2.1 AA: axe-core finds no violation on any kind of page in any language,
// a whole guide can be completed with the keyboard alone, and the page works at
// 400 % zoom (no sideways scrolling) and with reduced motion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, launch, watchedPage } from './browser.mjs';
import { settled, violations } from './axe.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PAGES = [
  ['start', ''],
  ['question', 'guide.html?guide=mrs'],
  ['step', 'guide.html?guide=mrs&step=sett-inn-kort&a=hvordan.sett-inn-kort'],
  ['end with answers', 'guide.html?guide=mrs&step=ferdig&a=hvordan.sms&a=sms-kode.ferdig'],
  ['whole guide', 'guide.html?guide=eportal&view=all'],
  ['moved link note', 'guide.html?guide=mrs&step=velg-sertifikat&a=hvordan.sms'],
  ['diagnostics', 'tools.html?page=diagnostics'],
  ['helpdesk', 'tools.html?page=helpdesk'],
  ['for IT', 'tools.html?page=it'],
  ['search with results', 'tools.html?page=search&q=PUK'],
  ['search without results', 'tools.html?page=search&q=xyzzy'],
  ['guide in a missing language', 'guide.html?guide=mrs&step=hvordan'],
  ['missing guide (error)', 'guide.html?guide=finnes-ikke'],
  ['step code that names no step', 'guide.html?code=XYZ-999'],
];

for (const lang of ['nb', 'sv', 'en']) {
  test(`axe finds no WCAG 2.1 AA violation on any kind of page in ${lang}`, async () => {
    const found = [];
    for (const [name, query] of PAGES) {
      const { page } = await watchedPage(browser);
      const separator = query ? '&' : '?';
      await page.goto(`${SITE}${query}${separator}lang=${lang}`);
      await page.locator('h1').first().waitFor();
      await settled(page);
      for (const v of await violations(page)) found.push(`${name}: ${v}`);
      await page.close();
    }
    assert.deepEqual(found, []);
  });
}

test('a whole guide can be completed with the keyboard alone, focus on each new heading', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(SITE);
  await page.locator('h1').first().waitFor();
  // Tab to the MRS guide and open it.
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (text.includes('Logge inn i MRS')) break;
  }
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: 'Hvordan vil du logge på?' }).waitFor();
  // Answer by keyboard until the end: from the focused heading, tab to the first answer or "next".
  for (let steps = 0; steps < 20; steps += 1) {
    const heading = await page.locator('h1').first().innerText();
    if (heading.includes('Du er logget inn i MRS')) break;
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press('Tab');
      // An answer or "next" (a link); the live panel's button asks the helper, it does not move on.
      if (await page.evaluate(() => document.activeElement?.matches('a.choice, a.button') ?? false)) break;
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction((before) => document.querySelector('h1')?.textContent !== before, heading);
    // Focus moves to the new question's heading.
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  }
  assert.match(await page.locator('h1').first().innerText(), /Du er logget inn i MRS/);
  assert.deepEqual(problems, []);
});

test('at 400 % zoom (320 CSS pixels wide) nothing scrolls sideways', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 256 } });
  const page = await context.newPage();
  for (const query of ['', 'guide.html?guide=mrs&step=ferdig&a=hvordan.sett-inn-kort&a=to-sertifikater.velg-sertifikat&a=velg-rolle.ferdig', 'guide.html?guide=eportal&view=all', 'tools.html?page=helpdesk', 'tools.html?page=search&q=PUK', 'tools.html?page=diagnostics', 'tools.html?page=it']) {
    await page.goto(`${SITE}${query}`);
    await page.locator('h1').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${query}: ${overflow}px sideways`);
  }
  await context.close();
});

test('with reduced motion nothing animates or transitions', async () => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${SITE}guide.html?guide=mrs`);
  await page.locator('h1').first().waitFor();
  const moving = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => {
    const style = getComputedStyle(el);
    return parseFloat(style.transitionDuration) > 0 || style.animationName !== 'none';
  }).length);
  assert.equal(moving, 0);
  await context.close();
});
