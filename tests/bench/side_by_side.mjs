// `cargo xtask bench`: Veiviser's pages beside mdBook's chapter of the same guide,
// both served by nginx with precompressed files, loaded cold, alternating, in one
// run: on loopback, and throttled to slow 4G (150 ms round trip, 1.6 Mbit/s) with the
// CPU slowed 4x. Everything is timed by the browser's own paint, the same way on
// both sides: first contentful paint, the step's heading painted (Element Timing on
// the heading the user ends up with: the h1 of Veiviser's step, the same step's
// heading in mdBook's chapter; on Veiviser the heading of the page the build wrote,
// which the app's own replaces with no visible change), and the largest
// contentful paint. For Veiviser also the time until the app has taken the page
// over (answers handled in place, live checks running: the mark
// `veiviser:taken-over`) and the layout shift until then. Also the bytes of
// every response (gzip -9 and brotli 11). Prints figures; asserts nothing.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launch } from '../e2e/browser.mjs';

/** What to load: `[{ name, veiviser, mdbook, heading }]`, the heading being the step's title. */
const PAGES = JSON.parse(process.env.BENCH_PAGES);
const ROUNDS = Number(process.env.ROUNDS ?? 9);

/** Chromium DevTools' "slow 4G" as the issue measured it, and a CPU four times slower. */
const SLOW = { latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8), cpu: 4 };

const browser = await launch();

/**
 * Runs in the page before its own scripts: every heading gets an `elementtiming`
 * name as it is inserted (a mutation observer runs before the next paint, so the
 * first paint of each heading is reported), and paint entries are collected.
 */
function observePaint() {
  // The headings by their `elementtiming` name: an entry's own `element` is null
  // once the element has left the page (the built page's, after the take-over).
  const paints = { fcp: undefined, lcp: undefined, headings: [], shift: 0, named: new Map() };
  window.__paints = paints;
  let next = 0;
  const mark = (root) => {
    for (const heading of root.querySelectorAll?.('h1, h2, h3') ?? []) {
      if (heading.hasAttribute('elementtiming')) continue;
      const name = `heading-${next++}`;
      heading.setAttribute('elementtiming', name);
      paints.named.set(name, heading);
    }
  };
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) mark(node.parentNode ?? node);
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') paints.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) paints.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) paints.shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) paints.headings.push({ element: paints.named.get(entry.identifier), time: entry.renderTime || entry.startTime });
  }).observe({ type: 'element', buffered: true });
}

/** A cold load of `url`: its paint times since navigation, and every response's body. */
async function cold(url, heading, slow) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (slow) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW.latency, downloadThroughput: SLOW.downloadThroughput, uploadThroughput: SLOW.uploadThroughput });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW.cpu });
  }
  await page.addInitScript(observePaint);
  const bodies = [];
  page.on('response', async (response) => {
    try { bodies.push(await response.body()); } catch { /* a redirect has none */ }
  });
  await page.goto(url);
  // The heading the user ends up with: with this text, and painted. (On
  // Veiviser the built page's heading, gone once the app has its own in place.)
  const painted = (text) => window.__paints.headings.find((h) => h.element?.textContent.trim().startsWith(text));
  await page.waitForFunction(painted, heading, { timeout: 120000 });
  await page.waitForLoadState('networkidle');
  const times = await page.evaluate((text) => {
    const mine = window.__paints.headings.filter((h) => h.element?.textContent.trim().startsWith(text));
    const takenOver = performance.getEntriesByName('veiviser:taken-over')[0]?.startTime;
    return { fcp: window.__paints.fcp, lcp: window.__paints.lcp, heading: Math.min(...mine.map((h) => h.time)), takenOver, shift: window.__paints.shift };
  }, heading);
  await context.close();
  const sum = (f) => bodies.reduce((total, body) => total + f(body).length, 0);
  return {
    ...times,
    files: bodies.length,
    gzip: sum((b) => gzipSync(b, { level: 9 })),
    brotli: sum((b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const ms = (n) => `${n.toFixed(0)} ms`;

for (const { name: pageName, veiviser, mdbook, heading } of PAGES) {
  for (const [name, slow] of [['loopback', false], ['slow 4G + CPU 4x', true]]) {
    const runs = { veiviser: [], mdbook: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternating, so that the machine's load falls on both alike.
      const order = round % 2 === 0 ? ['veiviser', 'mdbook'] : ['mdbook', 'veiviser'];
      for (const site of order) runs[site].push(await cold(site === 'veiviser' ? veiviser : mdbook, heading, slow));
    }
    const figure = (site, key) => median(runs[site].map((run) => run[key]));
    const line = (label, key, show) => {
      const [ours, theirs] = [figure('veiviser', key), figure('mdbook', key)];
      console.log(`    ${label}: Veiviser ${show(ours)}, mdBook ${show(theirs)}, ratio ${(ours / theirs).toFixed(2)}`);
    };
    console.log(`  ${pageName}, ${name}, median of ${ROUNDS} cold loads each (heading «${heading}»):`);
    line('first contentful paint', 'fcp', ms);
    line('heading painted (Element Timing)', 'heading', ms);
    line('largest contentful paint', 'lcp', ms);
    const ours = (key) => median(runs.veiviser.map((run) => run[key] ?? NaN));
    console.log(`    Veiviser taken over by the app: ${ms(ours('takenOver'))}; layout shift (CLS) by then: ${ours('shift').toFixed(3)} (largest of ${ROUNDS}: ${Math.max(...runs.veiviser.map((run) => run.shift)).toFixed(3)})`);
    if (!slow) {
      line(`bytes, gzip -9 of every response (${figure('veiviser', 'files')} and ${figure('mdbook', 'files')} files)`, 'gzip', kb);
      line('bytes, brotli 11', 'brotli', kb);
    }
  }
}
await browser.close();
