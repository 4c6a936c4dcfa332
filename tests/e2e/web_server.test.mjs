// What any static web server must do for the site, as app/ADMINISTRATORS.md sets it up:
// deep links and reloads under a sub-path with no rewrite rules, the Content Security
// Policy of README.md on every file, .wasm as application/wasm, index.html and the guides
// revalidated, and a missing file answered 404 rather than with the app.
// `cargo xtask test` runs it three times: against its own server with the other browser
// tests, then against Debian's nginx and Apache httpd configured with the guide's own
// snippets (xtask/src/nginx.rs, xtask/src/apache.rs), each time with VEIVISER_URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { SITE, launch, watchedPage } from './browser.mjs';

/** The policy README.md tells organisations to send, word for word. */
const POLICY = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  .match(/^Content-Security-Policy: (.+)$/m)?.[1];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const heading = (page) => page.locator('h1').first();
const DEEP_LINK = `${SITE}guide.html?guide=mrs&step=pin&a=hvordan.sett-inn-kort`;
/** The page `veiviser build` wrote for that step, where the older link is sent on. */
const STEP_PAGE = `${SITE}nb/mrs/pin.html?a=hvordan.sett-inn-kort`;

test('README.md states the policy', () => {
  assert.ok(POLICY, 'README.md has a line "Content-Security-Policy: …"');
});

test('a deep link two steps into a guide, loaded fresh and reloaded, shows the same step', async () => {
  const { page, problems } = await watchedPage(browser);
  const response = await page.goto(DEEP_LINK);
  assert.equal(response.status(), 200);
  assert.equal(await response.headerValue('content-security-policy'), POLICY);
  await heading(page).getByText('Tast PIN-koden din').waitFor();
  assert.equal(page.url(), STEP_PAGE, 'the older link is sent on to the step\'s own page');

  const reloaded = await page.reload();
  assert.equal(reloaded.status(), 200);
  assert.equal(await reloaded.headerValue('content-security-policy'), POLICY);
  await heading(page).getByText('Tast PIN-koden din').waitFor();
  assert.equal(page.url(), STEP_PAGE);

  assert.deepEqual(problems, [], 'no console error, page error or CSP violation');
  await page.close();
});

test('every file is sent with the policy and nosniff; the WebAssembly as application/wasm', async () => {
  const index = await fetch(SITE);
  assert.equal(index.status, 200);
  const html = await index.text();
  const wasm = html.match(/data-wasm="\.\/([^"]+)"/)?.[1];
  const js = html.match(/data-js="\.\/([^"]+)"/)?.[1];
  const css = html.match(/href="\.\/(style-[^"]+)"/)?.[1];
  assert.ok(wasm && js && css, 'index.html names its hashed files');
  for (const path of ['', 'guide.html?guide=mrs&step=pin', 'tools.html?page=helpdesk', 'index.html', 'start.js', js, css, wasm, 'content/index.json', 'content/mrs.nb.md']) {
    const response = await fetch(SITE + path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-security-policy'), POLICY, `the policy on ${path || '/'}`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    await response.arrayBuffer();
  }
  assert.equal((await fetch(SITE + wasm)).headers.get('content-type'), 'application/wasm');
});

test('index.html and the guides are revalidated, so a new release or an edited guide shows at once', async () => {
  const pages = ['nb/index.html', 'nb/mrs/index.html', 'sv/webcert/signera.html', 'theme.css', 'route.js'];
  for (const path of ['', 'index.html', 'guide.html', 'tools.html', 'start.js', 'content/index.json', 'content/mrs.nb.md', ...pages]) {
    const response = await fetch(SITE + path);
    assert.equal(response.status, 200, path);
    assert.match(response.headers.get('cache-control') ?? '', /no-cache|no-store|max-age=0\b/, `Cache-Control of ${path || '/'}`);
    await response.arrayBuffer();
  }
});

test('a missing file is a 404, not the app', async () => {
  for (const path of ['finnes-ikke.js', 'mrs/pin', 'content/finnes-ikke.nb.md', 'nb/mrs/finnes-ikke.html']) {
    const response = await fetch(SITE + path);
    assert.equal(response.status, 404, path);
    assert.doesNotMatch(await response.text(), /start\.js/, `${path} is not answered with index.html`);
  }
});

test('the sub-path without its slash is redirected to it', async () => {
  const response = await fetch(SITE.replace(/\/$/, ''), { redirect: 'manual' });
  assert.ok([301, 302, 307, 308].includes(response.status), `status ${response.status}`);
  assert.equal(new URL(response.headers.get('location'), SITE).href, SITE);
});

/** GET `url` with `Accept-Encoding: accept`: the headers and the body as sent, undecoded. */
function fetchRaw(url, accept) {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': accept } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const decode = { br: brotliDecompressSync, gzip: gunzipSync };

test('the built files go out precompressed as brotli or gzip, as the browser takes them, and an edited guide as it is on disk', async () => {
  const html = await (await fetch(SITE)).text();
  const wasm = html.match(/data-wasm="\.\/([^"]+)"/)[1];
  for (const path of [wasm, 'index.html', 'nb/mrs/pin.html', 'content/mrs.nb.md']) {
    const plain = await fetchRaw(SITE + path, 'identity');
    assert.equal(plain.headers['content-encoding'], undefined, `${path} unencoded when asked so`);
    for (const accept of ['br', 'gzip']) {
      const sent = await fetchRaw(SITE + path, `${accept}, deflate`);
      const coding = sent.headers['content-encoding'];
      assert.match(sent.headers.vary ?? '', /Accept-Encoding/i, `${path}: Vary`);
      if (path !== 'content/mrs.nb.md') assert.equal(coding, accept, `${path} as ${accept}`);
      const body = coding ? decode[coding](sent.body) : sent.body;
      assert.ok(body.equals(plain.body), `${path} as ${coding ?? 'identity'} is the file`);
    }
  }
});
