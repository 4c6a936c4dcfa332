// Every step in the HTML: the pages `veiviser build` wrote show the step before
// the WebAssembly arrives, and the app takes them over without a visible
// change. Without JavaScript they still lead on; an edit made on the server
// since the build is never left on screen as it was; older links land on the
// step's own page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, placeOf, takenOver, useSite, watchedPage } from './browser.mjs';
import { answersTo } from './stack.mjs';
import { settled, violations } from './axe.mjs';

const site = useSite();

/**
 * Records, in the page, the built page as the HTML drew it and the app's page
 * at the moment it took over, and every layout shift from the first paint on.
 */
async function recordTakeOver(page) {
  await page.addInitScript(() => {
    window.__takeOver = { shifts: 0 };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__takeOver.shifts += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('DOMContentLoaded', () => {
      window.__takeOver.built = document.getElementById('veiviser-built')?.innerHTML ?? null;
    });
    // Called in the same turn as the swap, before the app changes anything more
    // (the live panel's permission is read later).
    new MutationObserver((_, observer) => {
      if (!document.documentElement.hasAttribute('data-taken-over')) return;
      window.__takeOver.app = document.querySelector('body > .page')?.innerHTML ?? null;
      observer.disconnect();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-taken-over'] });
  });
}

/**
 * The markup as a person's browser shows it: the framework's comment markers
 * dropped, attributes in one order, links and form targets as whole addresses.
 * The live panel's content is left out: the build cannot know what the helper
 * will say, and keeps its place with an empty box of the same size (the layout
 * shift check holds it to that).
 */
function normalize(page, html) {
  return page.evaluate((html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_COMMENT);
    const comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    for (const comment of comments) comment.remove();
    for (const live of template.content.querySelectorAll('section.live')) live.replaceChildren();
    for (const element of template.content.querySelectorAll('*')) {
      for (const name of ['href', 'action']) {
        if (element.hasAttribute(name)) element.setAttribute(name, new URL(element.getAttribute(name), document.baseURI).href);
      }
      const attributes = [...element.attributes].map((a) => [a.name, a.value]).sort();
      for (const [name] of attributes) element.removeAttribute(name);
      for (const [name, value] of attributes) element.setAttribute(name, value);
    }
    return template.innerHTML;
  }, html);
}

/** Where two texts first differ, with some context, for a failure message. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return `at ${i}:\n  built: …${a.slice(Math.max(0, i - 120), i + 160)}\n  app:   …${b.slice(Math.max(0, i - 120), i + 160)}`;
}

test('the app takes over every step of MRS, and the start pages, with the very DOM the build wrote and no layout shift', async () => {
  const guide = site.index.guides.find((g) => g.id === 'mrs');
  const markdown = await (await fetch(new URL('content/mrs.nb.md', SITE))).text();
  const steps = [...markdown.matchAll(/^## .*\{#([a-z0-9-]+)[^}]*\}\s*$/gm)].map((m) => m[1]);
  assert.ok(steps.length >= 10, `MRS has its steps: ${steps}`);
  const pages = ['nb/index.html', 'sv/index.html', 'nb/mrs/index.html', ...steps.map((step) => {
    const answers = answersTo(markdown, guide.start, step).map((a) => `a=${a}`).join('&');
    return `nb/mrs/${step}.html${answers ? `?${answers}` : ''}`;
  })];
  for (const path of pages) {
    const { page, problems } = await watchedPage(site.browser);
    await recordTakeOver(page);
    await page.goto(`${SITE}${path}`);
    await page.locator('html[data-taken-over]').waitFor({ state: 'attached' });
    const seen = await page.evaluate(() => window.__takeOver);
    assert.ok(seen.built, `${path}: the HTML holds the page`);
    const [built, app] = [await normalize(page, seen.built), await normalize(page, seen.app)];
    assert.ok(built === app, `${path}: the app's page differs from the built one ${firstDifference(built, app)}`);
    assert.equal(await page.locator('#veiviser-built').count(), 0, `${path}: the built page is gone`);
    // start.js computes the build's stamp of the same files (app/src/build/stamp.rs).
    assert.equal(await page.locator('html[data-stale]').count(), 0, `${path}: start.js and the build agree on the stamp`);
    assert.equal(await page.locator('main').count(), 1, `${path}: one page`);
    // Through the take-over and the live panel's first state after it.
    await settled(page);
    assert.equal(await page.evaluate(() => window.__takeOver.shifts), 0, `${path}: layout shift`);
    assert.equal(page.url(), `${SITE}${path}`, 'the address stays');
    assert.deepEqual(problems, [], path);
    await page.close();
  }
});

test('with JavaScript off, a step page shows the step, its answers lead on and back works', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${SITE}nb/index.html`);
  await page.getByRole('link', { name: 'Logge inn i MRS (Helse Vest)' }).click();
  await page.locator('h1', { hasText: 'Hvordan vil du logge på?' }).waitFor();
  assert.equal(page.url(), `${SITE}nb/mrs/index.html`);
  await page.getByRole('link', { name: 'Jeg har et smartkort' }).click();
  await page.locator('h1', { hasText: 'Sett smartkortet i kortleseren' }).waitFor();
  // The box kept for the live check is there only for the app to fill.
  assert.equal(await page.locator('section.live').count(), 1);
  assert.equal(await page.locator('section.live').isVisible(), false, 'no empty box without JavaScript');
  await page.getByRole('link', { name: 'Kortet står i leseren' }).click();
  await page.locator('h1', { hasText: 'Tast PIN-koden din' }).waitFor();
  assert.deepEqual(placeOf(page.url()), { lang: 'nb', guide: 'mrs', step: 'pin', answers: ['hvordan.sett-inn-kort'] });
  // Buttons that need the app (copy link, copy for support) are not offered; the step code stays.
  assert.equal(await page.getByRole('button').count(), 0, 'no button that does nothing');
  assert.match(await page.locator('aside.help').innerText(), /MRS-\d+/);
  await page.goBack();
  await page.locator('h1', { hasText: 'Sett smartkortet i kortleseren' }).waitFor();
  await page.getByRole('link', { name: 'Tilbake', exact: true }).click();
  await page.locator('h1', { hasText: 'Hvordan vil du logge på?' }).waitFor();
  await page.getByRole('link', { name: 'English' }).click();
  await page.locator('h1', { hasText: 'How do you want to log in?' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await context.close();
});

test('a guide edited on the server since the build is shown as it is now, its mistakes named, the built step never kept', async () => {
  const markdown = await (await fetch(new URL('content/mrs.nb.md', SITE))).text();
  // A new title, and a new answer leading to a step the build wrote no page for.
  const edited = markdown.replace('Hvordan vil du logge på?', 'Hvordan logger du på i dag?')
    .replace('- [Jeg vet ikke hva jeg skal velge](#usikker)', '- [Jeg vet ikke hva jeg skal velge](#usikker)\n- [Med BankID](#bankid)')
    .concat('\n## Logg inn med BankID {#bankid .done}\n\nVelg BankID på innloggingssiden.\n');
  assert.ok(edited.includes('(#bankid)'), 'the edit was made');
  const { page, problems } = await watchedPage(site.browser);
  await page.route('**/content/mrs.nb.md', (route) => route.fulfill({ contentType: 'text/markdown', body: edited }));
  // The app's code is held back until the built page has been looked at.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${SITE}nb/mrs/index.html`);
  // Once the files are fetched, the built page is hidden, not shown stale.
  await page.locator('html[data-stale]').waitFor({ state: 'attached' });
  const built = page.locator('#veiviser-built main');
  assert.equal(await built.evaluate((main) => getComputedStyle(main).visibility), 'hidden');
  release();
  await page.locator('h1', { hasText: 'Hvordan logger du på i dag?' }).waitFor();
  assert.equal(await page.locator('h1', { hasText: 'Hvordan vil du logge på?' }).count(), 0);
  // The new step has no page yet: its link is to the guide page, which draws it.
  await page.getByRole('link', { name: 'Med BankID' }).click();
  await page.locator('h1', { hasText: 'Logg inn med BankID' }).waitFor();
  assert.deepEqual(placeOf(page.url()), { lang: 'nb', guide: 'mrs', step: 'bankid', answers: ['hvordan.bankid'] });
  await page.reload();
  await page.locator('h1', { hasText: 'Logg inn med BankID' }).waitFor();
  assert.deepEqual(problems, []);

  // A mistake in the edit is shown with its file and line, as the checker says it.
  const broken = edited.replace(/(\n## [^\n]*\{#hvordan\}\n)/, '$1\nSe også [PIN-koden](#pni-kode).\n');
  const second = await watchedPage(site.browser);
  await second.page.route('**/content/mrs.nb.md', (route) => route.fulfill({ contentType: 'text/markdown', body: broken }));
  await second.page.goto(`${SITE}nb/mrs/pin.html?a=hvordan.sett-inn-kort`);
  const alert = second.page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /mrs\.nb\.md:\d+:\d+: error: link to `#pni-kode`/);
  assert.equal(await second.page.locator('h1', { hasText: 'Tast PIN-koden din' }).count(), 0, 'the built step is gone');
});

test('axe finds no WCAG 2.1 AA violation on a built page before the app has it, nor after', async () => {
  for (const path of ['nb/index.html', 'nb/mrs/sett-inn-kort.html?a=hvordan.sett-inn-kort', 'sv/webcert/index.html']) {
    // Before: the app's code never arrives.
    const { page } = await watchedPage(site.browser);
    await page.route(/\.wasm$/, (route) => route.abort());
    await page.goto(`${SITE}${path}`);
    await page.locator('#veiviser-built h1').waitFor();
    assert.deepEqual(await violations(page), [], `${path}, as built`);
    await page.close();

    const after = await watchedPage(site.browser);
    await after.page.goto(`${SITE}${path}`);
    await after.page.locator('html[data-taken-over]').waitFor({ state: 'attached' });
    await settled(after.page);
    assert.deepEqual(await violations(after.page), [], `${path}, taken over`);
    await after.page.close();
  }
});

test('a click under way when the app is ready is let finish: the link pressed is followed, and the next page taken over', async () => {
  const { page, problems } = await watchedPage(site.browser);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(SITE);
  const box = await page.getByRole('link', { name: 'Logge inn i MRS (Helse Vest)' }).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  // The app loads, renders and is ready while the link is pressed (here it takes
  // well under the time given); a swap now would take the link from under the click.
  release();
  await page.waitForTimeout(2000);
  await page.mouse.up();
  await page.locator('h1', { hasText: 'Hvordan vil du logge på?' }).waitFor();
  assert.deepEqual([placeOf(page.url()).guide, placeOf(page.url()).step], ['mrs', null], page.url());
  await takenOver(page);
  assert.deepEqual(problems, []);
});

test('older links land on the step\'s own page, with their answers and language; a typo stays to be explained', async () => {
  const cases = [
    ['guide.html?guide=mrs&step=pin&a=hvordan.sett-inn-kort', 'nb/mrs/pin.html?a=hvordan.sett-inn-kort', 'Tast PIN-koden din'],
    ['guide.html?lang=sv&guide=webcert&step=signera', 'sv/webcert/signera.html', 'Signera intyget i Webcert'],
    ['guide.html?guide=mrs', 'nb/mrs/index.html', 'Hvordan vil du logge på?'],
    ['?lang=en', 'en/index.html', 'What do you want to do?'],
  ];
  for (const [older, own, heading] of cases) {
    // Each in a browser of its own: a language chosen is remembered.
    const { page, problems } = await watchedPage(site.browser);
    await page.goto(`${SITE}${older}`);
    await page.locator('h1', { hasText: heading }).waitFor();
    assert.equal(page.url(), `${SITE}${own}`, older);
    assert.deepEqual(problems, [], older);
    await page.close();
  }
  const { page, problems } = await watchedPage(site.browser);
  // The pages the browser was sent to (read from its requests: once the app has
  // the page, it replaces the address with the step it explains the typo on).
  let visited = [];
  page.on('request', (request) => { if (request.isNavigationRequest()) visited.push(request.url()); });
  await page.goto(`${SITE}guide.html?guide=mrs&step=pni`);
  await page.locator('h1').first().waitFor();
  assert.deepEqual(visited, [`${SITE}guide.html?guide=mrs&step=pni`], 'a step that is not there is not sent on');
  // The same typo in an older link to the site's folder is passed to the guide page, not to a page that is not there.
  visited = [];
  await page.goto(`${SITE}?guide=mrs&step=pni`);
  await page.waitForURL(/guide\.html\?/);
  await page.locator('h1').first().waitFor();
  assert.equal(visited.length, 2, visited.join(' '));
  assert.match(visited[1], /\/guide\.html\?/, visited[1]);
  assert.equal(new URL(visited[1]).searchParams.get('step'), 'pni', visited[1]);
  assert.deepEqual(problems, []);
});
