// Starts the web app. Trunk's default loader is an inline script, which the
// Content Security Policy forbids; this file loads the same module instead.
//
// Meanwhile it fetches what the first screen needs, in parallel with the
// WebAssembly rather than after it: the guide index and the settings (which the
// page's head has already asked for, as preloads) and the guide file the app
// will show. On a page the build wrote (`nb/mrs/pin.html`) that file is named
// (`data-guide-file`); on guide.html it is `?guide=` in the language the app
// will pick (the URL's, else the one remembered, else the organisation's
// default, else bokmål; the guide's own first language if it has not that one;
// the app's own choice, in shell.rs and content.rs, is the same rule). The
// answers are handed to the app (browser/fetch.rs) under `veiviserPrefetched`,
// so nothing is fetched twice.
//
// A page the build wrote carries the stamp of the files it was built from
// (`data-stamp`, app/src/build/stamp.rs). If the files fetched now differ (the
// content was edited on the server since), the built page is hidden rather than
// shown stale, until the app shows the content as it is now.
const script = document.querySelector('script[data-js][data-wasm]');
// The site folder, from this page (`../../` from a step's page).
const root = script.dataset.root ?? '';

const prefetched = new Map();
globalThis.veiviserPrefetched = prefetched;

// Whether the pointer is pressed on the page, followed from the start: the app's
// take-over waits for the release, so that a click under way is not lost by a
// swap between press and release (app/src/browser/takeover.rs). Released a task
// after `pointerup`, as the click comes in the same task.
globalThis.veiviserPointerDown = false;
addEventListener('pointerdown', () => { globalThis.veiviserPointerDown = true; }, true);
for (const type of ['pointerup', 'pointercancel']) {
  addEventListener(type, () => setTimeout(() => { globalThis.veiviserPointerDown = false; }), true);
}

/** Fetches `url` for the app: its status and text, or null if it could not be fetched. */
function prefetch(url) {
  const answer = fetch(root + url)
    .then(async (response) => ({ status: response.status, statusText: response.statusText, text: await response.text() }))
    .catch(() => null);
  prefetched.set(url, answer);
  return answer;
}

const LANGUAGES = ['nb', 'sv', 'en'];
const known = (lang) => (LANGUAGES.includes(lang) ? lang : null);
const json = (answer) => {
  try { return answer && answer.status < 300 ? JSON.parse(answer.text) : {}; } catch { return {}; }
};

/** The guide file the page will show, once index and settings say which: `{ url, answer }` or null. */
async function prefetchGuide(site) {
  if (script.dataset.guideFile) return fetchGuide(script.dataset.guideFile);
  const [index, settings] = (await site).map(json);
  const query = new URLSearchParams(location.search);
  const guide = query.get('guide');
  const entry = guide && index.guides?.find((g) => g.id === guide);
  if (!entry?.languages?.length) return null;
  let remembered = null;
  try { remembered = localStorage.getItem('veiviser.lang'); } catch { /* storage is off */ }
  const lang = known(query.get('lang')) ?? known(remembered) ?? known(settings.default_language) ?? 'nb';
  const shown = entry.languages.includes(lang) ? lang : entry.languages[0];
  return fetchGuide(`content/${guide}.${shown}.md`);
}

/** The guide file at `url` (in the site folder): `{ url, answer }`. */
async function fetchGuide(url) {
  const answer = await fetch(root + url)
    .then(async (response) => ({ status: response.status, statusText: response.statusText, text: await response.text() }))
    .catch(() => null);
  return { url, answer };
}

/** The stamp of `texts` as the build makes it: each one's FNV-1a (32-bit) of its UTF-8 bytes, in hex, joined by dots. */
function stamp(texts) {
  const encoder = new TextEncoder();
  return texts.map((text) => {
    let hash = 0x811c9dc5;
    for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
    return (hash >>> 0).toString(16).padStart(8, '0');
  }).join('.');
}

/** Hides a built page whose files have changed since it was built. */
async function checkStamp(site, guide) {
  const [index, settings] = await site;
  const texts = [index, settings];
  if (script.dataset.guideFile) texts.push((await guide)?.answer);
  // A file that could not be fetched says nothing; a missing settings file is empty, as at build time.
  if (!index || index.status >= 300 || texts.some((answer) => !answer)) return;
  const now = stamp(texts.map((answer) => (answer.status < 300 ? answer.text : '')));
  if (now !== script.dataset.stamp) document.documentElement.setAttribute('data-stale', '');
}

// Registered at once, before the app can ask: the app waits for it rather than
// fetching the same file again. A failure only loses the head start.
const site = Promise.all([prefetch('content/index.json'), prefetch('settings.json')]);
const guide = prefetchGuide(site).catch(() => null);
prefetched.set('guide', guide);
if (script.dataset.stamp) checkStamp(site, guide).catch(() => {});
// A page the build wrote is painted before the app is asked for (its preloads
// are left out too): the app's 300 KB would otherwise share the line with the
// stylesheets the first paint waits for. A frame, then a task: after the paint.
// A page opened in a background tab paints no frame: it does not wait.
if (script.dataset.stamp && document.visibilityState === 'visible') {
  await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
}
const app = await import(new URL(script.dataset.js, document.baseURI).href);
await app.default({ module_or_path: new URL(script.dataset.wasm, document.baseURI).href });
