// Starts the web app. Trunk's default loader is an inline script, which the
// Content Security Policy forbids; this file loads the same module instead.
//
// Meanwhile it fetches what the first screen needs, in parallel with the
// WebAssembly rather than after it: the guide index and the settings (which the
// page's head has already asked for, as preloads) and, on a guide page, the guide
// file the app will show: `?guide=` in the language the app will pick (the URL's,
// else the one remembered, else the organisation's default, else bokmål; the
// guide's own first language if it has not that one; the app's own choice, in
// shell.rs and content.rs, is the same rule). The answers are handed to the app
// (browser/fetch.rs) under `veiviserPrefetched`, so nothing is fetched twice.
const script = document.querySelector('script[data-js][data-wasm]');

const prefetched = new Map();
globalThis.veiviserPrefetched = prefetched;

/** Fetches `url` for the app: its status and text, or null if it could not be fetched. */
function prefetch(url) {
  const answer = fetch(url)
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
  const [index, settings] = (await site).map(json);
  const query = new URLSearchParams(location.search);
  const guide = query.get('guide');
  const entry = guide && index.guides?.find((g) => g.id === guide);
  if (!entry?.languages?.length) return null;
  let remembered = null;
  try { remembered = localStorage.getItem('veiviser.lang'); } catch { /* storage is off */ }
  const lang = known(query.get('lang')) ?? known(remembered) ?? known(settings.default_language) ?? 'nb';
  const shown = entry.languages.includes(lang) ? lang : entry.languages[0];
  const url = `content/${guide}.${shown}.md`;
  const answer = await fetch(url)
    .then(async (response) => ({ status: response.status, statusText: response.statusText, text: await response.text() }))
    .catch(() => null);
  return { url, answer };
}

// Registered at once, before the app can ask: the app waits for it rather than
// fetching the same file again. A failure only loses the head start.
const site = Promise.all([prefetch('content/index.json'), prefetch('settings.json')]);
prefetched.set('guide', prefetchGuide(site).catch(() => null));
const app = await import(new URL(script.dataset.js, document.baseURI).href);
await app.default({ module_or_path: new URL(script.dataset.wasm, document.baseURI).href });
