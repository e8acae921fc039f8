// Incidents on the HTML report's time charts (issue 14): the chart data lists them, and in
// a browser every time chart shades and labels them (skipped without /usr/bin/chromium).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { simulate } from '../../src/engine/simulate.js';
import { chartAssets } from '../../src/report/html/assets.js';
import { renderReport, reportData, reportObserver } from '../../src/report/html/report.js';
import { summarize } from '../../src/report/summary.js';
import { scenarioOf } from '../helpers/scenario.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

const yaml = `
start: 2026-05-05T12:00:00-04:00
duration: 20m
numbers: [{ id: tf, number: "+18885550001", type: toll_free, country: US, verified: true }]
traffic:
  - { name: otp, from: tf, expiry: 120, arrival: { kind: constant, rate: 2/s } }
incidents:
  - { kind: carrier_outage, carrier: tmobile, start: 5m, end: 10m }
  - { kind: provider_outage, start: 15m, end: 16m }
`;

function run() {
  const sc = scenarioOf(yaml);
  const series = reportObserver(sc);
  const result = simulate(sc, { observer: series });
  return { sc, series, result };
}

describe('incidents in the HTML report', () => {
  it('the chart data lists each incident with its label, start and end (s)', () => {
    const { result, series } = run();
    expect(reportData(result, series, summarize(result)).incidents).toEqual([
      { label: 'tmobile outage', start: 300, end: 600 },
      { label: 'provider outage', start: 900, end: 960 },
    ]);
  });

  it.skipIf(!existsSync(CHROMIUM))('every time chart shades and labels them; the page has no errors', async () => {
    const { result, series } = run();
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'incidents.html');
    writeFileSync(path, renderReport(result, series, chartAssets()));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      await page.waitForFunction(() => document.documentElement.hasAttribute('data-charts'));
      const marked = await page.evaluate(() =>
        [...document.querySelectorAll('[data-incidents]')].map((e) => [e.id, e.getAttribute('data-incidents')]),
      );
      expect(problems).toEqual([]);
      expect(marked.length).toBeGreaterThanOrEqual(2);
      for (const [, labels] of marked) expect(JSON.parse(labels!)).toEqual(['tmobile outage', 'provider outage']);
      expect(marked.map(([id]) => id)).not.toContain('chart-waits'); // the histogram has no time axis
    } finally {
      await browser.close();
    }
  }, 60_000);
});
