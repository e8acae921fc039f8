/**
 * Shared by the playground's browser tests: the page of a scenario file, and a page opened
 * on it (Chromium starts through test/helpers/chromium.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { playgroundAssets } from '../../src/playground/playground-assets.js';
import { watchProblems } from '../helpers/chromium.js';
import { renderPlaygroundPage } from '../../src/playground/playground-page.js';

export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** The window every playground page gets. */
const VIEWPORT = { width: 1400, height: 1000 };

/**
 * Writes the page of `scenario` as `name` in test/artifacts, with the browser bundles of
 * dist/web: test/global-setup.ts rebuilds dist/ (`npm run bundle` included) before any test
 * file runs whenever a source is newer, so they are the current sources' (as the report's
 * browser tests use them), without a second esbuild run per test file.
 */
export function writePlayground(scenario: string, name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  writeFileSync(path, renderPlaygroundPage({ yaml: readFileSync(scenario, 'utf8'), file: basename(scenario) }, playgroundAssets()));
  return path;
}

/** A browser context for playground pages (the window size of {@link openPage}): its pages cost half a new context's. */
export function playgroundContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORT });
}

/** A page opened by {@link openPage}, and every problem it has shown so far. */
export interface OpenedPage {
  readonly page: Page;
  readonly problems: string[];
}

/**
 * Opens `url` in a new page of `owner` (a browser: in a context of its own; a context from
 * {@link playgroundContext}: beside its other pages) in `colorScheme`, and waits until the
 * page's first run is over. `problems` collects console errors/warnings, page errors and
 * every request that is not the page or a blob.
 */
export async function openPage(owner: Browser | BrowserContext, url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<OpenedPage> {
  const page: Page = 'newContext' in owner ? await owner.newPage({ viewport: VIEWPORT, colorScheme }) : await owner.newPage();
  if (!('newContext' in owner)) await page.emulateMedia({ colorScheme });
  const file = url.replace(/#.*$/, '');
  const problems = watchProblems(page, file, (request) => request.replace(/#.*$/, '') === file || request.startsWith('blob:'));
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  return { page, problems };
}

/** Waits until the page has finished its current run (or found the scenario invalid). */
export async function ready(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => ['ready', 'invalid', 'bug'].includes(document.documentElement.dataset.state ?? ''), null, { timeout, polling: 50 });
}

export const fileUrl = (path: string): string => pathToFileURL(path).href;
