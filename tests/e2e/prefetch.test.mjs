// public/start.js fetches a guide file beside the WebAssembly, choosing it by the
// app's own rule for the language (the URL's, else the one remembered, else the
// organisation's default, else bokmål; the guide's first language when it lacks
// that one). If the two rules ever differ, the app fetches a second file and the
// head start is silently lost: each way a language is chosen must cost one file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, useSite, watchedPage } from './browser.mjs';

const site = useSite();

const WAYS = [
  { way: 'the URL names the language', query: 'guide=webcert&lang=en', file: 'webcert.en.md' },
  { way: 'the language remembered from an earlier visit', query: 'guide=webcert', remembered: 'sv', file: 'webcert.sv.md' },
  // A page the build wrote names its language; the whole guide is drawn by the
  // app alone, in the language of the settings as they are now.
  { way: "the organisation's default language", query: 'guide=webcert&view=all', settings: { default_language: 'en' }, file: 'webcert.en.md' },
  { way: 'bokmål when nothing names a language', query: 'guide=webcert', file: 'webcert.nb.md' },
  { way: 'the URL before the remembered language', query: 'guide=webcert&lang=nb', remembered: 'en', file: 'webcert.nb.md' },
  { way: 'the remembered language before the default', query: 'guide=webcert', remembered: 'sv', settings: { default_language: 'en' }, file: 'webcert.sv.md' },
  { way: "the guide's first language when it lacks the chosen one", query: 'guide=mrs&lang=sv', file: 'mrs.nb.md' },
];

for (const { way, query, remembered, settings, file } of WAYS) {
  test(`one guide file is fetched, the one the app shows, when ${way}`, async () => {
    const { page, problems } = await watchedPage(site.browser);
    if (remembered) {
      await page.addInitScript((lang) => localStorage.setItem('veiviser.lang', lang), remembered);
    }
    if (settings) {
      await page.route('**/settings.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(settings) }));
    }
    const guideFiles = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (/\/content\/[^/]+\.md$/.test(path)) guideFiles.push(path.split('/').pop());
    });
    await page.goto(`${SITE}guide.html?${query}`);
    // The step is drawn from the guide file: its heading and a way on are there.
    await page.locator('main h1').first().waitFor();
    if (!query.includes('view=all')) await page.locator('main a.choice, main a.button').first().waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(guideFiles, [file], `guide files fetched for ${query}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
