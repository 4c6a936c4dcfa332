// Sends an older or hand-written address to the page the build wrote for it,
// before anything else of the page loads (a blocking script, so nothing is
// fetched or drawn twice):
//   guide.html?guide=mrs&step=pin&a=…  →  nb/mrs/pin.html?a=…
//   guide.html?guide=mrs               →  nb/mrs/index.html
//   index.html (a language chosen before, or ?lang=sv)  →  sv/index.html
// in the language the app would show (the URL's, else the one chosen before,
// else the organisation's default: the rule of app/src/language.rs). Anything
// the build wrote no page for (a typo, the whole guide, a step code) stays
// here, where the app explains it. `veiviser build` writes the data.
(() => {
  const script = document.currentScript;
  const LANGUAGES = ['nb', 'sv', 'en'];
  const known = (lang) => (LANGUAGES.includes(lang) ? lang : null);
  let pages = {};
  try { pages = JSON.parse(script.dataset.pages || '{}'); } catch { /* no pages: nothing to send on */ }
  const query = new URLSearchParams(location.search);
  let remembered = null;
  try { remembered = localStorage.getItem('veiviser.lang'); } catch { /* storage is off */ }
  const chosen = known(query.get('lang')) ?? known(remembered);
  const lang = chosen ?? known(script.dataset.defaultLang) ?? 'nb';
  const guide = query.get('guide');
  const step = query.get('step');
  let target = null;
  if (guide) {
    const steps = Object.hasOwn(pages, guide) ? pages[guide] : null;
    const plain = !query.has('view') && !query.has('code') && !query.has('page');
    if (steps && plain && (!step || steps.includes(step))) {
      const kept = new URLSearchParams();
      for (const [key, value] of query) if (key === 'a' || key === 'from') kept.append(key, value);
      const rest = kept.toString();
      target = `${lang}/${guide}/${step ?? 'index'}.html${rest ? `?${rest}` : ''}`;
    }
  } else if (!query.has('code') && !query.has('page') && chosen && chosen !== script.dataset.defaultLang
             && !/\/(guide|tools)\.html$/.test(location.pathname)) {
    target = `${lang}/index.html`;
  }
  if (target) location.replace(new URL(target, document.baseURI).href);
})();
