/**
 * Shared by the playground's browser test and bench: a freshly bundled page for a
 * scenario file, and a page opened in it (Chromium starts through test/helpers/chromium.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { playgroundAssets } from '../../src/playground/playground-assets.js';
import { bundleWeb } from '../../src/api/web-bundle.js';
import { renderPlaygroundPage } from '../../src/playground/playground-page.js';

export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** Bundles the current sources into test/artifacts/playground-bundle and writes the page of `scenario` as `name`. */
export async function writePlayground(scenario: string, name: string): Promise<string> {
  const dir = join(ARTIFACTS, 'playground-bundle');
  mkdirSync(dir, { recursive: true });
  await bundleWeb(dir);
  const path = join(ARTIFACTS, name);
  writeFileSync(path, renderPlaygroundPage({ yaml: readFileSync(scenario, 'utf8'), file: basename(scenario) }, playgroundAssets(dir)));
  return path;
}

/** Opens `url`; `problems` collects console errors/warnings, page errors and every request that is not the page or a blob. */
export async function openPage(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'light') {
  const page: Page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme });
  const problems: string[] = [];
  const file = url.replace(/#.*$/, '');
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url().replace(/#.*$/, '') !== file && !r.url().startsWith('blob:')) problems.push(`request: ${r.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  return { page, problems };
}

/** Waits until the page has finished its current run (or found the scenario invalid). */
export async function ready(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => ['ready', 'invalid', 'bug'].includes(document.documentElement.dataset.state ?? ''), null, { timeout, polling: 50 });
}

export const fileUrl = (path: string): string => pathToFileURL(path).href;
