import { chromium } from 'playwright-core';
const base = process.env.BASE ?? 'http://127.0.0.1:18231/veiviser/';
const path = process.argv[2] ?? 'nb/mrs/pin.html';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const logs = [];
page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => logs.push(`pageerror: ${e}`));
await page.addInitScript(() => {
  window.__cls = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
  document.addEventListener('DOMContentLoaded', () => {
    const built = document.getElementById('veiviser-built');
    window.__built = built ? built.innerHTML : null;
  });
});
await page.goto(base + path);
await page.waitForSelector('html[data-taken-over]', { timeout: 15000 }).catch(() => logs.push('NOT taken over'));
await page.waitForTimeout(500);
const result = await page.evaluate(() => {
  const norm = (html) => {
    const t = document.createElement('template'); t.innerHTML = html;
    const walk = (n) => { for (const c of [...n.childNodes]) { if (c.nodeType === 8) c.remove(); else walk(c); } };
    walk(t.content);
    for (const a of t.content.querySelectorAll('[href]')) a.setAttribute('href', new URL(a.getAttribute('href'), document.baseURI).href);
    for (const e of t.content.querySelectorAll('*')) {
      const attrs = [...e.attributes].map((x) => [x.name, x.value]).sort();
      for (const [n] of attrs) e.removeAttribute(n);
      for (const [n, v] of attrs) e.setAttribute(n, v);
    }
    return t.innerHTML;
  };
  const app = document.querySelector('body > .page');
  return { url: location.href, built: window.__built && norm(window.__built), app: app && norm(app.innerHTML), pages: document.querySelectorAll('body > .page').length, cls: window.__cls, title: document.title };
});
console.log(JSON.stringify({ url: result.url, pages: result.pages, cls: result.cls, title: result.title, same: result.built === result.app }));
if (result.built !== result.app) {
  const a = result.built ?? '', b = result.app ?? '';
  let i = 0; while (i < a.length && a[i] === b[i]) i++;
  console.log('DIFF at', i, '\nBUILT:', a.slice(Math.max(0, i - 200), i + 300), '\nAPP:  ', b.slice(Math.max(0, i - 200), i + 300));
}
await page.screenshot({ path: '/tmp/probe/shot.png', fullPage: true });
console.log(logs.join('\n'));
await browser.close();
