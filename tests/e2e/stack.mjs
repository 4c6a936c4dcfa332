// The real card stack for the browser tests: `card-sim control` (a real pcscd
// with vpcd and simulated cards) and the real veiviser-helper on its default
// port, allowing the site's origin. Both are started and stopped by the tests.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { HELPER, SITE } from './browser.mjs';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`cargo xtask test\``);
  return value;
}

/** Starts pcscd with simulated cards; resolves once it is ready for commands. */
export async function startCards() {
  const child = spawn(required('VEIVISER_CARD_SIM'), ['control'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => (await lines.next()).value;
  const first = await next();
  if (first !== 'ready') throw new Error(`card-sim did not start: ${first}`);
  const command = async (line) => {
    child.stdin.write(`${line}\n`);
    const answer = await next();
    if (answer !== 'ok') throw new Error(`card-sim ${line}: ${answer}`);
  };
  return {
    insert: (reader, card) => command(`insert ${reader} ${card}`),
    remove: (reader) => command(`remove ${reader}`),
    async stop() {
      child.stdin.write('quit\n');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Starts veiviser-helper allowing `origins` (one or a list); resolves when it sees the service. */
export async function startHelper(origins) {
  const allow = [origins].flat().flatMap((origin) => ['--allow-origin', origin]);
  const child = spawn(required('VEIVISER_HELPER'), allow, { stdio: 'inherit' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await helperSees((status) => status.service === 'ok' && status.readers.length > 0,
    'the card service and its readers (is port 17320 busy?)', 15000);
  return {
    /** True while the process started here still runs. */
    running: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      child.kill();
      await exited;
    },
  };
}

/**
 * Waits until the helper's status satisfies `seen`: that it is up, or that it
 * sees the card state a test set up (pcscd notices a simulated insertion or
 * removal only on its next poll of vpcd, up to about 400 ms later).
 */
export async function helperSees(seen, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let last = 'no answer yet';
  for (;;) {
    try {
      const status = await (await fetch(`${HELPER}/v1/status`)).json();
      if (seen(status)) return status;
      last = JSON.stringify(status);
    } catch (error) {
      last = `no answer (${error.message})`; // not up yet
    }
    if (Date.now() > deadline) throw new Error(`the helper did not see ${what} within ${timeout / 1000} s; it saw ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** No card in any reader. */
export const noCard = (status) => status.readers.every((r) => !r.card);

/** A card in reader `n`, read, and none in the others. */
export const onlyCardIn = (n) => (status) => status.readers.every((r, i) => (i === n ? r.card?.read === 'done' : !r.card));

/**
 * The answers (`a=step.target`) that lead from the guide's start to `target`,
 * found from the Markdown itself: the way the site's links would record them.
 */
export function answersTo(markdown, start, target) {
  const steps = new Map();
  let current = null;
  for (const line of markdown.split('\n')) {
    const heading = line.match(/^## .*\{#([a-z0-9-]+)[^}]*\}\s*$/);
    if (heading) { current = { choices: [], next: null }; steps.set(heading[1], current); continue; }
    if (!current) continue;
    const choice = line.match(/^[-*] \[[^\]]*\]\(#([a-z0-9-]+)\)/);
    const next = line.match(/^\[[^\]]*\]\(#([a-z0-9-]+)\)\s*$/);
    if (choice) current.choices.push(choice[1]);
    else if (next) current.next = next[1];
  }
  const queue = [[start, []]];
  const seen = new Set([start]);
  while (queue.length) {
    const [id, answers] = queue.shift();
    if (id === target) return answers;
    const step = steps.get(id);
    const ways = [...step.choices.map((to) => [to, true]), ...(step.next ? [[step.next, false]] : [])];
    for (const [to, answered] of ways) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push([to, answered ? [...answers, `${id}.${to}`] : answers]);
    }
  }
  throw new Error(`no way from ${start} to ${target}`);
}

/**
 * The URL of `step` in `guide` (its file in `lang`), with the answers that lead
 * there, on the site at `site`; `uiLang` sets the interface language.
 */
export async function stepUrl(index, guide, lang, step, uiLang, site = SITE) {
  const markdown = await (await fetch(new URL(`content/${guide}.${lang}.md`, SITE))).text();
  const start = index.guides.find((g) => g.id === guide).start;
  const params = new URLSearchParams();
  if (uiLang) params.append('lang', uiLang);
  params.append('guide', guide);
  params.append('step', step);
  for (const answer of answersTo(markdown, start, step)) params.append('a', answer);
  return `${site}guide.html?${params}`;
}
