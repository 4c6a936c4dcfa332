// "Trenger du hjelp?" on every step: each guide's support as its source names it
// (a tel: or mailto: link for each number and address, or the honest line about
// the local IT helpdesk), the organisation's own contact, and the step code, and
// a copy for the helpdesk that holds the code and the link, and asks nobody.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, HELPER, useSite, watchedPage } from './browser.mjs';

const site = useSite();

/** The help block of the step on `page`. */
const help = (page) => page.locator('aside.help');

/** The start step and the step its first way leads to, of guide `id`. */
async function twoSteps(page, id) {
  await page.goto(`${SITE}guide.html?guide=${id}`);
  await help(page).waitFor();
  const first = page.url();
  const next = await page.locator('a.choice, a.button').first().getAttribute('href');
  return [first, new URL(next, first).href];
}

test('every guide\'s steps show its support with a link for each phone and e-mail its source names', async () => {
  const { page, problems } = await watchedPage(site.browser);
  for (const guide of site.index.guides) {
    assert.ok(guide.support?.length > 0, `${guide.id} names its support in index.json`);
    for (const url of await twoSteps(page, guide.id)) {
      await page.goto(url);
      const block = help(page);
      await block.getByRole('heading', { name: 'Trenger du hjelp?' }).waitFor();
      for (const contact of guide.support) {
        if (contact.phone) {
          const tel = `tel:${contact.phone.replace(/[ ()-]/g, '')}`;
          assert.equal(await block.locator(`a[href="${tel}"]`).count(), 1, `${guide.id} at ${url}: ${tel}`);
        }
        if (contact.email) {
          assert.equal(await block.locator(`a[href="mailto:${contact.email}"]`).count(), 1, `${guide.id}: mailto:${contact.email}`);
        }
        if (contact.local_it && !contact.phone && !contact.email && !contact.web) {
          await block.getByText('Kontakt din lokale IT-brukerstøtte.').waitFor();
        }
      }
      assert.match(await block.locator('.step-code .code').innerText(), /^[A-Z]{1,8}-\d+$/, `${guide.id}: the step code`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the organisation\'s contact follows the guide\'s, and the copy for the helpdesk holds the code and the link, and asks nobody', async () => {
  const context = await site.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(SITE).origin });
  const { page, problems } = await watchedPage(context);
  await page.route('**/settings.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ support: { name: 'Helse Vest IKT', phone: '+47 55 97 64 40' } }),
  }));
  const asked = [];
  page.on('request', (request) => { if (request.url().startsWith(HELPER)) asked.push(request.url()); });
  await page.goto(`${SITE}guide.html?guide=mrs&step=usikker&a=hvordan.usikker`);
  const block = help(page);
  await block.getByRole('heading', { name: 'Helse Vest IKT' }).waitFor();
  assert.equal(await block.locator('a[href="tel:+4755976440"]').count(), 1);
  const code = (await block.locator('.step-code .code').innerText()).trim();
  await block.getByRole('button', { name: 'Kopier det brukerstøtten trenger' }).click();
  await block.getByText('Kopiert: stegkoden').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.includes(code), copied);
  // This step, in the language it was copied in; as the settings differ from those
  // the pages were built with, on the guide page (which is there for any step).
  assert.ok(copied.includes(`${SITE}guide.html?lang=nb&guide=mrs&step=usikker&a=hvordan.usikker`), copied);
  assert.match(copied, /Hjelpeprogrammet er ikke spurt på denne siden/);
  assert.deepEqual(asked, [], 'a step without a live check never calls the helper, not even to copy');
  assert.deepEqual(problems, []);
  await context.close();
});
