#!/usr/bin/env node
// Playground bench (issue 15): the page of md1.yaml (~1,000,000 messages) in headless
// Chromium; time from a change of the account MPS control to the new summary on screen,
// a few times, plus the worker's own simulate+summarize time and the HTML file's size.
// Needs a build (`npm run build`) and Debian's Chromium: the full browser (/usr/bin/chromium,
// what a user opens the page in), else the headless shell the tests use. `npm run bench` runs it at full
// size (not with --small); standalone: `node test/bench/playground.js [--json]`.
// Prints numbers; asserts nothing (aim: a re-run under 1.5 s).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-headless-shell'].find((path) => existsSync(path));
const RUNS = 5;

/** Runs the bench; resolves with its figures. */
export async function playgroundBench() {
  if (CHROMIUM === undefined) return { skipped: 'neither /usr/bin/chromium nor /usr/bin/chromium-headless-shell found' };
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-pg-bench-'));
  const html = join(dir, 'md1-playground.html');
  const made = spawnSync(process.execPath, [join(root, 'bin', 'a2psim.js'), 'playground', join(here, 'md1.yaml'), '--out', html], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`a2psim playground exited ${made.status}: ${made.stderr}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const t0 = performance.now();
    await page.goto(pathToFileURL(html).href);
    await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 600_000, polling: 20 });
    const firstMs = performance.now() - t0;
    const messages = JSON.parse(await page.locator('#summary-json').evaluate((e) => e.textContent)).totals.submitted;
    const reruns = [];
    for (let i = 0; i < RUNS; i++) {
      const mps = String(9000 - 500 * i);
      // Time from the control's change to the summary painted for the new value (debounce included).
      const ms = await page.evaluate(
        (value) =>
          new Promise((resolve) => {
            const input = document.querySelector('input[type=number][data-knob="account.mps.sms"]');
            const start = performance.now();
            new MutationObserver((_, obs) => {
              if (document.documentElement.dataset.state !== 'ready') return;
              obs.disconnect();
              requestAnimationFrame(() => resolve({ wall: performance.now() - start, status: document.getElementById('status').textContent }));
            }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-state'] });
            input.value = value;
            input.dispatchEvent(new Event('change'));
          }),
        mps,
      );
      reruns.push({ wallMs: Math.round(ms.wall), workerMs: Number(/in ([\d,]+) ms/.exec(ms.status)?.[1].replace(/,/g, '') ?? NaN) });
    }
    const sorted = reruns.map((r) => r.wallMs).sort((a, b) => a - b);
    return {
      htmlBytes: statSync(html).size,
      messages,
      firstRunMs: Math.round(firstMs),
      reruns,
      medianRerunMs: sorted[Math.floor(sorted.length / 2)],
      debounceMs: 120,
      loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
      nproc: cpus().length,
    };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per figure, for the bench's console output. */
export function playgroundText(r) {
  if (r.skipped) return `playground: skipped (${r.skipped})`;
  return [
    `playground (md1, ${r.messages.toLocaleString('en-US')} messages, headless Chromium): page ${(r.htmlBytes / 1024).toFixed(0)} KiB; first run ${r.firstRunMs} ms`,
    `  re-run after an MPS change: median ${r.medianRerunMs} ms wall (incl. ${r.debounceMs} ms debounce); each ${r.reruns.map((x) => `${x.wallMs} (worker ${x.workerMs})`).join(', ')} ms`,
    `  load average ${r.loadavg.join(' ')} on ${r.nproc} CPUs`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await playgroundBench();
  console.log(process.argv.includes('--json') ? JSON.stringify(r) : playgroundText(r));
}
