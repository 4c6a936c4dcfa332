// `cargo xtask bench`, live half: time from a card inserted in the simulator to
// the page showing it, through pcscd, vpcd, veiviser-helper and Chromium.
// Prints figures; asserts nothing.
import { allowedContext, launch } from '../e2e/browser.mjs';
import { startCards, startHelper } from '../e2e/stack.mjs';

const SITE = process.env.VEIVISER_URL;
const ROUNDS = 10;
const browser = await launch();
const cards = await startCards();
const helper = await startHelper(new URL(SITE).origin);
try {
  // The user has allowed the site to reach the PC: no click before the first call.
  const page = await (await allowedContext(browser, new URL(SITE).origin)).newPage();
  // The certificate step does not move on by itself, so each round starts alike.
  await page.goto(`${SITE}guide.html?guide=mrs&step=velg-sertifikat&a=hvordan.sett-inn-kort&a=to-sertifikater.velg-sertifikat`);
  await page.locator('section.live', { hasText: 'Venter på kortet' }).waitFor();
  const seen = [];
  const read = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    await cards.insert(0, 'mrs');
    await page.waitForFunction(() => /Leser kortet|Velg sertifikatet/.test(document.querySelector('section.live')?.textContent ?? ''), null, { polling: 'raf' });
    seen.push(performance.now() - started);
    await page.waitForFunction(() => document.querySelector('section.live')?.textContent.includes('ihelse.net Issuing CA4'), null, { polling: 'raf' });
    read.push(performance.now() - started);
    await cards.remove(0);
    await page.locator('section.live', { hasText: 'tatt ut' }).waitFor();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const max = (xs) => Math.max(...xs);
  console.log(`  card inserted → page shows a card (${ROUNDS} rounds): median ${median(seen).toFixed(0)} ms, max ${max(seen).toFixed(0)} ms`);
  console.log(`  card inserted → page names the certificate to pick: median ${median(read).toFixed(0)} ms, max ${max(read).toFixed(0)} ms`);
} finally {
  await helper.stop();
  await cards.stop();
  await browser.close();
}
