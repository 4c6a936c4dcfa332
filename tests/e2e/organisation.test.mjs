// An organisation renames, recolours and re-contacts the site and picks its
// guides in settings.json; a broken file is explained on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, allowedContext, launch, takenOver, watchedPage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page whose settings.json is `settings` (as if the organisation had edited the file). */
async function withSettings(settings) {
  const watched = await watchedPage(browser);
  await watched.page.route('**/settings.json', (route) => route.fulfill({ contentType: 'application/json', body: settings }));
  // The pages were built with other settings: what these tests read is the app's
  // page, so each load waits for the take-over (the stale built step is hidden meanwhile).
  const { page } = watched;
  for (const name of ['goto', 'reload']) {
    const load = page[name].bind(page);
    page[name] = async (...args) => {
      const response = await load(...args);
      await takenOver(page);
      return response;
    };
  }
  return watched;
}

test('the settings rename, recolour and re-contact the site and pick and order its guides', async () => {
  const { page, problems } = await withSettings(JSON.stringify({
    name: 'Helse Vest IKT',
    colours: { brand: '#003b5c', link: '#005a9c' },
    support: {
      phone: '+47 55 97 64 40', email: 'brukerstotte@example.no',
      hours: [{ days: 'mon-sun', open: '00:00', close: '24:00' }],
    },
    guides: ['webcert', 'mrs'],
    default_language: 'en',
  }));
  await page.goto(SITE);
  await page.locator('h1', { hasText: 'What do you want to do?' }).waitFor();
  assert.equal((await page.locator('.site-name').innerText()).trim(), 'Helse Vest IKT');
  const brand = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
  assert.equal(brand, 'rgb(0, 59, 92)');
  const guides = await page.locator('a.guide-link').allInnerTexts();
  assert.equal(guides.length, 2);
  assert.match(guides[0], /Webcert/);
  assert.match(await page.locator('.support').innerText(), /\+47 55 97 64 40[\s\S]*brukerstotte@example\.no[\s\S]*Open now, until 24:00\./);
  assert.deepEqual(problems, []);
});

test('closed support says when it opens, computed for now in the time zone of the support', async () => {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const names = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];
  const today = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
    .indexOf(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', weekday: 'short' }).format(new Date()));
  const tomorrow = (today + 1) % 7;
  const { page } = await withSettings(JSON.stringify({
    support: { phone: '76 16 63 33', hours: [{ days: days[tomorrow], open: '08:00', close: '15:30' }], time_zone: 'Europe/Oslo' },
  }));
  await page.goto(SITE);
  await page.locator('.support').waitFor();
  assert.match(await page.locator('.support').innerText(), new RegExp(`Stengt nå\\. Åpner ${names[tomorrow]} kl\\. 08:00\\.`));
});

test('a broken settings file is explained with line and column, and defaults are used', async () => {
  const { page } = await withSettings('{\n  "name": "X",\n  "colours": { "brand": "#ffcc00" },\n  "helper_port": 80\n}');
  await page.goto(SITE);
  const alert = page.locator('.settings-problem');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /settings\.json:3:16: error: colour `#ffcc00` has a contrast of 1\.5:1 with white text/);
  assert.match(text, /settings\.json:4:3: error: helper_port 80/);
  // The default colour keeps the contrast.
  const brand = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
  assert.equal(brand, 'rgb(31, 78, 121)');
  await page.locator('h1', { hasText: 'Hva vil du gjøre?' }).waitFor();

  const syntax = await withSettings('{ "name": "X", }');
  await syntax.page.goto(SITE);
  await syntax.page.locator('.settings-problem').getByText(/settings\.json:1:\d+: error: the settings are not valid/).waitFor();
  await syntax.page.locator('h1', { hasText: 'Hva vil du gjøre?' }).waitFor();
});

test('a guide that links to a guide the organisation hid still loads: its links are checked against the whole index', async () => {
  const { page, problems } = await withSettings(JSON.stringify({ guides: ['mrs'] }));
  const markdown = await (await fetch(new URL('content/mrs.nb.md', SITE))).text();
  const linked = markdown.replace(/(\n## [^\n]*\{#hvordan\}\n)/, '$1\nGjelder det Sverige, se [Webcert](webcert.sv.md).\n');
  assert.notEqual(linked, markdown, 'the link was added');
  await page.route('**/content/mrs.nb.md', (route) => route.fulfill({ contentType: 'text/markdown', body: linked }));
  await page.goto(SITE);
  await page.locator('a.guide-link').first().waitFor();
  assert.deepEqual(await page.locator('a.guide-link').count(), 1, 'the start page shows only MRS');
  await page.goto(`${SITE}guide.html?guide=mrs`);
  await page.locator('h1', { hasText: 'Hvordan vil du logge på?' }).waitFor();
  assert.equal(await page.locator('.problem').count(), 0, await page.locator('main').innerText());
  const webcert = page.getByRole('link', { name: 'Webcert' });
  // The settings differ from those the pages were built with: a link to the guide page.
  assert.match(await webcert.getAttribute('href'), /\/guide\.html\?lang=nb&guide=webcert$/);
  assert.deepEqual(problems, []);
});

test('public holidays close "open now": Helseregister on Christmas Day, the organisation on its own closed days', async () => {
  const { page, problems } = await withSettings(JSON.stringify({
    support: {
      name: 'Helse Vest IKT', phone: '+47 55 97 64 40',
      hours: [{ days: 'mon-sun', open: '00:00', close: '24:00' }], closed: ['12-23'],
    },
  }));
  // Friday 25 December 2026, 10:00 in Oslo: a weekday within Helseregister's hours.
  await page.clock.setFixedTime(new Date('2026-12-25T09:00:00Z'));
  await page.goto(`${SITE}guide.html?guide=helseregister`);
  const help = page.locator('aside.help');
  await help.waitFor();
  const text = await help.innerText();
  assert.match(text, /Stengt nå\. Åpner mandag kl\. 08:00\./, text);
  assert.doesNotMatch(text, /Åpent nå/, 'the organisation, in Oslo too, is closed on 1. and 2. juledag');
  assert.match(text, /Stengt nå\. Åpner søndag kl\. 00:00\./, text);
  // Wednesday 23 December: Helseregister is open; the organisation is closed on its own closed day.
  await page.clock.setFixedTime(new Date('2026-12-23T09:00:00Z'));
  await page.reload();
  await help.waitFor();
  assert.match(await help.innerText(), /Åpent nå, til 15:30\./);
  assert.match(await page.locator('.support').innerText(), /Stengt nå\. Åpner torsdag kl\. 00:00\./);
  assert.deepEqual(problems, []);
});

test('with "live_check": false, card steps show no live panel and never ask the helper', async () => {
  const { page, problems } = await withSettings(JSON.stringify({ live_check: false }));
  const asked = [];
  page.on('request', (request) => { if (request.url().startsWith('http://127.0.0.1:17320')) asked.push(request.url()); });
  await page.goto(`${SITE}guide.html?guide=mrs&step=sett-inn-kort&a=hvordan.sett-inn-kort`);
  // The page was built with the live check on: its step is hidden as stale (once
  // start.js has fetched the settings, after the first paint) until the app has it.
  await page.locator('html[data-stale]').waitFor({ state: 'attached' });
  await page.locator('aside.help').waitFor();
  assert.equal(await page.locator('section.live').count(), 0);
  assert.equal(await page.locator('.warning').count(), 0, await page.locator('main').innerText());
  assert.deepEqual(asked, []);
  assert.deepEqual(problems, []);
});

test('the help link of a card step lands on the install text at once', async () => {
  // A port no helper listens on: the helper is "not running"; the user has allowed the site to ask.
  const { page } = await watchedPage(await allowedContext(browser));
  await page.route('**/settings.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ helper_port: 17999 }) }));
  await page.goto(`${SITE}guide.html?guide=mrs&step=sett-inn-kort&a=hvordan.sett-inn-kort`);
  const how = page.getByRole('link', { name: 'Slik installerer og starter du hjelpeprogrammet' });
  await how.waitFor();
  await how.click();
  await page.waitForURL(/page=diagnostics/);
  await page.locator('#install').waitFor();
  assert.match(await page.locator('#install').innerText(), /Slik installerer og starter du hjelpeprogrammet/);
  await page.getByText(/Hjelpeprogrammet \(veiviser-helper\) installeres vanligvis av IT-avdelingen/).waitFor({ timeout: 2000 });

  // Before the browser lets the page ask the helper (it waits for a click), the install text is there too.
  const fresh = await withSettings(JSON.stringify({ helper_port: 17999 }));
  await fresh.page.goto(`${SITE}tools.html?page=diagnostics#install`);
  await fresh.page.locator('h1').first().waitFor();
  const live = await fresh.page.locator('section.live').innerText();
  await fresh.page.getByText(/Hjelpeprogrammet \(veiviser-helper\) installeres vanligvis av IT-avdelingen/).waitFor({ timeout: 2000 });
  assert.doesNotMatch(live, /installeres vanligvis/, `the live section says: ${live}`);
});
