/**
 * Opens generated reports in headless Chromium (Debian's `chromium-headless-shell`, driven by
 * playwright-core): every chart is drawn with data, no console errors, no request other
 * than the file itself. With A2PSIM_SCREENSHOTS=1 (`npm run test:screenshots`), screenshots go
 * to test/artifacts/ (light and dark).
 *
 * Without Chromium (test/helpers/chromium.ts): in CI (CI=true) every test here FAILS, so that the browser
 * check is never lost silently (`.ci/run` installs Chromium); elsewhere they are skipped
 * with the reason and the install command as the skip note, which the test summary lists
 * (test/reporters/skip-notes.ts).
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { simulate } from '../../src/engine/simulate.js';
import { chartAssets } from '../../src/report/html/assets.js';
import { waitBins, type ReportData } from '../../src/report/html/data.js';
import { renderReportPage } from '../../src/report/html/page.js';
import { renderReport, reportData, reportObserver } from '../../src/report/html/report.js';
import { WaitHistogram } from '../../src/engine/counters.js';
import { summarize, type Summary } from '../../src/report/summary.js';
import type { Scenario } from '../../src/scenario/model.js';
import { browserSuite, useChromium, screenshot, type BrowserSuite } from '../helpers/chromium.js';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

interface ChartInfo {
  id: string;
  title: string;
  points: number;
  series: { label: string; stroke: string; width: number; nonZero: boolean }[];
}

/** A run of `sc` with the series a report draws. */
function runOf(sc: Scenario) {
  const series = reportObserver(sc);
  return { series, result: simulate(sc, { observer: series }) };
}

function writeReportOf({ result, series }: ReturnType<typeof runOf>, file: string): string {
  const path = join(ARTIFACTS, file);
  writeFileSync(path, renderReport(result, series, chartAssets()));
  return path;
}

/**
 * Writes a report of a run, with its summary and chart data changed by `edit` (for the
 * cases a small run cannot produce, such as 10M waits or 8-digit totals).
 */
function writeEditedReportOf({ result, series }: ReturnType<typeof runOf>, file: string, edit: (s: Summary, d: ReportData) => [Summary, ReportData]): string {
  const summary = summarize(result);
  const [s, d] = edit(summary, reportData(result, series, summary));
  const path = join(ARTIFACTS, file);
  writeFileSync(path, renderReportPage({ summary: s, network: result.network, data: d, assets: chartAssets() }));
  return path;
}

/** `make()` once, on first use (a report written once per file, a page opened once for the tests that read it). */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** The wait histogram of 10M messages, 8.7M of them under 50 ms: built, not simulated. */
function skewedWaits(): ReportData['waits'] {
  const h = new WaitHistogram();
  for (let i = 0; i < 8_700_000; i++) h.add(i % 50);
  for (let i = 0; i < 1_300_000; i++) h.add(1000 + ((i * 7919) % 10_000_000));
  const p = (q: number): number => h.percentile(q) / 1000;
  return waitBins(h, { p50: p(0.5), p95: p(0.95), p99: p(0.99), max: h.max / 1000, mean: h.mean() / 1000 });
}

interface Box { x0: number; x1: number; y0: number; y1: number; text: string }

/** The percentile labels the histogram placed, the y axis it used, and its bar columns. */
async function histogramOf(page: Page) {
  const attr = async (name: string): Promise<string> => (await page.getAttribute('#chart-waits', name)) ?? 'null';
  const labels = JSON.parse(await attr('data-labels')) as Box[];
  const y = JSON.parse(await attr('data-y')) as { max: number; log: boolean };
  return { labels, y };
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Columns of the chart's plot area that hold a pixel of `hex`, and the plot's width (device px). */
async function columnsOf(page: Page, chartId: string, hex: string): Promise<{ columns: number; width: number }> {
  return page.evaluate(
    ([id, color]) => {
      const canvas = document.querySelector(`#chart-${id} canvas`) as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const want = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
      const cols = new Set<number>();
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3] > 200 && Math.abs(px[i] - want[0]) + Math.abs(px[i + 1] - want[1]) + Math.abs(px[i + 2] - want[2]) < 30) cols.add((i / 4) % canvas.width);
      }
      return { columns: cols.size, width: canvas.width };
    },
    [chartId, hex] as const,
  );
}

/**
 * Opens `path` (in the suite's page of `colorScheme`, navigated again, or with `own` in a
 * page of its own); returns what the page reported and every problem seen on the way.
 */
async function open(chromium: BrowserSuite, path: string, colorScheme: 'light' | 'dark', own = false) {
  const t0 = performance.now();
  const { page, problems } = await chromium.open(path, { colorScheme, own });
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

describe(browserSuite('HTML report in a browser'), () => {
  const chromium = useChromium(undefined, () => void mkdirSync(ARTIFACTS, { recursive: true }));
  /** The default scenario, simulated once for its report and the edited reports made from it. */
  const defaultRun = once(() => runOf(loadScenarioFile('scenarios/default.yaml')));
  const defaultReport = once(() => writeReportOf(defaultRun(), 'default-report.html'));
  /** The default report in light, in a page of its own that two tests read. */
  const defaultLight = once(() => open(chromium, defaultReport(), 'light', true));

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`draws every chart of the default scenario with data (${colorScheme})`, async () => {
      const path = defaultReport();
      const { page, charts, problems, loadMs } = await (colorScheme === 'light' ? defaultLight() : open(chromium, path, 'dark'));
      console.log(`default report: ${statSync(path).size} bytes, charts ready in ${Math.round(loadMs)} ms (${colorScheme})`);
      await screenshot(page, join(ARTIFACTS, `default-report-${colorScheme}.png`), true);
      expect(problems).toEqual([]);
      // default: queue, carriers, tpm, cumulative, failures (2 × 420), tmobile-cap, waits
      expect(charts.map((c) => c.id)).toEqual(['queue', 'carriers', 'tpm', 'cumulative', 'failures', 'tmobile-cap', 'waits']);
      for (const c of charts) {
        expect(c.points, c.id).toBeGreaterThan(1);
        const drawn = c.series.find((s) => s.nonZero && s.width >= 1.5);
        expect(drawn, `${c.id} has a series with data`).toBeDefined();
        expect(await pixelsOf(page, c.id, drawn!.stroke), `${c.id}: pixels of ${drawn!.label}`).toBeGreaterThan(20);
      }
    }, 60_000);
  }

  /** Screenshot of the wait histogram only, into the artifacts folder. */
  const shoot = async (page: Page, name: string): Promise<void> => {
    await screenshot(page.locator('#chart-waits'), join(ARTIFACTS, `histogram-${name}.png`));
  };

  it('histogram of all-zero waits: one narrow bar at 0, one label for the three equal percentiles', async () => {
    const path = writeReportOf(runOf(loadScenarioFile('scenarios/tmobile-cap-blast.yaml')), 'histogram-zero-report.html');
    const { page, charts, problems } = await open(chromium, path, 'light');
    await shoot(page, 'zero-waits');
    expect(problems).toEqual([]);
    const bars = charts.find((c) => c.id === 'waits')!.series[0];
    const { columns, width } = await columnsOf(page, 'waits', bars.stroke);
    expect(columns).toBeGreaterThan(0);
    expect(columns / width).toBeLessThan(0.1); // not one bar across the whole axis
    const { labels } = await histogramOf(page);
    expect(labels.map((l) => l.text)).toEqual(['p50 = p95 = p99 0s']);
  }, 60_000);

  it('histogram of whole-second waits: one bar per second, none empty in between', async () => {
    const sc = loadScenarioFile('scenarios/otp-burst-tollfree.yaml', { set: ['traffic[0].expiry=29'] });
    const path = writeEditedReportOf(runOf(sc), 'histogram-seconds-report.html', (s, d) => {
      expect(d.waits.binMs).toBe(1000);
      expect(d.waits.counts).toEqual(new Array(30).fill(5));
      return [s, d];
    });
    const { page, problems } = await open(chromium, path, 'light');
    await shoot(page, 'whole-seconds');
    expect(problems).toEqual([]);
    const { labels } = await histogramOf(page);
    expect(labels).toHaveLength(3);
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlaps(labels[i], labels[j])).toBe(false);
  }, 60_000);

  it('histogram of 10M skewed waits: a log count axis, labels that do not overlap', async () => {
    const path = writeEditedReportOf(defaultRun(), 'histogram-skewed-report.html', (s, d) => [s, { ...d, waits: skewedWaits() }]);
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, problems } = await open(chromium, path, colorScheme);
      await shoot(page, `skewed-10M-${colorScheme}`);
      expect(problems).toEqual([]);
      const { labels, y } = await histogramOf(page);
      expect(y.log).toBe(true);
      expect(labels.length).toBeGreaterThanOrEqual(2);
      for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlaps(labels[i], labels[j])).toBe(false);
    }
  }, 60_000);

  it('T-Mobile and Verizon have different colours; traffic far below its TPM limit fills the TPM chart', async () => {
    const { page, charts } = await defaultLight();
    const carriers = charts.find((c) => c.id === 'carriers')!.series;
    const stroke = (name: string): string => carriers.find((c) => c.label === name)!.stroke;
    expect(stroke('tmobile')).not.toBe(stroke('verizon'));
    for (const id of ['carriers', 'tpm']) await screenshot(page.locator(`#chart-${id}`), join(ARTIFACTS, `chart-${id}.png`));
    const y = JSON.parse((await page.getAttribute('#chart-tpm', 'data-y'))!) as { max: number };
    expect(y.max).toBeLessThan(2400 / 10); // scaled to ~25/min, not to the 2,400/min limit
    // Time charts read the scenario's clock (its start is written at -07:00), not UTC.
    // Hovering scrolls the chart into view; its legend follows the cursor on the next frame.
    const over = page.locator('#chart-carriers .u-over');
    const box = (await over.boundingBox())!;
    await over.hover({ position: { x: 5, y: box.height / 2 } });
    const legend = (): Promise<string | null> => page.textContent('#chart-carriers .u-legend');
    await expect.poll(legend, { timeout: 30_000 }).toMatch(/2026-03-09 08:00:\d\d -07:00 \(\+0m0\ds\)/);
  }, 60_000);

  it('cards hold 8-digit values without overflowing', async () => {
    const big = (s: Summary): Summary => ({
      ...s,
      totals: { submitted: 98_765_432, delivered: 87_654_321, failed: 11_111_111, queued: 12_345_678, delayed: 80_000_000 },
      wait: { p50: 172_780, p95: 9_999_999, p99: 9_999_999, max: 9_999_999, mean: 100 },
      drain_time: 9_999_999,
    });
    const path = writeEditedReportOf(defaultRun(), 'big-cards-report.html', (s, d) => [big(s), d]);
    // One page, resized: the cards are laid out by CSS alone (a grid of auto-fit columns).
    const { page } = await chromium.open(path);
    for (const width of [1280, 800, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() =>
        [...document.querySelectorAll('.card')].filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
      if (width === 390) await screenshot(page.locator('.cards'), join(ARTIFACTS, 'big-cards-390.png'));
      expect(overflow, `viewport ${width}`).toEqual([]);
    }
  }, 60_000);

  it('says so instead of drawing an empty chart when nothing failed', async () => {
    const sc = loadScenarioFile('scenarios/default.yaml', { set: ['traffic[0].expiry=10799', 'traffic[1].expiry=10799'] });
    const path = writeReportOf(runOf(sc), 'no-failures-report.html');
    const { page, charts, problems } = await open(chromium, path, 'light');
    expect(problems).toEqual([]);
    expect(charts.map((c) => c.id)).not.toContain('failures');
    expect(await page.textContent('#chart-failures')).toContain('No message failed.');
  }, 60_000);
});
