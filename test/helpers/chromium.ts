// Where the browser tests (test/report/html-browser.test.ts and the others) expect Chromium,
// what the test summary says when it is missing (docs/development.md quotes it), and the
// one way they start it: one Chromium per test worker, shared by every browser suite the
// worker runs (the test files share their worker's modules: vitest.config.ts, isolate), each
// suite in its own browser context, closed after it (issue 23: a launch is half a second of
// Chromium's start-up per file, a context a quarter second per page).
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type LaunchOptions, type Locator, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { inCi } from '../../src/cli/run/progress.js';

/**
 * Debian's Chromium headless shell (package chromium-headless-shell), which `.ci/run` installs:
 * the same Blink as the browser without the browser around it, about two thirds of the CPU of
 * `/usr/bin/chromium --headless` for the same pages (issue 23). The full browser serves when
 * the shell is missing. The binary itself: the package's /usr/bin/chromium-headless-shell is a
 * shell script that starts it without `exec`, a process more between playwright and the browser.
 */
export const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

/** Debian's full Chromium (package chromium), used when {@link HEADLESS_SHELL} is missing. */
export const FULL_CHROMIUM = '/usr/bin/chromium';

/** The Chromium the browser tests start: the headless shell, else the full browser, else none. */
export const CHROMIUM: string | undefined = [HEADLESS_SHELL, FULL_CHROMIUM].find((path) => existsSync(path));

/** The skip note (and the CI failure message) when no Chromium is there. */
export const CHROMIUM_MISSING = `${HEADLESS_SHELL} not found; install it with: apt-get install chromium-headless-shell`;

/** True when a Chromium ({@link CHROMIUM}) is there. */
export const haveChromium = CHROMIUM !== undefined;

/**
 * What a browser suite does: runs with Chromium; without it fails in CI (`.ci/run` installs
 * it, so the browser check is never lost silently) and is skipped elsewhere.
 */
export function browserPlan(have: boolean, env: Readonly<Record<string, string | undefined>>): 'run' | 'fail' | 'skip' {
  return have ? 'run' : inCi(env) ? 'fail' : 'skip';
}

/** A browser suite's title: `title`, and what happens without Chromium. */
export const browserSuite = (title: string): string =>
  `${title}${haveChromium ? '' : ` (no Chromium: ${inCi(process.env) ? 'FAILS in CI' : 'skipped'})`}`;

/**
 * Headless Chromium as the probe of this machine starts it (no network of its own, no sandbox
 * as root); the caller closes it. `options` add to playwright's launch options.
 */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...options,
  });
}

let shared: Promise<Browser> | undefined;

const STOPS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The worker ends on a stop signal (vitest stops a worker with SIGTERM; Ctrl-C sends SIGINT)
 * through process.exit, whose 'exit' event has playwright kill Chromium and remove its profile
 * folder. Playwright's own signal handlers are off: they would close the browser of every
 * later suite of the worker when a CLI test emits SIGINT in-process to check the CLI's own
 * handler — there the CLI's handler is listening too, and the signal is left to it.
 */
const exitOnStop = STOPS.map((signal) => [signal, (): void => {
  if (process.listenerCount(signal) > 1) return;
  process.exit(128 + constants.signals[signal]);
}] as const);

let listening = false;

/** Listens for the stop signals ({@link exitOnStop}) while a shared Chromium runs. */
function listen(on: boolean): void {
  if (on === listening) return;
  listening = on;
  for (const [signal, exit] of exitOnStop) {
    if (on) process.on(signal, exit);
    else process.off(signal, exit);
  }
}

/** Closes the worker's Chromium, if it runs (it is launched again when next asked for). */
export async function closeSharedChromium(): Promise<void> {
  const closing = shared;
  shared = undefined;
  await (await closing?.catch(() => undefined))?.close();
}

/**
 * Vitest's hook for the end of a worker (internal: `__vitest_worker__.onCleanup`, run before
 * vitest stops the worker process), where the worker's Chromium is closed and waited for.
 */
function atWorkerEnd(close: () => Promise<void>): void {
  (globalThis as { __vitest_worker__?: { onCleanup?: (cb: () => unknown) => void } }).__vitest_worker__?.onCleanup?.(close);
}

function launchShared(): Promise<Browser> {
  const launching = launchChromium({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }).then((browser) => {
    atWorkerEnd(closeSharedChromium);
    listen(true);
    browser.once('disconnected', () => {
      if (shared === launching) shared = undefined;
      if (shared === undefined) listen(false); // else the next one is launched already
    });
    return browser;
  });
  launching.catch(() => {
    if (shared === launching) shared = undefined;
  });
  return launching;
}

/**
 * The worker's Chromium: launched on first use, launched again when it was closed or crashed.
 * Suites do not close it (they close what they opened in it: {@link useChromium}).
 */
export async function sharedChromium(): Promise<Browser> {
  for (let attempt = 0; ; attempt++) {
    const current = (shared ??= launchShared());
    const browser = await current;
    if (browser.isConnected() || attempt > 0) return browser;
    if (shared === current) shared = undefined; // gone before its 'disconnected' event arrived
  }
}

/** The viewport of a suite's pages unless said otherwise. */
const VIEWPORT = { width: 1280, height: 900 };

/** Options of a page opened by {@link BrowserSuite.page} or {@link BrowserSuite.open}. */
export interface PageOptions {
  /** `prefers-color-scheme` (default light). */
  colorScheme?: 'light' | 'dark';
  /** Default 1280 × 900. */
  viewport?: { width: number; height: number };
}

/** A page {@link BrowserSuite.open} loaded, and every problem it showed since ({@link watchProblems}). */
export interface Opened {
  page: Page;
  problems: string[];
}

/** What {@link useChromium} gives a suite besides the browser. */
export interface BrowserSuite {
  /** A new page in the suite's own browser context (created on first use), closed after the suite if not before. */
  page(options?: PageOptions): Promise<Page>;
  /**
   * Loads the file at `path` (waiting for its load event) in the suite's page of that colour
   * scheme, which each call navigates again — a third of the cost of a new page each time, the
   * same fresh document — or, with `own`, in a page of its own that no later call navigates
   * away (for tests that share a loaded page).
   */
  open(path: string, options?: PageOptions & { own?: boolean }): Promise<Opened>;
}

/**
 * The hooks of a browser suite: each test is skipped without Chromium (the suite fails in CI
 * instead: `.ci/run` installs it); the worker's shared browser ({@link sharedChromium}) is handed
 * to `set` after `before` ran. After the suite, every browser context it opened (its pages with
 * them) is closed, as if the suite had its own browser; the browser stays for the next suite.
 */
export function useChromium(set?: (browser: Browser) => void, before?: () => void | Promise<void>): BrowserSuite {
  let earlier = new Set<BrowserContext>();
  /** The suite's context for {@link BrowserSuite.page}, in the browser it was made in. */
  let own: { browser: Browser; context: Promise<BrowserContext> } | undefined;
  const opened: Promise<BrowserContext>[] = [];
  /** The suite's page per colour scheme that {@link BrowserSuite.open} navigates, and how it stops watching the last file. */
  const reused = new Map<string, { page: Page; unwatch: () => void }>();
  beforeEach((ctx) => {
    if (browserPlan(haveChromium, process.env) === 'skip') ctx.skip(CHROMIUM_MISSING);
  });
  beforeAll(async () => {
    const plan = browserPlan(haveChromium, process.env);
    if (plan === 'fail') throw new Error(`CI must run the browser tests: ${CHROMIUM_MISSING} (.ci/run does)`);
    if (plan === 'skip') return;
    await before?.();
    const browser = await sharedChromium();
    earlier = new Set(browser.contexts());
    set?.(browser);
  }, 60_000);
  afterAll(async () => {
    const browser = await (shared?.catch(() => undefined) ?? undefined);
    const left = browser?.isConnected() ? browser.contexts().filter((c) => !earlier.has(c)) : [];
    own = undefined;
    reused.clear();
    const mine = await Promise.all(opened.splice(0).map((c) => c.catch(() => undefined)));
    await Promise.all([...new Set([...left, ...mine])].map((c) => c?.close().catch(() => {})));
  });
  const suite: BrowserSuite = {
    async page({ colorScheme, viewport }: PageOptions = {}): Promise<Page> {
      const browser = await sharedChromium(); // a new one if the suite's crashed
      if (own?.browser !== browser) {
        own = { browser, context: browser.newContext({ viewport: VIEWPORT }) };
        opened.push(own.context);
        reused.clear();
      }
      const page = await (await own.context).newPage();
      if (colorScheme !== undefined) await page.emulateMedia({ colorScheme });
      if (viewport !== undefined) await page.setViewportSize(viewport);
      return page;
    },
    async open(path, { colorScheme = 'light', viewport = VIEWPORT, own: alone = false } = {}): Promise<Opened> {
      let page: Page;
      const last = reused.get(colorScheme);
      if (alone || last === undefined || last.page.isClosed()) {
        page = await suite.page({ colorScheme });
        if (!alone) reused.set(colorScheme, { page, unwatch: () => {} });
      } else {
        page = last.page;
        last.unwatch();
      }
      const size = page.viewportSize();
      if (size?.width !== viewport.width || size.height !== viewport.height) await page.setViewportSize(viewport);
      const url = pathToFileURL(path).href;
      const { problems, unwatch } = watch(page, url);
      if (!alone) reused.get(colorScheme)!.unwatch = unwatch;
      await page.goto(url, { waitUntil: 'load' });
      return { page, problems };
    },
  };
  return suite;
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

/** {@link watchProblems}, and how to stop watching. */
function watch(page: Page, url: string, allowed: (request: string) => boolean = () => false): { problems: string[]; unwatch: () => void } {
  const problems: string[] = [];
  const onConsole = (m: ConsoleMessage): void => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  };
  const onError = (e: Error): void => void problems.push(`page error: ${e.message}`);
  const onRequest = (r: Request): void => {
    if (r.url() !== url && !allowed(r.url())) problems.push(`request: ${r.url()}`);
  };
  page.on('console', onConsole).on('pageerror', onError).on('request', onRequest);
  return { problems, unwatch: () => void page.off('console', onConsole).off('pageerror', onError).off('request', onRequest) };
}

/**
 * Every problem a page shows from now on: console errors and warnings, page errors, and each
 * request for anything but `url` itself (a report is self-contained) or what `allowed` lets by.
 */
export function watchProblems(page: Page, url: string, allowed?: (request: string) => boolean): string[] {
  return watch(page, url, allowed).problems;
}
