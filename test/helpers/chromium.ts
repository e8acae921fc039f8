// Where the browser tests (test/report/html-browser.test.ts and the others) expect Chromium,
// what the test summary says when it is missing (docs/development.md quotes it), and the
// one way they start it.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { inCi } from '../../src/cli/run/progress.js';

/** Debian's Chromium, which `.ci/run` installs. */
export const CHROMIUM = '/usr/bin/chromium';

/** The skip note (and the CI failure message) when {@link CHROMIUM} is missing. */
export const CHROMIUM_MISSING = `${CHROMIUM} not found; install it with: apt-get install chromium`;

/** True when {@link CHROMIUM} is there. */
export const haveChromium = existsSync(CHROMIUM);

/** A browser suite's title: `title`, and what happens without Chromium. */
export const browserSuite = (title: string): string =>
  `${title}${haveChromium ? '' : ` (no Chromium: ${inCi(process.env) ? 'FAILS in CI' : 'skipped'})`}`;

/** Headless Chromium as the probe of this machine starts it (no network of its own, no sandbox as root). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * The hooks of a browser suite: each test is skipped without Chromium (the suite fails in CI
 * instead: `.ci/run` installs it); one browser for the suite, handed to `set`, closed after it.
 */
export function useChromium(set: (browser: Browser) => void, before?: () => void | Promise<void>): void {
  let browser: Browser | undefined;
  beforeEach((ctx) => {
    if (!haveChromium && !inCi(process.env)) ctx.skip(CHROMIUM_MISSING);
  });
  beforeAll(async () => {
    if (!haveChromium) {
      if (inCi(process.env)) throw new Error(`CI must run the browser tests: ${CHROMIUM_MISSING} (.ci/run does)`);
      return;
    }
    await before?.();
    browser = await launchChromium();
    set(browser);
  }, 60_000);
  afterAll(async () => browser?.close());
}

/**
 * Screenshots are for a person to look at (test/artifacts/): they assert nothing, and a
 * full-page one costs seconds of Chromium's CPU, a third of the browser tests' time. They are
 * taken only with A2PSIM_SCREENSHOTS=1 (`npm run test:screenshots`).
 */
export const SCREENSHOTS = process.env.A2PSIM_SCREENSHOTS === '1';

/** A screenshot of the page (`fullPage`) or of one element into `path`, when {@link SCREENSHOTS} asks for them. */
export async function screenshot(target: Page | Locator, path: string, fullPage = false): Promise<void> {
  if (!SCREENSHOTS) return;
  if (fullPage) await (target as Page).screenshot({ path, fullPage });
  else await target.screenshot({ path });
}

/**
 * Every problem a page shows from now on: console errors and warnings, page errors, and each
 * request for anything but `url` itself (a report is self-contained).
 */
export function watchProblems(page: Page, url: string): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`request: ${r.url()}`);
  });
  return problems;
}
