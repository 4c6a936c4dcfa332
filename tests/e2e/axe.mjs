// axe-core in the page, and waiting until a page is ready to be judged.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Violations of WCAG 2.0/2.1 A and AA on the page as it is now. */
export async function violations(page) {
  await page.evaluate(AXE);
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Waits until the page shows its content: no loading line, and no live panel
 * still looking for the helper (both end in "…").
 */
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('main .loading')
    && ![...document.querySelectorAll('section.live')].some((section) => section.textContent.includes('…')));
}
