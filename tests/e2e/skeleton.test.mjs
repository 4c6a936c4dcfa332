// The walking skeleton end to end: the built site, served under a sub-path with
// the Content Security Policy, answers two questions and keeps the step in the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, launch, watchedPage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const heading = (page) => page.locator('h1').first();

test('the site is served with the Content Security Policy', async () => {
  const response = await fetch(SITE);
  assert.equal(response.status, 200);
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  const html = await response.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
});

test('a newcomer picks a guide and answers two steps; reload and a fresh load keep the step', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(SITE);
  await assert.doesNotReject(heading(page).getByText('Hva vil du gjøre?').waitFor());

  await page.getByRole('link', { name: 'Logge inn i MRS (Helse Vest)' }).click();
  await heading(page).getByText('Hvordan vil du logge på?').waitFor();

  await page.getByRole('link', { name: 'Jeg har et smartkort' }).click();
  await heading(page).getByText('Sett smartkortet i kortleseren').waitFor();
  assert.match(page.url(), /\/veiviser\/nb\/mrs\/sett-inn-kort\.html\?a=hvordan\.sett-inn-kort$/);

  await page.getByRole('link', { name: 'Kortet står i leseren' }).click();
  await heading(page).getByText('Tast PIN-koden din').waitFor();
  const deepLink = page.url();
  assert.match(deepLink, /\/nb\/mrs\/pin\.html\?a=hvordan\.sett-inn-kort$/);

  await page.reload();
  await heading(page).getByText('Tast PIN-koden din').waitFor();

  const fresh = await watchedPage(browser);
  await fresh.page.goto(deepLink);
  await heading(fresh.page).getByText('Tast PIN-koden din').waitFor();

  await page.goBack();
  await heading(page).getByText('Sett smartkortet i kortleseren').waitFor();
  await page.getByRole('link', { name: 'Tilbake' }).click();
  await heading(page).getByText('Hvordan vil du logge på?').waitFor();

  assert.deepEqual([...problems, ...fresh.problems], []);
});

test('an older link to the folder with a guide step in it opens that step\'s own page', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${SITE}?guide=mrs&step=pin&a=hvordan.sett-inn-kort`);
  await heading(page).getByText('Tast PIN-koden din').waitFor();
  assert.equal(page.url(), `${SITE}nb/mrs/pin.html?a=hvordan.sett-inn-kort`);
  assert.deepEqual(problems, []);
});

test('the start page loads only its own bundle; the guide and tools pages theirs', async () => {
  const { page } = await watchedPage(browser);
  const wasm = [];
  page.on('request', (request) => { if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname.split('/').pop()); });
  await page.goto(SITE);
  await heading(page).getByText('Hva vil du gjøre?').waitFor();
  await page.getByRole('link', { name: 'Logge inn i MRS (Helse Vest)' }).click();
  await heading(page).getByText('Hvordan vil du logge på?').waitFor();
  await page.getByRole('link', { name: 'For brukerstøtte' }).click();
  await heading(page).getByText('For brukerstøtte').waitFor();
  assert.deepEqual(wasm.map((name) => name.replace(/-[0-9a-f]+_bg\.wasm$/, '')), ['veiviser-app', 'guide', 'tools']);
});

test('a missing guide file is explained on the page, not left blank', async () => {
  const { page } = await watchedPage(browser);
  await page.goto(`${SITE}guide.html?guide=finnes-ikke`);
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /finnes-ikke/);
});

test('a guide page with no guide, or a tools page with no such page, leads to the start page', async () => {
  const { page, problems } = await watchedPage(browser);
  for (const path of ['guide.html', 'tools.html?page=finnes-ikke']) {
    await page.goto(`${SITE}${path}`);
    await heading(page).getByText('Hva vil du gjøre?').waitFor();
    // From a page the build did not write, links go through the app's own pages.
    assert.equal(page.url(), `${SITE}?lang=nb`, path);
  }
  assert.deepEqual(problems, []);
});
