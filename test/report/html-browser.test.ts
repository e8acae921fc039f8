/**
 * Opens generated reports in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): every chart is drawn with data, no console errors, no request other
 * than the file itself. Screenshots go to test/artifacts/ (light and dark).
 *
 * Without /usr/bin/chromium: in CI (CI=true) every test here FAILS, so that the browser
 * check is never lost silently (`.ci/run` installs Chromium); elsewhere they are skipped
 * with the reason and the install command as the skip note, which the test summary lists
 * (test/reporters/skip-notes.ts).
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { simulate } from '../../src/engine/simulate.js';
import { chartAssets } from '../../src/report/html/assets.js';
import { renderReport, reportObserver } from '../../src/report/html/report.js';
import type { Scenario } from '../../src/scenario/model.js';
import { inCi } from '../../src/cli/progress.js';
import { CHROMIUM, CHROMIUM_MISSING as MISSING } from '../helpers/chromium.js';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
const haveChromium = existsSync(CHROMIUM);

interface ChartInfo {
  id: string;
  title: string;
  points: number;
  series: { label: string; stroke: string; width: number; nonZero: boolean }[];
}

function writeReportOf(sc: Scenario, file: string): string {
  const series = reportObserver(sc);
  const result = simulate(sc, { observer: series });
  const path = join(ARTIFACTS, file);
  writeFileSync(path, renderReport(result, series, chartAssets()));
  return path;
}

/** Opens `path`; returns what the page reported and every problem seen on the way. */
async function open(browser: Browser, path: string, colorScheme: 'light' | 'dark') {
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
  const url = pathToFileURL(path).href;
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`request: ${r.url()}`);
  });
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-charts'));
  const loadMs = performance.now() - t0;
  const charts = (await page.evaluate(() => (window as unknown as { __a2psimCharts: unknown }).__a2psimCharts)) as ChartInfo[];
  return { page, charts, problems, loadMs };
}

/** Pixels of the chart's canvas close to `hex` (the colour a series is stroked with). */
async function pixelsOf(page: Page, chartId: string, hex: string): Promise<number> {
  return page.evaluate(
    ([id, color]) => {
      const canvas = document.querySelector(`#chart-${id} canvas`) as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const want = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
      let n = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3] > 200 && Math.abs(px[i] - want[0]) + Math.abs(px[i + 1] - want[1]) + Math.abs(px[i + 2] - want[2]) < 30) n++;
      }
      return n;
    },
    [chartId, hex] as const,
  );
}

describe(`HTML report in a browser${haveChromium ? '' : ` (no Chromium: ${inCi(process.env) ? 'FAILS in CI' : 'skipped'})`}`, () => {
  let browser: Browser;
  beforeEach((ctx) => {
    if (!haveChromium && !inCi(process.env)) ctx.skip(MISSING);
  });
  beforeAll(async () => {
    if (!haveChromium) {
      if (inCi(process.env)) throw new Error(`CI must run the browser tests: ${MISSING} (.ci/run does)`);
      return;
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`draws every chart of the default scenario with data (${colorScheme})`, async () => {
      const path = writeReportOf(loadScenarioFile('scenarios/default.yaml'), 'default-report.html');
      const { page, charts, problems, loadMs } = await open(browser, path, colorScheme);
      console.log(`default report: ${statSync(path).size} bytes, charts ready in ${Math.round(loadMs)} ms (${colorScheme})`);
      await page.screenshot({ path: join(ARTIFACTS, `default-report-${colorScheme}.png`), fullPage: true });
      expect(problems).toEqual([]);
      // default: queue, carriers, tpm, cumulative, failures (2 × 420), tmobile-cap, waits
      expect(charts.map((c) => c.id)).toEqual(['queue', 'carriers', 'tpm', 'cumulative', 'failures', 'tmobile-cap', 'waits']);
      for (const c of charts) {
        expect(c.points, c.id).toBeGreaterThan(1);
        const drawn = c.series.find((s) => s.nonZero && s.width >= 1.5);
        expect(drawn, `${c.id} has a series with data`).toBeDefined();
        expect(await pixelsOf(page, c.id, drawn!.stroke), `${c.id}: pixels of ${drawn!.label}`).toBeGreaterThan(20);
      }
      await page.close();
    }, 60_000);
  }

  it('says so instead of drawing an empty chart when nothing failed', async () => {
    const sc = loadScenarioFile('scenarios/default.yaml', { set: ['traffic[0].expiry=10799', 'traffic[1].expiry=10799'] });
    const path = writeReportOf(sc, 'no-failures-report.html');
    const { page, charts, problems } = await open(browser, path, 'light');
    expect(problems).toEqual([]);
    expect(charts.map((c) => c.id)).not.toContain('failures');
    expect(await page.textContent('#chart-failures')).toContain('No message failed.');
    await page.close();
  }, 60_000);
});
