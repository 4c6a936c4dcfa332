// `cargo xtask bench`: Veiviser's first step beside mdBook's chapter of the same
// guide, both served by nginx with precompressed files, loaded cold, alternating,
// in one run: on loopback, and throttled to slow 4G (150 ms round trip, 1.6 Mbit/s)
// with the CPU slowed 4×. Prints the time to the first visible heading and the
// bytes of every response (gzip -9 and brotli 11), with Veiviser's ratio to mdBook.
// Prints figures; asserts nothing.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launch } from '../e2e/browser.mjs';

const VEIVISER = process.env.VEIVISER_PAGE;
const MDBOOK = process.env.MDBOOK_PAGE;
const ROUNDS = Number(process.env.ROUNDS ?? 9);

/** Chromium DevTools' "slow 4G" as the issue measured it, and a CPU four times slower. */
const SLOW = { latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8), cpu: 4 };

const browser = await launch();

/** A cold load of `url`: time to the first visible `h1` since navigation, and every response's body. */
async function cold(url, slow) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (slow) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW.latency, downloadThroughput: SLOW.downloadThroughput, uploadThroughput: SLOW.uploadThroughput });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW.cpu });
  }
  await page.addInitScript(() => {
    const visible = (element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    };
    const look = () => {
      const heading = document.querySelector('h1');
      if (heading && visible(heading) && window.__firstHeading === undefined) window.__firstHeading = performance.now();
    };
    new MutationObserver(look).observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', look);
  });
  const bodies = [];
  page.on('response', async (response) => {
    try { bodies.push(await response.body()); } catch { /* a redirect has none */ }
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__firstHeading !== undefined, null, { timeout: 120000 });
  await page.waitForLoadState('networkidle');
  const heading = await page.evaluate(() => window.__firstHeading);
  await context.close();
  const sum = (f) => bodies.reduce((total, body) => total + f(body).length, 0);
  return {
    heading,
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

for (const [name, slow] of [['loopback', false], ['slow 4G + CPU 4x', true]]) {
  const runs = { veiviser: [], mdbook: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternating, so that the machine's load falls on both alike.
    const order = round % 2 === 0 ? ['veiviser', 'mdbook'] : ['mdbook', 'veiviser'];
    for (const site of order) runs[site].push(await cold(site === 'veiviser' ? VEIVISER : MDBOOK, slow));
  }
  const figure = (site, key) => median(runs[site].map((run) => run[key]));
  const line = (label, key, show) => {
    const [ours, theirs] = [figure('veiviser', key), figure('mdbook', key)];
    console.log(`    ${label}: Veiviser ${show(ours)}, mdBook ${show(theirs)}, ratio ${(ours / theirs).toFixed(2)}`);
  };
  console.log(`  ${name}, median of ${ROUNDS} cold loads each (Veiviser ${new URL(VEIVISER).pathname.split('/').pop()}${new URL(VEIVISER).search}, mdBook ${new URL(MDBOOK).pathname.split('/').pop()}):`);
  line('first visible heading', 'heading', (ms) => `${ms.toFixed(0)} ms`);
  if (!slow) {
    line(`bytes, gzip -9 of every response (${figure('veiviser', 'files')} and ${figure('mdbook', 'files')} files)`, 'gzip', kb);
    line('bytes, brotli 11', 'brotli', kb);
  }
}
await browser.close();
