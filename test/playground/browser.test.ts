/**
 * The playground in headless Chromium (Debian's `chromium-headless-shell`, via playwright-core): it loads
 * with no console error and no request, its numbers are `a2psim run --format json`'s for
 * the same scenario and seed, the account MPS control (moved with the keyboard) reruns
 * it, a copied URL reopens the same state, and a bad link or a bad scenario gets one clear
 * message. Screenshots (A2PSIM_SCREENSHOTS=1) go to test/artifacts/. Without Chromium (test/helpers/chromium.ts): FAILS in CI
 * (CI=true), else skipped with the install command as the skip note, which the test
 * summary lists (test/reporters/skip-notes.ts), like test/report/html-browser.test.ts.
 *
 * Cost (issue 23): the pages share one browser context (a page in it costs half a new
 * context), the tests that only read the default page share one page, opened by the first
 * that asks for it, and each CLI run is made once for the file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runCommand } from '../../src/cli/commands/run-command.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenario } from '../../src/scenario/load.js';
import { browserSuite, useChromium, screenshot } from '../helpers/chromium.js';
import { ARTIFACTS, fileUrl, openPage, playgroundContext, writePlayground, type OpenedPage } from './helpers.js';


const runs = new Map<string, Promise<string>>();

/** `a2psim run FILE --format json [--set ...]`, in process; once per set of arguments for the file. */
function cliJson(file: string, set: string[] = []): Promise<string> {
  const key = JSON.stringify([file, set]);
  let run = runs.get(key);
  if (run === undefined) {
    run = (async () => {
      let out = '';
      const code = await runCommand(file, { format: 'json', set, quiet: true }, { stdout: (s) => (out += s), stderr: () => {} });
      expect(code).toBe(0);
      return out;
    })();
    runs.set(key, run);
  }
  return run;
}

const summaryOf = (page: Page): Promise<string> => page.locator('#summary-json').evaluate((e) => e.textContent ?? '');

describe(browserSuite('playground in a browser'), () => {
  let browser: Browser;
  let url: string;
  useChromium((b) => (browser = b), () => {
    url = fileUrl(writePlayground('scenarios/default.yaml', 'playground.html'));
  });
  let context: Promise<BrowserContext> | undefined;
  /** The file's browser context, made by the first test that opens a page. */
  const pages = (): Promise<BrowserContext> => (context ??= playgroundContext(browser));
  afterAll(async () => (await context)?.close());

  /**
   * Pages that show the default scenario as loaded (the first run over, nothing changed since),
   * the one shared by the tests that only read it first. Any test gets one when run alone.
   */
  const spare: Promise<OpenedPage>[] = [];
  const newDefaultPage = (): Promise<OpenedPage> => pages().then((c) => openPage(c, url));
  /** A page of the default scenario as loaded, for a test that only reads it: one for all of them. */
  const defaultPage = (): Promise<OpenedPage> => (spare[0] ??= newDefaultPage());
  /** A page of the default scenario as loaded, for a test that changes it: a spare one (no other test gets it), else a new one. */
  const ownPage = (): Promise<OpenedPage> => spare.shift() ?? newDefaultPage();

  it('loads cleanly, matches the CLI, reruns on the MPS control and reopens from its URL', async () => {
    const { page, problems } = await ownPage();
    expect(await page.getAttribute('html', 'data-state')).toBe('ready');
    expect(await summaryOf(page)).toBe(await cliJson('scenarios/default.yaml'));
    const before = await page.locator('.card[data-key="wait p95"] .v').textContent();
    await screenshot(page, join(ARTIFACTS, 'playground-light.png'), true);

    // The account MPS slider, by its label, moved 5 → 8 with the keyboard.
    const mps = page.getByLabel('Account MPS (SMS)', { exact: true });
    await mps.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    // Each press makes the page 'running' at once: once it is 'ready' again, it shows the last press's run.
    await page.waitForFunction(
      (old) => document.querySelector('.card[data-key="wait p95"] .v')?.textContent !== old && document.documentElement.dataset.state === 'ready',
      before,
      { timeout: 60_000 },
    );
    expect(await page.inputValue('#yaml')).toBe(readFileSync('scenarios/default.yaml', 'utf8').replace('mps: { sms: 5,', 'mps: { sms: 8,'));
    const after = await summaryOf(page);
    expect(after).toBe(await cliJson('scenarios/default.yaml', ['account.mps.sms=8']));
    expect(JSON.parse(after).wait.p95).toBeLessThan(JSON.parse(await cliJson('scenarios/default.yaml')).wait.p95);

    // The provider control rewrites `provider:` and reruns under that provider's rules.
    await page.selectOption('#provider', 'twilio');
    await page.waitForFunction((old) => document.querySelector('#summary-json')?.textContent !== old && document.documentElement.dataset.state === 'ready', after, { timeout: 60_000 });
    const twilio = await summaryOf(page);
    expect(twilio).toBe(await cliJson('scenarios/default.yaml', ['account.mps.sms=8', 'provider=twilio']));
    expect(await page.inputValue('#yaml')).toMatch(/\nprovider: twilio\n$/);

    // The address now holds the edited scenario: a new page opened on it shows the same.
    const link = page.url();
    expect(link).toMatch(/#s=[A-Za-z0-9+\-$]+$/);
    const copy = await openPage(await pages(), link, 'dark');
    expect(await copy.page.inputValue('#yaml')).toBe(await page.inputValue('#yaml'));
    expect(await summaryOf(copy.page)).toBe(twilio);
    expect(await copy.page.inputValue('#provider')).toBe('twilio');
    expect(await copy.page.getByLabel('Account MPS (SMS)', { exact: true }).inputValue()).toBe('8');
    await screenshot(copy.page, join(ARTIFACTS, 'playground-dark.png'), true);
    expect(problems).toEqual([]);
    expect(copy.problems).toEqual([]);
    await Promise.all([page.close(), copy.page.close()]);
  }, 120_000);

  it('downloads the YAML, the summary JSON and the message CSV that the CLI writes', async () => {
    const { page } = await defaultPage();
    const fetchDownload = async (button: string): Promise<{ name: string; text: string }> => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(button)]);
      const path = await download.path();
      return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
    };
    expect(await fetchDownload('#dl-yaml')).toEqual({ name: 'default.yaml', text: readFileSync('scenarios/default.yaml', 'utf8') });
    expect(await fetchDownload('#dl-json')).toEqual({ name: 'default-morning-summary.json', text: await cliJson('scenarios/default.yaml') });
    const dir = mkdtempSync(join(tmpdir(), 'a2psim-pg-csv-'));
    try {
      const csvFile = join(dir, 'messages.csv');
      const code = await runCommand('scenarios/default.yaml', { format: 'json', set: [], quiet: true, messages: csvFile }, { stdout: () => {}, stderr: () => {} });
      expect(code).toBe(0);
      const csv = await fetchDownload('#dl-csv');
      expect(csv.name).toBe('default-morning-messages.csv');
      expect(csv.text).toBe(readFileSync(csvFile, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a truncated link gives a clear message and the default scenario', async () => {
    const link = (await defaultPage()).page.url();
    const cut = await openPage(await pages(), link.slice(0, link.length - 40));
    expect(await cut.page.locator('#notice').textContent()).toBe(
      "This link's scenario could not be read (the compressed scenario is incomplete (the link may have been cut off)); showing the default scenario instead.",
    );
    expect(await cut.page.getAttribute('html', 'data-state')).toBe('ready');
    expect(await summaryOf(cut.page)).toBe(await cliJson('scenarios/default.yaml'));
    expect(cut.problems).toEqual([]);
    // It now shows the default scenario as loaded: a test that changes it may have it (the last one does).
    spare.push(Promise.resolve(cut));
  }, 120_000);

  it('shows the loader\'s own file:line:col message for a bad edit and marks the line', async () => {
    const { page } = await ownPage();
    const bad = (await page.inputValue('#yaml')).replace('expiry: 120', 'expiry: 3');
    let expected = '';
    try {
      parseScenario(bad, 'default.yaml');
    } catch (e) {
      expected = (e as ScenarioError).message;
    }
    expect(expected).toMatch(/^default\.yaml:\d+:\d+ traffic\[0\]\.expiry: expected an integer from 5 to 10799, got 3$/);
    await page.locator('#yaml').fill(bad);
    await page.waitForFunction(() => document.documentElement.dataset.state === 'invalid', null, { timeout: 60_000 });
    expect(await page.locator('#yaml-error').textContent()).toBe(expected);
    const line = Number(/:(\d+):/.exec(expected)![1]);
    expect(await page.locator('#hl .err-line').textContent()).toBe(bad.split('\n')[line - 1]);
    await screenshot(page, join(ARTIFACTS, 'playground-error.png'));
    await page.close();
  }, 120_000);

  // Last: it can have the page of the truncated link's test.
  it('a change during a run cancels it at once and shows only the newest run', async () => {
    const { page, problems } = await ownPage();
    const setKnob = (id: string, value: number): Promise<void> =>
      page.evaluate(
        ([k, v]) => {
          const input = document.querySelector(`input[type=number][data-knob="${k}"]`) as HTMLInputElement;
          input.value = String(v);
          input.dispatchEvent(new Event('change'));
        },
        [id, value] as const,
      );
    // Run A: a burst of 50,000 messages. The worker posts progress after each slice of
    // 50,000 units of work (SLICE_EVENTS in src/playground/web/worker.ts) while the run is not
    // over, and a burst costs the slice one unit per message at least (BURST_SLICE units per
    // BURST_SLICE messages, src/engine/simulate.ts), with the scenario's 10 minutes still to
    // run after it: so run A reports progress before it ends, whatever the machine's speed.
    // At its first progress report, while it still runs, move MPS (run B).
    const COUNT = 50_000;
    const moved = page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const root = document.documentElement;
          // A run that ends without a progress report fails the test at once.
          const ended = new MutationObserver(() => {
            if (root.dataset.state !== 'running') resolve(`no progress report before the run ended (${root.dataset.state})`);
          });
          ended.observe(root, { attributes: true, attributeFilter: ['data-state'] });
          document.addEventListener(
            'a2psim-progress',
            () => {
              ended.disconnect();
              const state = root.dataset.state ?? '';
              const mps = document.querySelector('input[type=number][data-knob="account.mps.sms"]') as HTMLInputElement;
              mps.value = '9';
              mps.dispatchEvent(new Event('change'));
              resolve(state);
            },
            { once: true },
          );
        }),
    );
    await setKnob('traffic.1.arrival.count', COUNT);
    expect(await moved).toBe('running');
    expect(await page.getAttribute('html', 'data-cancelled')).toBe('1');
    await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 60_000 });
    const shown = await summaryOf(page);
    expect(shown).toBe(await cliJson('scenarios/default.yaml', [`traffic[1].arrival.count=${COUNT}`, 'account.mps.sms=9']));
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
