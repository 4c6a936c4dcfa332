// Journeys through every guide in the built site: answers, back (link and
// browser), reload, deep links, the answers summary, remembered progress, the
// nearest step for a link that no longer fits, and the whole guide for print.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, placeOf, useSite, watchedPage } from './browser.mjs';

const site = useSite();

const heading = (page) => page.locator('h1').first();
const headingText = async (page) => (await heading(page).innerText()).trim();

/** The step id an href or URL names. */
const stepOf = (url) => placeOf(url).step;

/** Waits until the page shows the step with heading `text`. */
async function shows(page, text) {
  await page.locator('h1', { hasText: text }).first().waitFor();
}

/**
 * Walks from the guide's start to an end, preferring answers that lead to steps
 * not seen yet. Returns the headings in order.
 */
async function walkToEnd(page, guideId) {
  const seen = new Set();
  const headings = [];
  for (let i = 0; i < 80; i += 1) {
    await page.locator('h1').first().waitFor();
    headings.push(await headingText(page));
    seen.add(stepOf(page.url()));
    const ways = await page.locator('a.choice, a.button').evaluateAll(
      // `url`: where the link leads (a built page's links are relative to it).
      (links) => links.map((a) => ({ url: a.href, text: a.textContent.trim() })),
    );
    const local = ways.filter((w) => placeOf(w.url).guide === guideId);
    if (local.length === 0) return headings;
    const fresh = local.find((w) => !seen.has(stepOf(w.url))) ?? local[local.length - 1];
    const before = page.url();
    // By its text: the app may take the page over meanwhile, with the same links written absolute.
    await page.locator('a.choice, a.button').filter({ hasText: fresh.text }).first().click();
    await page.waitForURL((url) => url.href !== before);
  }
  throw new Error(`${guideId}: no end within 80 steps`);
}

test('every guide can be walked from the start page to an end, with no console error', async () => {
  for (const guide of site.index.guides) {
    const { page, problems } = await watchedPage(site.browser);
    await page.goto(SITE);
    await page.getByRole('link', { name: guide.title.nb ?? Object.values(guide.title)[0], exact: true }).click();
    const headings = await walkToEnd(page, guide.id);
    assert.ok(headings.length >= 3, `${guide.id}: ${headings}`);
    await page.getByRole('link', { name: 'Tilbake til forsiden' }).waitFor();
    assert.deepEqual(problems, [], guide.id);
    await page.close();
  }
});

test('back link, browser back, reload and a deep link all keep the step and its answers', async () => {
  const { page, problems } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?guide=mrs`);
  await shows(page, 'Hvordan vil du logge på?');
  await page.getByRole('link', { name: 'Jeg har et smartkort' }).click();
  await page.getByRole('link', { name: 'Kortet står i leseren' }).click();
  await page.getByRole('link', { name: 'Videre' }).click();
  await shows(page, 'Ble du bedt om å velge et sertifikat?');
  await page.getByRole('link', { name: 'Ja, jeg må velge sertifikat' }).click();
  await shows(page, 'Velg sertifikatet fra ihelse.net Issuing CA4');
  const deep = page.url();

  await page.reload();
  await shows(page, 'Velg sertifikatet fra ihelse.net Issuing CA4');

  await page.getByRole('link', { name: 'Tilbake' }).click();
  await shows(page, 'Ble du bedt om å velge et sertifikat?');
  // Coming back, the earlier answer is marked.
  assert.match(await page.locator('a.choice.chosen').innerText(), /Ja, jeg må velge sertifikat/);
  await page.goBack();
  await shows(page, 'Velg sertifikatet fra ihelse.net Issuing CA4');

  const other = await watchedPage(site.browser);
  await other.page.goto(deep);
  await shows(other.page, 'Velg sertifikatet fra ihelse.net Issuing CA4');
  assert.deepEqual([...problems, ...other.problems], []);
});

test('the summary lists the answers, and changing an earlier one keeps the later ones that still apply', async () => {
  const { page } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?guide=mrs`);
  await page.getByRole('link', { name: 'Jeg har et smartkort' }).click();
  await page.getByRole('link', { name: 'Kortet står i leseren' }).click();
  await page.getByRole('link', { name: 'Videre' }).click();
  await page.getByRole('link', { name: 'Nei, jeg kom rett videre' }).click();
  await page.getByRole('link', { name: 'Jeg har valgt avdeling og rolle' }).click();
  await shows(page, 'Du er logget inn i MRS');
  const summary = page.locator('.summary-list');
  assert.match(await summary.innerText(), /Hvordan vil du logge på\?[\s\S]*Jeg har et smartkort/);
  assert.match(await summary.innerText(), /Nei, jeg kom rett videre/);

  // Change the first answer to the same one: the later answer still applies.
  await page.locator('.summary-row').first().getByRole('link', { name: /Endre/ }).click();
  await shows(page, 'Hvordan vil du logge på?');
  // Back at the first question, no answer is behind the user: the summary is gone.
  assert.equal(await page.locator('.summary-row').count(), 0);
  await page.getByRole('link', { name: /Jeg har et smartkort/ }).click();
  assert.match(page.url(), /a=to-sertifikater\.velg-rolle/);

  // Change it to SMS: the certificate answer no longer applies and is dropped.
  await page.getByRole('link', { name: 'Tilbake' }).click();
  await page.getByRole('link', { name: /Jeg har IKKE et smartkort/ }).click();
  await shows(page, 'Logge inn med kode fra SMS');
  assert.doesNotMatch(page.url(), /to-sertifikater/);
});

test('a link to a step its answers no longer lead to lands on the nearest step, with a note', async () => {
  const { page, problems } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?guide=mrs&step=velg-sertifikat&a=hvordan.sms`);
  await shows(page, 'Skriv inn koden fra SMS');
  assert.match(await page.locator('.note').innerText(), /Velg sertifikatet fra ihelse\.net Issuing CA4/);
  assert.equal(stepOf(page.url()), 'sms-kode');
  assert.deepEqual(problems, []);
});

test('progress is remembered across visits, and start over forgets it', async () => {
  const { page } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?guide=mrs`);
  await page.getByRole('link', { name: 'Jeg har IKKE et smartkort' }).click();
  await shows(page, 'Logge inn med kode fra SMS');
  await page.goto(SITE);
  await page.getByRole('link', { name: 'Fortsett der du slapp' }).click();
  await shows(page, 'Logge inn med kode fra SMS');
  await page.getByRole('link', { name: 'Start på nytt' }).click();
  await shows(page, 'Hvordan vil du logge på?');
  await page.goto(SITE);
  await shows(page, 'Hva vil du gjøre?');
  assert.equal(await page.getByRole('link', { name: 'Fortsett der du slapp' }).count(), 0);
});

test('the whole guide shows every step as one document, without navigation on paper', async () => {
  const { page, problems } = await watchedPage(site.browser);
  const markdown = await (await fetch(new URL('content/webcert.sv.md', SITE))).text();
  const steps = markdown.split('\n').filter((line) => line.startsWith('## ')).length;
  await page.goto(`${SITE}guide.html?guide=webcert&view=all`);
  await page.locator('section.whole-step').first().waitFor();
  assert.equal(await page.locator('section.whole-step').count(), steps);
  assert.ok(await page.locator('nav.step-nav').isVisible());
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('nav.step-nav').isVisible(), false);
  assert.equal(await page.locator('header.site-header').isVisible(), false);
  assert.deepEqual(problems, []);
});

test('a guide with errors shows its findings with file and line, never a blank page', async () => {
  const { page } = await watchedPage(site.browser);
  // The organisation has just published a broken edit of the MRS guide.
  await page.route('**/content/mrs.nb.md', (route) => route.fulfill({
    contentType: 'text/markdown',
    body: '---\ntitle: MRS\nlang: nb\n---\n## Hvordan vil du logge på? {#hvordan}\n\n[Videre](#finnes-ikke)\n',
  }));
  await page.goto(`${SITE}guide.html?guide=mrs`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /mrs\.nb\.md:7:1: error: link to `#finnes-ikke`/);
});

/** The heading of step `id` in a guide's Markdown, as the page shows it. */
function headingOf(markdown, id) {
  const line = markdown.split('\n').find((l) => l.startsWith('## ') && l.includes(`{#${id}`));
  return line.replace(/^## /, '').replace(/\s*\{#.*\}\s*$/, '');
}

test('every guide opens at its start step with its opening text, from the start page and after start over', async () => {
  for (const guide of site.index.guides) {
    const lang = guide.languages.includes('nb') ? 'nb' : guide.languages[0];
    const markdown = await (await fetch(new URL(`content/${guide.id}.${lang}.md`, SITE))).text();
    const start = headingOf(markdown, guide.start);
    const { page, problems } = await watchedPage(site.browser);
    await page.goto(SITE);
    await page.getByRole('link', { name: guide.title.nb ?? Object.values(guide.title)[0], exact: true }).click();
    await shows(page, start);
    assert.equal(await headingText(page), start, guide.id);
    // The text before the first step is shown above it, and only there.
    const intro = page.locator('.guide-intro');
    assert.ok((await intro.innerText()).length > 40, `${guide.id}: the opening text is shown`);
    // The first step's top link leads to the start page, not back.
    assert.equal(await page.locator('nav.step-nav a').innerText(), 'Til forsiden', guide.id);
    await page.locator('.guide-content a.choice, .guide-content a.button').first().click();
    await page.waitForURL((url) => placeOf(url).step !== null);
    await heading(page).waitFor();
    assert.notEqual(await headingText(page), start, guide.id);
    assert.equal(await page.locator('.guide-intro').count(), 0, `${guide.id}: the opening text is shown at the start only`);
    await page.getByRole('link', { name: 'Start på nytt' }).click();
    await shows(page, start);
    assert.equal(await headingText(page), start, `${guide.id}: start over`);
    assert.deepEqual(problems, [], guide.id);
    await page.close();
  }
});

test('Webcert in Swedish opens at its first step, with the PIN and PUK warning, and the top link goes to the start page', async () => {
  const { page, problems } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?lang=sv&guide=webcert`);
  await shows(page, 'Sätt i ditt SITHS-kort');
  assert.match(await page.locator('.guide-intro').innerText(), /fel pinkod vid tre försök[\s\S]*PUK-koden/);
  await page.getByRole('link', { name: 'Till startsidan' }).click();
  await page.locator('h1', { hasText: 'Vad vill du göra?' }).waitFor();
  assert.deepEqual(problems, []);
});

test('a link to a step without answers opens that step, with the answers that lead there', async () => {
  const { page, problems } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?guide=mrs&step=pin`);
  await shows(page, 'Tast PIN-koden din');
  await page.waitForURL(/a=hvordan\.sett-inn-kort/);
  assert.equal(stepOf(page.url()), 'pin');
  assert.equal(await page.locator('.note').count(), 0, 'no "moved" note: this is the step the link names');
  await page.getByRole('link', { name: 'Tilbake', exact: true }).click();
  await shows(page, 'Sett smartkortet i kortleseren');
  assert.deepEqual(problems, []);
});

test('an end whose text sends the user back offers the way back, beside the way to the start page', async () => {
  const { page, problems } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?guide=hjemmekontor&step=buypass-pin`);
  await shows(page, 'PIN-koden ble ikke godtatt');
  await page.getByRole('link', { name: 'Tilbake til forsiden' }).waitFor();
  await page.getByRole('link', { name: 'PIN-koden er i orden – registrer kortet igjen' }).click();
  await shows(page, 'Trykk «Registrer Buypasskort»');
  assert.deepEqual(problems, []);
});

test('the whole guide and search show the opening text, and "Internet Explorer" finds only the guide that names it', async () => {
  const { page, problems } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?guide=mrs&view=all`);
  assert.match(await page.locator('.whole-guide .guide-intro').innerText(), /Veiledningen gjelder Internet Explorer/);
  await page.goto(`${SITE}tools.html?page=search&q=${encodeURIComponent('Internet Explorer')}`);
  const hits = page.locator('ul.hits > li');
  await hits.first().waitFor();
  assert.equal(await hits.count(), 1, await page.locator('main').innerText());
  await hits.first().getByRole('link').click();
  await shows(page, 'Hvordan vil du logge på?');
  assert.match(await page.locator('.guide-intro').innerText(), /Internet Explorer/);
  await page.goto(`${SITE}tools.html?page=search&q=Brukerh%C3%A5ndtering`);
  await page.locator('ul.hits > li').first().getByRole('link', { name: 'Administrere CGM ePortal' }).waitFor();
  assert.deepEqual(problems, []);
});

test('a step title that quotes a button reads with inner quotes where the page quotes it again', async () => {
  const { page, problems } = await watchedPage(site.browser);
  await page.goto(`${SITE}guide.html?guide=webcert&step=klart`);
  await shows(page, 'Attesten er signert');
  const summary = await page.locator('.summary-list').innerText();
  assert.match(summary, /Trykk «Skriv under»/, 'the title itself keeps its quotes');
  const hidden = await page.locator('.summary-row .visually-hidden').allTextContents();
  assert.ok(hidden.some((text) => text.includes('«Trykk ‹Skriv under›»')), hidden.join(' | '));
  assert.ok(!hidden.some((text) => text.includes('««') || text.includes('»»')), hidden.join(' | '));
  assert.deepEqual(problems, []);
});
