// An author's or an organisation's mistake as a person meets it: one broken guide
// leaves the others whole (helpdesk page, search, step codes) and is named; the
// error pages speak the user's language, keep file:line:col for the author, and
// have the way back and the help box; a contact value or a settings key that is
// left out is reported where the organisation sees it; a step renamed after its
// link was sent still opens the guide, and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SITE, placeOf, takenOver, useSite, watchedPage } from './browser.mjs';
import { settled, violations } from './axe.mjs';

const site = useSite();

/** MRS in `lang` with a mistyped link in its first step. */
async function brokenMrs(lang = 'nb') {
  const markdown = await (await fetch(new URL(`content/mrs.${lang}.md`, SITE))).text();
  const broken = markdown.replace(/(\n## [^\n]*\{#hvordan\}\n)/, '$1\nSe også [PIN-koden](#pni-kode).\n');
  assert.notEqual(broken, markdown, 'the mistake was added');
  return broken;
}

/** A page on which content file `name` reads `body`. */
async function pageWith(files) {
  const watched = await watchedPage(site.browser);
  for (const [name, body] of Object.entries(files)) {
    const type = name.endsWith('.json') ? 'application/json' : 'text/markdown';
    await watched.page.route(`**/${name}`, (route) => route.fulfill({ contentType: type, body }));
  }
  return watched;
}

test('one broken guide leaves the helpdesk rows, search and codes of the others whole, and is named in its place', async () => {
  const { page } = await pageWith({ 'content/mrs.nb.md': await brokenMrs() });
  await page.goto(`${SITE}tools.html?page=helpdesk`);
  await page.locator('section.helpdesk-guide').first().waitFor();
  await settled(page);
  const broken = page.locator('section.helpdesk-guide.broken');
  assert.equal(await broken.count(), 1);
  const text = await broken.innerText();
  assert.match(text, /«Logge inn i MRS[^»]*» har feil og kan ikke vises/);
  assert.match(text, /mrs\.nb\.md:\d+:\d+: error: link to `#pni-kode`, but this guide has no step with that id/);
  const codes = await page.locator('section.helpdesk-guide:not(.broken) td.code').allInnerTexts();
  for (const prefix of ['HREG', 'HJEM', 'EP', 'SITHS']) {
    assert.ok(codes.some((code) => code.startsWith(`${prefix}-`)), `${prefix} rows: ${codes.join(' ')}`);
  }
  assert.deepEqual(await violations(page), []);

  // A step code of another guide still opens its step.
  const hreg = codes.find((code) => code.startsWith('HREG-'));
  await page.goto(`${SITE}guide.html?code=${hreg}`);
  await page.waitForURL((url) => placeOf(url).guide === 'helseregister');

  // Search covers the others and names the broken one.
  await page.goto(`${SITE}tools.html?page=search&q=PUK`);
  await page.locator('ul.hits li').first().waitFor();
  assert.match(await page.locator('main').innerText(), /Ikke med i søket, fordi veiledningen har feil: Logge inn i MRS/);
});

test('error pages speak the user\'s language, keep file:line:col, and lead back to the start page with the help box', async () => {
  const settings = JSON.stringify({ support: { name: 'Helse Vest IKT', phone: '+47 55 97 64 40' } });
  const { page, problems } = await pageWith({ 'content/mrs.en.md': await brokenMrs('en'), 'settings.json': settings });
  await page.goto(`${SITE}guide.html?guide=finnes-ikke&lang=sv`);
  await page.locator('h1', { hasText: 'Guiden hittades inte' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Det finns ingen guide som heter ”finnes-ikke”/);
  assert.doesNotMatch(await page.locator('main').innerText(), /the guide index has no guide/);
  await page.locator('aside.help').getByRole('heading', { name: 'Behöver du hjälp?' }).waitFor();
  assert.equal(await page.locator('aside.help a[href="tel:+4755976440"]').count(), 1);

  await page.goto(`${SITE}guide.html?guide=mrs&lang=en`);
  await page.locator('h1', { hasText: 'The guide has errors' }).waitFor();
  const main = await page.locator('main').innerText();
  assert.match(main, /For whoever writes the content \(file:line:column\):/);
  assert.match(main, /mrs\.en\.md:\d+:\d+: error: link to `#pni-kode`/);
  await page.locator('aside.help').getByRole('heading', { name: 'Need help?' }).waitFor();
  assert.deepEqual(await violations(page), []);
  await page.getByRole('link', { name: 'Back to the start page' }).click();
  await page.locator('a.guide-link').first().waitFor();
  assert.deepEqual(problems, []);
});

test('the flow diagram on the helpdesk page speaks the reader\'s language', async () => {
  const { page } = await watchedPage(site.browser);
  await page.goto(`${SITE}tools.html?page=helpdesk&lang=sv`);
  await page.locator('.diagram').first().waitFor();
  const legend = await page.locator('.diagram svg .legend').first().textContent();
  assert.match(legend, /kontrollerar kortet/);
  assert.doesNotMatch(legend, /checks the card|back to an earlier step/);
});

test('a contact in index.json that does not parse is reported at its line, and a phone line may say how to get through', async () => {
  const index = await (await fetch(new URL('content/index.json', SITE))).text();
  const edited = index
    .replace('"phone": "+47 76 16 63 33"', '"phone": "+47 76 16 63 33, tast 2"')
    .replace('"web": "https://helseregister.no"', '"web": "helseregister.no"')
    .replace('"close": "15:30"', '"close": "25:30"')
    .replace('"phone": "+47 24 20 00 00"', '"phone": "+47 24 20 00 00 / +47 24 20 00 01"');
  const { page } = await pageWith({ 'content/index.json': edited });
  await page.goto(`${SITE}guide.html?guide=helseregister`);
  const alert = page.locator('.settings-problem');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /index\.json:\d+:\d+: error: support of guide `helseregister`: web `helseregister\.no` must be an address starting with https:\/\//);
  assert.match(text, /index\.json:\d+:\d+: error: support of guide `helseregister`: times `08:00`–`25:30` must be HH:MM/);
  assert.match(text, /index\.json:\d+:\d+: error: support of guide `hjemmekontor`: phone `\+47 24 20 00 00 \/ \+47 24 20 00 01` holds two numbers/);
  assert.doesNotMatch(text, /tast 2/, 'a phone line with how to get through is accepted');
  const help = page.locator('aside.help');
  await help.waitFor();
  assert.equal(await help.locator('a[href="tel:+4776166333"]').innerText(), '+47 76 16 63 33, tast 2');
});

test('an unknown key in settings.json costs that key only, and every finding shows at once', async () => {
  const settings = '{\n  "name": "Helse Nord IKT",\n  "colour": { "brand": "#003b5c" },\n  "langauge": "sv",\n  "helper_port": 80\n}';
  const { page } = await pageWith({ 'settings.json': settings });
  await page.goto(SITE);
  const alert = page.locator('.settings-problem');
  await alert.waitFor();
  assert.equal((await page.locator('.site-name').innerText()).trim(), 'Helse Nord IKT', 'the rest of the file is kept');
  const lines = await alert.locator('li').allInnerTexts();
  assert.equal(lines.length, 3, lines.join('\n'));
  assert.match(lines[0], /^settings\.json:3:3: error: unknown key `colour`/);
  assert.match(lines[1], /^settings\.json:4:3: error: unknown key `langauge`/);
  assert.match(lines[2], /^settings\.json:5:3: error: helper_port 80/);
});

test('the checker\'s warnings reach the helpdesk page without blocking the guide', async () => {
  const markdown = await (await fetch(new URL('content/eportal.nb.md', SITE))).text();
  // A question with one answer is a warning, not an error.
  const warned = `${markdown}\n## Ekstra {#ekstra-sporsmal}\n\n- [Ja](#hva)\n`;
  const withLink = warned.replace(/(\n## [^\n]*\{#hva\}\n)/, '$1\nSe [ekstra](#ekstra-sporsmal).\n');
  assert.notEqual(withLink, warned);
  const { page } = await pageWith({ 'content/eportal.nb.md': withLink });
  await page.goto(`${SITE}tools.html?page=helpdesk`);
  const notes = page.locator('#guide-eportal ~ details.content-notes, section.helpdesk-guide details.content-notes');
  await notes.first().waitFor();
  await notes.first().locator('summary').click();
  assert.match(await notes.first().innerText(), /eportal\.nb\.md:\d+:\d+: warning: step `ekstra-sporsmal` is a question with one answer/);
  await page.goto(`${SITE}guide.html?guide=eportal`);
  await page.locator('aside.help').waitFor();
  assert.equal(await page.locator('.problem').count(), 0);
});

test('a link sent before a step was renamed opens the guide and says the step is no longer in it: the build kept its page', async () => {
  // The site folder as the organisation has it, from the server; built, edited, built again.
  const folder = mkdtempSync(join(tmpdir(), 'veiviser-renamed-'));
  try {
    mkdirSync(join(folder, 'content'));
    const guides = site.index.guides.flatMap((g) => g.languages.map((lang) => `content/${g.id}.${lang}.md`));
    const files = ['index.html', 'guide.html', 'tools.html', 'settings.json', 'content/index.json', ...guides];
    for (const file of files) writeFileSync(join(folder, file), await (await fetch(new URL(file, SITE))).text());
    const build = () => execFileSync(process.env.VEIVISER_CLI, ['build', folder], { encoding: 'utf8' });
    build();
    for (const lang of ['nb', 'en']) {
      const file = join(folder, `content/mrs.${lang}.md`);
      const renamed = readFileSync(file, 'utf8').replaceAll('#pin)', '#pin-kode)').replace('{#pin}', '{#pin-kode}');
      assert.match(renamed, /\{#pin-kode\}/);
      writeFileSync(file, renamed);
    }
    assert.match(build(), /kept 3 pages .*: nb\/mrs\/pin\.html, sv\/mrs\/pin\.html, en\/mrs\/pin\.html\n/);

    // The server now has what the build wrote for the old step, and the renamed guide.
    const { page, problems } = await watchedPage(site.browser);
    const kept = readFileSync(join(folder, 'nb/mrs/pin.html'), 'utf8');
    await page.route('**/nb/mrs/pin.html*', (route) => route.fulfill({ contentType: 'text/html', body: kept }));
    const guide = readFileSync(join(folder, 'content/mrs.nb.md'), 'utf8');
    await page.route('**/content/mrs.nb.md', (route) => route.fulfill({ contentType: 'text/markdown', body: guide }));
    const response = await page.goto(`${SITE}nb/mrs/pin.html?a=hvordan.sett-inn-kort`);
    assert.equal(response.status(), 200, 'no 404');
    await takenOver(page);
    await page.locator('.note').waitFor();
    assert.equal(await page.locator('.note').innerText(), 'Lenken gjaldt steget «pin», som ikke lenger finnes i veiledningen. Du er her i stedet.');
    assert.equal(placeOf(page.url()).guide, 'mrs');
    assert.equal(await page.locator('h1').count(), 1);
    assert.deepEqual(problems, []);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
