// The wizard reacts to the real card reader through the real helper: pcscd with
// vpcd and simulated cards, veiviser-helper on 127.0.0.1:17320, Chromium. The
// user has allowed the site to reach the PC (tests/e2e/lna.test.mjs covers the rest).
import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, HELPER, allowedContext, launch, placeOf, watchedPage } from './browser.mjs';
import { startCards, startHelper, stepUrl as stepUrlIn, helperSees, noCard, onlyCardIn } from './stack.mjs';

let browser;
let cards;
let helper;
let index;
before(async () => {
  browser = await launch();
  index = await (await fetch(new URL('content/index.json', SITE))).json();
  cards = await startCards();
  helper = await startHelper(new URL(SITE).origin);
});
after(async () => {
  await helper?.stop();
  await cards?.stop();
  await browser?.close();
});

/** The URL of `step` in `guide`, with the answers that lead there. */
const stepUrl = (guide, lang, step, uiLang) => stepUrlIn(index, guide, lang, step, uiLang);

const live = (page) => page.locator('section.live');

// Each test starts with every reader empty, as the helper sees it: the card a
// test before pulled out must not show in the next one.
beforeEach(async () => {
  if (helper) await helperSees(noCard, 'every reader empty');
});

/** Waits for `text` in the live section; if it never shows, says what the page and the helper did show. */
async function liveShows(page, text, timeout = 15000) {
  try {
    await live(page).getByText(text).first().waitFor({ timeout });
  } catch {
    const shown = await live(page).first().innerText({ timeout: 1000 })
      .catch(async () => `no live section; at ${page.url()}: ${await page.locator('main').innerText({ timeout: 1000 }).catch(() => '(no main)')}`);
    const status = await fetch(`${HELPER}/v1/status`).then((r) => r.text()).catch((e) => String(e));
    throw new Error(`"${text}" did not show within ${timeout} ms.\nThe page showed: ${shown}\nThe helper's status: ${status}`);
  }
}

test('MRS: the card inserted after reaching the step moves the wizard on, and the CA4 certificate is named', async () => {
  const { page, problems } = await watchedPage(await allowedContext(browser));
  await page.goto(await stepUrl('mrs', 'nb', 'sett-inn-kort'));
  await live(page).getByText('Venter på kortet').waitFor();
  const focused = await page.evaluate(() => document.activeElement?.tagName);

  await cards.insert(0, 'mrs');
  await page.locator('h1', { hasText: 'Tast PIN-koden din' }).waitFor({ timeout: 5000 });
  assert.equal(placeOf(page.url()).step, 'pin');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), focused, 'focus is not moved');

  await page.goto(await stepUrl('mrs', 'nb', 'velg-sertifikat'));
  const panel = live(page);
  await panel.getByText('Velg sertifikatet utstedt av «ihelse.net Issuing CA4» (autentisering)').waitFor();
  assert.match(await panel.innerText(), /Buypass Class 3 CA 3 \(signering\)/);

  await cards.remove(0);
  await panel.getByText('Kortet ble tatt ut av leseren.').waitFor();
  assert.deepEqual(problems, []);
});

test('SITHS: one PIN try left warns before the PIN is typed; a blocked card explains the PUK', async () => {
  const { page } = await watchedPage(await allowedContext(browser));
  await cards.insert(0, 'siths-one-try');
  await helperSees(onlyCardIn(0), 'the SITHS card read in reader 0');
  await page.goto(await stepUrl('webcert', 'sv', 'registrera-pin1', 'sv'));
  await live(page).getByText('Bara ett PIN-försök kvar').waitFor();

  await cards.insert(0, 'siths-blocked');
  await live(page).getByText('Kortet är låst efter för många felaktiga pinkoder').waitFor();
  assert.match(await live(page).innerText(), /PUK-koden/);
  await cards.remove(0);
});

test('a card without the certificate the step asks for is named as such, with what it does hold', async () => {
  const { page } = await watchedPage(await allowedContext(browser));
  // An authentication certificate only: Webcert's signing step asks for one to sign with.
  await cards.insert(1, 'no-buypass');
  await helperSees(onlyCardIn(1), 'the card with only an authentication certificate read in reader 1');
  await page.goto(await stepUrl('webcert', 'sv', 'denna-enhet', 'sv'));
  await live(page).getByText('Hittade inte certifikatet på kortet: underskrift.').waitFor();
  assert.match(await live(page).innerText(), /ihelse\.net Issuing CA4 \(legitimering\)/);
  await cards.remove(1);
});

test('an IDPrime (SITHS eID) card shows its signing certificate and PIN tries; a Buypass card is named and left to its card software', async () => {
  const { page, problems } = await watchedPage(await allowedContext(browser));
  await cards.insert(0, 'idprime');
  await helperSees(onlyCardIn(0), 'the IDPrime card read in reader 0');
  await page.goto(await stepUrl('webcert', 'sv', 'denna-enhet', 'sv'));
  await liveShows(page, 'Välj certifikatet utfärdat av ”SITHS e-id Person HSA-id 3 CA v1” (underskrift)');
  assert.match(await live(page).innerText(), /SITHS e-id Person HSA-id 3 CA v1 \(legitimering\)/, 'both certificates are listed');
  await page.goto(await stepUrl('webcert', 'sv', 'registrera-pin1', 'sv'));
  await liveShows(page, 'Kortet har 3 PIN-försök kvar.');

  await cards.insert(0, 'buypass');
  await helperSees((s) => s.readers[0].card?.family === 'buypass' && s.readers[0].card.read === 'done', 'the Buypass card read in reader 0');
  await page.goto(await stepUrl('webcert', 'sv', 'denna-enhet', 'sv'));
  await liveShows(page, 'Hjälpprogrammet läser inte certifikaten på den här korttypen: det gör kortprogramvaran (Buypass). Fortsätt med inloggningen.');
  const said = await live(page).innerText();
  assert.match(said, /Kortet sitter i läsaren \(Buypass ID\)/);
  assert.doesNotMatch(said, /Hittade inte certifikatet/, 'never "no certificate" for a card that was not read');
  assert.deepEqual(problems, []);
  await cards.remove(0);
});

test('the diagnostics page names a Buypass card, says the reader and card are fine, and copies its family and ATR', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write', 'local-network-access'], { origin: new URL(SITE).origin });
  const page = await context.newPage();
  await cards.insert(1, 'buypass');
  await helperSees(onlyCardIn(1), 'the Buypass card read in reader 1');
  await page.goto(`${SITE}tools.html?page=diagnostics`);
  await liveShows(page, 'Kort: Buypass ID. Hjelpeprogrammet leser ikke sertifikatene på denne korttypen');
  await page.getByText('kortleseren og kortet er i orden').first().waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /ingen sertifikater|0 sertifikat/i, 'never "no certificates" for a card not read');
  await page.getByRole('button', { name: 'Kopier for brukerstøtten' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /Buypass ID/);
  assert.match(copied, /3b9f96400a8031e06b045205024f555555555555/);
  await cards.remove(1);
  await context.close();
});

test('the diagnostics page shows readers and certificates, and copies a report without personal data', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write', 'local-network-access'], { origin: new URL(SITE).origin });
  const page = await context.newPage();
  page.on('console', (m) => console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', String(e)));
  await cards.insert(0, 'mrs');
  await helperSees(onlyCardIn(0), 'the MRS card read in reader 0');
  await page.goto(`${SITE}tools.html?page=diagnostics`);
  await liveShows(page, 'ihelse.net Issuing CA4');
  await page.getByRole('button', { name: 'Kopier for brukerstøtten' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /Virtual PCD 00 00/);
  assert.match(copied, /ihelse\.net Issuing CA4/);
  // The simulated holder is Kari Nordmann, national id 24128012345: neither may leave the helper.
  assert.doesNotMatch(copied, /Kari|Nordmann|24128012345/);
  await cards.remove(0);
  await context.close();
});

test('without the helper the wizard says so, links to how to install it, and can be continued by hand', async () => {
  await helper.stop();
  helper = null;
  const { page } = await watchedPage(await allowedContext(browser));
  await page.goto(await stepUrl('mrs', 'nb', 'sett-inn-kort'));
  await live(page).getByText('hjelpeprogrammet på PC-en svarer ikke').waitFor();
  await live(page).getByRole('link', { name: 'Slik installerer og starter du hjelpeprogrammet' }).waitFor();
  await page.getByRole('link', { name: 'Kortet står i leseren' }).click();
  await page.locator('h1', { hasText: 'Tast PIN-koden din' }).waitFor();
});
