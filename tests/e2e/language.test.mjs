// The interface in bokmål, Swedish and English: the switcher keeps the user on
// the same step, sets `lang`, is remembered, and a guide missing in the chosen
// language says so and offers the languages it has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, placeOf, takenOver, useSite, watchedPage } from './browser.mjs';

const site = useSite();

const stepOf = (url) => placeOf(url).step;
const langOf = (url) => placeOf(url).lang;

test('switching language mid-guide keeps the step and the answers, sets lang, and is remembered', async () => {
  const { page, problems } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?guide=mrs&step=sett-inn-kort&a=hvordan.sett-inn-kort`);
  await page.getByRole('link', { name: 'Tilbake', exact: true }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nb');

  // Switched in place, by the app.
  await takenOver(page);
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Back', exact: true }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  // The links around the step follow at once: the site's name, the tools.
  assert.equal(await page.locator('a.site-name').evaluate((a) => a.href), `${SITE}en/index.html`);
  assert.match(await page.getByRole('link', { name: 'For IT', exact: true }).evaluate((a) => a.href), /lang=en/);
  assert.equal(stepOf(page.url()), 'sett-inn-kort');
  assert.match(page.url(), /a=hvordan\.sett-inn-kort/);
  const mrs = site.index.guides.find((g) => g.id === 'mrs');
  if (mrs.languages.includes('en')) {
    assert.equal(await page.locator('.guide-content').first().getAttribute('lang'), 'en');
  }

  // Remembered: the start page, opened without any language in the URL, stays English.
  await page.goto(SITE);
  await page.locator('h1', { hasText: 'What do you want to do?' }).waitFor();
  assert.deepEqual(problems, []);
});

test('a guide missing in the chosen language says so and offers the languages it has', async () => {
  const guide = site.index.guides.find((g) => !g.languages.includes('sv'));
  assert.ok(guide, 'some guide is not in Swedish');
  const { page } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?lang=sv&guide=${guide.id}`);
  const notice = page.locator('.note');
  await notice.waitFor();
  assert.match(await notice.innerText(), /finns inte på svenska/);
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  assert.equal(await page.locator('.guide-content').first().getAttribute('lang'), guide.languages[0]);
  await notice.getByRole('link', { name: 'Norsk bokmål' }).click();
  await page.getByRole('link', { name: 'Til forsiden' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nb');
});

test('every link the site gives out keeps the language: after a click, copy link, the copy for support, a typed code', async () => {
  const context = await site.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(SITE).origin });
  const { page, problems } = await watchedPage(context);
  await page.goto(`${SITE}guide.html?lang=sv&guide=webcert`);
  await page.getByRole('link', { name: 'Kortet sitter i läsaren' }).click();
  await page.locator('h1', { hasText: 'Signera intyget i Webcert' }).waitFor();
  assert.equal(langOf(page.url()), 'sv', page.url());
  await page.getByRole('link', { name: 'Nästa' }).click();
  await page.locator('h1', { hasText: 'Har du registrerat ditt SITHS-kort?' }).waitFor();
  assert.equal(langOf(page.url()), 'sv', page.url());

  await page.getByRole('button', { name: 'Kopiera länk till det här steget' }).click();
  await page.getByText('Länken är kopierad.').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(langOf(link), 'sv', link);
  await page.getByRole('button', { name: 'Kopiera det supporten behöver' }).click();
  await page.getByText(/^Kopierat: stegkoden/).waitFor();
  const report = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(report.includes(link), report);

  // A colleague whose browser remembers another language opens it in Swedish.
  const colleague = await site.browser.newPage();
  await colleague.goto(`${SITE}?lang=en`);
  await colleague.locator('h1', { hasText: 'What do you want to do?' }).waitFor();
  await colleague.goto(link);
  await colleague.locator('h1', { hasText: 'Har du registrerat ditt SITHS-kort?' }).waitFor();
  assert.equal(await colleague.getAttribute('html', 'lang'), 'sv');

  // A step code typed on the Swedish start page opens the step in Swedish.
  const code = (await page.locator('.step-code .code').innerText()).trim();
  await colleague.goto(`${SITE}?lang=sv`);
  await colleague.getByLabel(/stegkod/).fill(code);
  await colleague.getByRole('button', { name: 'Öppna' }).click();
  await colleague.locator('h1', { hasText: 'Har du registrerat ditt SITHS-kort?' }).waitFor();
  assert.equal(langOf(colleague.url()), 'sv', colleague.url());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a page in the default language is no choice to remember; a page in another is', async () => {
  const { page, problems } = await watchedPage(site.browser);
  const remembered = () => page.evaluate(() => localStorage.getItem('veiviser.lang'));
  for (const [path, expected] of [['nb/mrs/index.html', null], ['sv/mrs/index.html', 'sv'], ['nb/index.html', null]]) {
    await page.goto(`${SITE}${path}`);
    await takenOver(page);
    await page.waitForFunction((want) => localStorage.getItem('veiviser.lang') === want, expected);
    assert.equal(await remembered(), expected, path);
  }
  assert.deepEqual(problems, []);
});
