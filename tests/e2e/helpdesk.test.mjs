// Helpdesk: step codes on every step and a box that opens a step by its code,
// copying a link to a step, the helpdesk page with a diagram of every guide,
// and search across all guides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, placeOf, useSite, watchedPage } from './browser.mjs';

const site = useSite();

test('a step code read out on the phone opens that step from the start page', async () => {
  const { page, problems } = await watchedPage(site.browser);
  // Find the code of a deep step as the caller sees it.
  await page.goto(`${SITE}guide.html?guide=mrs&step=velg-sertifikat&a=hvordan.sett-inn-kort&a=to-sertifikater.velg-sertifikat`);
  const code = (await page.locator('.step-code .code').innerText()).trim();
  assert.match(code, /^MRS-\d+$/);

  const helpdesk = await watchedPage(site.browser);
  await helpdesk.page.goto(SITE);
  await helpdesk.page.getByLabel(/stegkode/).fill(code.toLowerCase().replace('-', ' '));
  await helpdesk.page.getByRole('button', { name: 'Åpne' }).click();
  await helpdesk.page.locator('h1', { hasText: 'Velg sertifikatet fra ihelse.net Issuing CA4' }).waitFor();

  await helpdesk.page.goto(SITE);
  await helpdesk.page.getByLabel(/stegkode/).fill('MRS-9999');
  await helpdesk.page.getByRole('button', { name: 'Åpne' }).click();
  await helpdesk.page.locator('h1', { hasText: 'Fant ikke noe steg med koden «MRS-9999».' }).waitFor();
  assert.equal(await helpdesk.page.title(), 'Fant ikke noe steg med koden «MRS-9999». – Veiviser');
  // The box is there again, to try another code.
  await helpdesk.page.getByLabel(/stegkode/).fill(code);
  await helpdesk.page.getByRole('button', { name: 'Åpne' }).click();
  await helpdesk.page.locator('h1', { hasText: 'Velg sertifikatet fra ihelse.net Issuing CA4' }).waitFor();
  assert.deepEqual([...problems, ...helpdesk.problems], []);
});

test('copy link puts the link to this very step, with its answers, on the clipboard', async () => {
  const context = await site.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(SITE).origin });
  const page = await context.newPage();
  await page.goto(`${SITE}guide.html?guide=mrs&step=sms-kode&a=hvordan.sms`);
  await page.getByRole('button', { name: 'Kopier lenke til dette steget' }).click();
  await page.getByText('Lenken er kopiert.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // This very step's own page, with its answers, in the language it was copied in.
  assert.deepEqual(placeOf(copied), { lang: 'nb', guide: 'mrs', step: 'sms-kode', answers: ['hvordan.sms'] });
  assert.equal(copied, `${SITE}nb/mrs/sms-kode.html?a=hvordan.sms`);
  const other = await context.newPage();
  await other.goto(copied);
  await other.locator('h1', { hasText: 'Skriv inn koden fra SMS' }).waitFor();
  await context.close();
});

/** Steps and ways (answers and "next") of a guide, counted from its Markdown. */
function countSteps(markdown) {
  const lines = markdown.split('\n');
  const steps = lines.filter((l) => /^## .*\{#/.test(l)).length;
  const target = String.raw`\((#[a-z0-9-]+|[a-z0-9-]+(\.[a-z]+)?\.md(#[a-z0-9-]+)?)\)`;
  const choice = new RegExp(String.raw`^[-*] \[[^\]]*\]${target}`);
  const next = new RegExp(String.raw`^\[[^\]]*\]${target}\s*$`);
  const ways = lines.filter((l) => choice.test(l) || next.test(l)).length;
  return { steps, ways };
}

test('the helpdesk page lists every step with its code and draws every guide with one node per step and one edge per way', async () => {
  const { page, problems } = await watchedPage(site.browser);
  await page.goto(`${SITE}tools.html?page=helpdesk`);
  await page.locator('section.helpdesk-guide').first().waitFor();
  for (const guide of site.index.guides) {
    const lang = guide.languages[0];
    const markdown = await (await fetch(new URL(`content/${guide.id}.${lang}.md`, SITE))).text();
    const expected = countSteps(markdown);
    const section = page.locator(`section.helpdesk-guide[aria-labelledby="guide-${guide.id}"]`);
    assert.equal(await section.locator('tbody tr').count(), expected.steps, `${guide.id}: rows`);
    assert.equal(await section.locator('svg g.node').count(), expected.steps, `${guide.id}: nodes`);
    assert.equal(await section.locator('svg g.edge').count(), expected.ways, `${guide.id}: edges`);
  }
  // A node is a link to its step.
  const mrs = page.locator('section.helpdesk-guide[aria-labelledby="guide-mrs"]');
  await mrs.locator('summary').click();
  await mrs.locator('svg g.node a').first().click();
  await page.locator('h1', { hasText: 'Hvordan vil du logge på?' }).waitFor();
  assert.deepEqual(problems, []);
});

test('search finds PUK in the SITHS guide and engangskode in the registry guide, from the start page', async () => {
  const { page, problems } = await watchedPage(site.browser);
  await page.goto(SITE);
  await page.getByRole('searchbox', { name: 'Søk i veiledningene' }).fill('PUK');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  const hits = page.locator('ul.hits li');
  await hits.first().waitFor();
  assert.match(await hits.first().innerText(), /Webcert|SITHS/);

  await page.getByRole('searchbox', { name: 'Søk i veiledningene' }).fill('engnagskode');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await page.locator('h2', { hasText: 'engnagskode' }).waitFor();
  assert.match(await hits.first().innerText(), /helseregister|NorArtritt/i);
  await hits.first().getByRole('link').click();
  await page.locator('h1').first().waitFor();
  assert.equal(placeOf(page.url()).guide, 'helseregister');
  assert.deepEqual(problems, []);
});
