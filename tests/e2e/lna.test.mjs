// Live checks where the users are: Chromium's Local Network Access gates a
// page's calls to the helper on 127.0.0.1. The site is served on 127.0.0.1 and
// Chromium is told to treat it as a public (or private) address, as an intranet
// or a public site would be. Each state the page can be in is tested with the
// real helper, pcscd and the card simulator, and checked by axe:
// public without permission, allowed, allowed by policy, helper stopped, a
// plain-http intranet name, an origin the helper does not allow. And a page the
// helper refuses cannot stop it with a 64 GiB body.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import net from 'node:net';
import { SITE, HELPER, addressSpace, allowedContext, launch, watchedPage } from './browser.mjs';
import { helperSees, noCard, startCards, startHelper, stepUrl } from './stack.mjs';
import { settled, violations } from './axe.mjs';

const { port: PORT, origin: ORIGIN } = new URL(SITE);
/** The same site under a name on the private network, over plain http (not a secure context). */
const INTRANET = `http://intranet.test:${PORT}`;
/** Where Debian's Chromium reads the policies an administrator sets. */
const POLICY = '/etc/chromium/policies/managed/veiviser-lna-test.json';

let cards;
let helper;
let index;
before(async () => {
  index = await (await fetch(new URL('content/index.json', SITE))).json();
  cards = await startCards();
  helper = await startHelper([ORIGIN, INTRANET]);
});
after(async () => {
  await helper?.stop();
  await cards?.stop();
  rmSync(POLICY, { force: true });
});
beforeEach(async () => {
  await helperSees(noCard, 'every reader empty');
});

const live = (page) => page.locator('section.live');

/** Waits for `text` in the live panel. */
async function shows(page, text) {
  await live(page).getByText(text).first().waitFor({ timeout: 15000 });
}

/** The requests `page` makes to the helper, as they are made. */
function helperRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    if (request.url().startsWith(HELPER)) seen.push(request.url());
  });
  return seen;
}

/** Records the layout shifts of `page` from its next load on; the returned function reads them. */
async function layoutShifts(page) {
  await page.addInitScript(() => {
    window.veiviserShifts = [];
    new PerformanceObserver((list) => {
      for (const shift of list.getEntries()) window.veiviserShifts.push(shift.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return () => page.evaluate(() => window.veiviserShifts);
}

async function accessible(page, state) {
  await settled(page);
  assert.deepEqual(await violations(page), [], state);
}

/** Restarts the helper allowing only `origins`. */
async function restartHelper(origins) {
  await helper.stop();
  helper = await startHelper(origins);
}

test('public site without permission: no request reaches the helper before the click, and a Block is told as the browser\'s doing', async () => {
  const browser = await launch({ args: [addressSpace(PORT, 'public')] });
  try {
    const { page } = await watchedPage(browser);
    const requests = helperRequests(page);
    const shifts = await layoutShifts(page);
    await page.goto(await stepUrl(index, 'mrs', 'nb', 'velg-sertifikat'));
    const button = live(page).getByRole('button', { name: 'Sjekk kortleseren' });
    await button.waitFor();
    assert.match(await live(page).innerText(), /velg «Tillat»/);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(requests, [], 'no call before the click');
    assert.deepEqual(await shifts(), [], 'the step first shows the state it keeps: nothing below it moves');
    await accessible(page, 'waiting for the click');

    // Headless Chromium answers its prompt with Block, as a user pressing it would.
    await button.click();
    await shows(page, 'Nettleseren stoppet denne siden fra å spørre hjelpeprogrammet');
    assert.ok(requests.length > 0, 'the click asked the helper');
    const text = await live(page).innerText();
    assert.doesNotMatch(text, /svarer ikke|installerer/);
    assert.match(text, /til venstre for adressen/);
    await accessible(page, 'blocked');

    await page.goto(`${SITE}tools.html?page=diagnostics`);
    await page.locator('li', { hasText: 'Nettleserens tillatelse til å kontakte PC-en: avslått' }).waitFor();
    await page.locator('li', { hasText: `Denne nettsiden: ${ORIGIN}` }).waitFor();
    await page.locator('li', { hasText: 'Sikker side (https eller PC-en selv): ja' }).waitFor();
  } finally {
    await browser.close();
  }
});

test('public site the user allowed: the card is seen and the card step moves on by itself', async () => {
  const browser = await launch({ args: [addressSpace(PORT, 'public')] });
  try {
    const { page, problems } = await watchedPage(await allowedContext(browser));
    await page.goto(await stepUrl(index, 'mrs', 'nb', 'sett-inn-kort'));
    await shows(page, 'Venter på kortet');
    await accessible(page, 'allowed, waiting for the card');
    await cards.insert(0, 'mrs');
    await page.locator('h1', { hasText: 'Tast PIN-koden din' }).waitFor({ timeout: 10000 });
    await cards.remove(0);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('public site allowed by the IT kit\'s Linux policy: the helper is followed with no click', async () => {
  const policy = execFileSync(process.env.VEIVISER_CLI, ['it-kit', '--origin', ORIGIN, '--file', 'veiviser.json']);
  mkdirSync(dirname(POLICY), { recursive: true });
  writeFileSync(POLICY, policy);
  // Chromium reads its policies when it starts.
  const browser = await launch({ args: [addressSpace(PORT, 'public')] });
  try {
    const { page } = await watchedPage(browser);
    await page.goto(await stepUrl(index, 'mrs', 'nb', 'sett-inn-kort'));
    await shows(page, 'Venter på kortet');
    assert.equal(await live(page).getByRole('button', { name: 'Sjekk kortleseren' }).count(), 0);
    await accessible(page, 'allowed by policy');
  } finally {
    rmSync(POLICY, { force: true });
    await browser.close();
  }
});

test('public site the user allowed, helper stopped: the page says the helper does not answer', async () => {
  const browser = await launch({ args: [addressSpace(PORT, 'public')] });
  try {
    await helper.stop();
    const { page } = await watchedPage(await allowedContext(browser));
    await page.goto(await stepUrl(index, 'mrs', 'nb', 'sett-inn-kort'));
    await shows(page, 'hjelpeprogrammet på PC-en svarer ikke');
    await live(page).getByRole('link', { name: 'Slik installerer og starter du hjelpeprogrammet' }).waitFor();
    assert.doesNotMatch(await live(page).innerText(), /Nettleseren stoppet/);
    await accessible(page, 'helper stopped');
  } finally {
    await browser.close();
    await restartHelper([ORIGIN, INTRANET]);
  }
});

test('plain-http intranet name: the call goes through, a stopped helper is told as such, https is named only where no call ever got through, and a refusal by the helper is told as one', async () => {
  const browser = await launch({ hosts: ['intranet.test'], args: [addressSpace(PORT, 'local')] });
  try {
    const { page } = await watchedPage(browser);
    const url = new URL(await stepUrl(index, 'mrs', 'nb', 'sett-inn-kort'));
    const onIntranet = `${INTRANET}${url.pathname}${url.search}`;
    await page.goto(onIntranet);
    assert.equal(await page.evaluate(() => window.isSecureContext), false);
    await shows(page, 'Venter på kortet');
    assert.doesNotMatch(await live(page).innerText(), /https/);
    await accessible(page, 'plain-http intranet, helper answers');

    // Calls got through before: a failure now means the helper stopped, and it is found again.
    await helper.stop();
    await shows(page, 'hjelpeprogrammet på PC-en svarer ikke');
    assert.doesNotMatch(await live(page).innerText(), /https/);
    helper = await startHelper([ORIGIN, INTRANET]);
    await shows(page, 'Venter på kortet');

    // A visit that never got through (a fresh profile, the helper not running): the page cannot
    // tell a stopped helper from a browser that lets no plain-http page ask, and names https.
    await helper.stop();
    const fresh = await watchedPage(await browser.newContext());
    await fresh.page.goto(onIntranet);
    await shows(fresh.page, 'lastet over http og ikke https');
    await accessible(fresh.page, 'plain-http intranet, no call ever got through');

    // The helper running but not allowing the intranet name: a second call finds the helper's
    // refusal, so the page names the origins file, not https.
    helper = await startHelper([ORIGIN]);
    const refused = await watchedPage(await browser.newContext());
    await refused.page.goto(onIntranet);
    await shows(refused.page, 'ikke satt opp til å svare denne nettsiden');
    assert.doesNotMatch(await live(refused.page).innerText(), /lastet over http/);
    await accessible(refused.page, 'plain-http intranet, origin not allowed');
  } finally {
    await browser.close();
    await restartHelper([ORIGIN, INTRANET]);
  }
});

test('an origin the helper does not allow: the page names the origins file, and its 64 GiB body cannot stop the helper', async () => {
  await restartHelper([INTRANET]);
  const browser = await launch();
  try {
    const { page } = await watchedPage(await allowedContext(browser));
    await page.goto(await stepUrl(index, 'mrs', 'nb', 'sett-inn-kort'));
    await shows(page, 'ikke satt opp til å svare denne nettsiden');
    assert.match(await live(page).innerText(), new RegExp(`\\(${ORIGIN.replace(/[.]/g, '\\.')}\\).*allowed-origins\\.txt`));
    await accessible(page, 'origin not allowed');

    // The attack of issue 12: a Blob made by reference, so the page needs no memory for it.
    await page.evaluate(async (helperUrl) => {
      const body = new Blob(Array(1 << 16).fill(new Blob([new Uint8Array(1 << 20)])));
      // Answered (opaquely) or cut off: either way the page has sent what it could.
      await fetch(`${helperUrl}/v1/status`, { method: 'POST', mode: 'no-cors', body }).catch(() => {});
    }, HELPER);
    // And from a local program: a POST that declares a body of 1 TiB.
    const { port: helperPort, host: helperHost } = new URL(HELPER);
    await new Promise((resolve) => {
      const socket = net.connect(Number(helperPort), '127.0.0.1', () => {
        socket.write(`POST /v1/status HTTP/1.1\r\nHost: ${helperHost}\r\nContent-Length: 1099511627776\r\n\r\n`);
        socket.write(Buffer.alloc(1 << 16));
      });
      socket.on('data', () => socket.destroy());
      socket.on('error', resolve);
      socket.on('close', resolve);
    });
    const status = await helperSees((s) => s.service === 'ok', 'the helper still answering', 1000);
    assert.ok(status.readers.length > 0);
    assert.ok(helper.running(), 'the same helper process answers');

    await page.goto(`${SITE}tools.html?page=diagnostics`);
    await page.locator('li', { hasText: 'Hjelpeprogrammet tillater denne nettsiden: nei' }).waitFor();
    await page.locator('li', { hasText: 'Hjelpeprogrammet svarte: ja' }).waitFor();
  } finally {
    await browser.close();
    await restartHelper([ORIGIN, INTRANET]);
  }
});
