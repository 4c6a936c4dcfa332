// The interface in bokmål, Swedish and English: the switcher keeps the user on
// the same step, sets `lang`, is remembered, and a guide missing in the chosen
// language says so and offers the languages it has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, useSite, watchedPage } from './browser.mjs';

const site = useSite();

const stepOf = (url) => new URL(url).searchParams.get('step');

test('switching language mid-guide keeps the step and the answers, sets lang, and is remembered', async () => {
  const { page, problems } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?guide=mrs&step=sett-inn-kort&a=hvordan.sett-inn-kort`);
  await page.getByRole('link', { name: 'Tilbake', exact: true }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nb');

  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Back', exact: true }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
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
