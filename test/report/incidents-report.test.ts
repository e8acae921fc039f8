// Incidents on the HTML report's time charts (issue 14): the chart data lists them, and in
// a browser every time chart shades and labels them (without Chromium (test/helpers/chromium.ts): FAILS in CI,
// else skipped with the reason, test/helpers/chromium.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { chartAssets } from '../../src/report/html/assets.js';
import { renderReport, reportData, reportObserver } from '../../src/report/html/report.js';
import { summarize } from '../../src/report/summary.js';
import { scenarioOf } from '../helpers/scenario.js';
import { browserSuite, useChromium } from '../helpers/chromium.js';

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
});

describe(browserSuite('incidents in the HTML report, in a browser'), () => {
  const chromium = useChromium(undefined, () => void mkdirSync(ARTIFACTS, { recursive: true }));

  it('every time chart shades and labels them; the page has no errors', async () => {
    const { result, series } = run();
    const path = join(ARTIFACTS, 'incidents.html');
    writeFileSync(path, renderReport(result, series, chartAssets()));
    const { page, problems } = await chromium.open(path);
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-charts'));
    const marked = await page.evaluate(() =>
      [...document.querySelectorAll('[data-incidents]')].map((e) => [e.id, e.getAttribute('data-incidents')]),
    );
    expect(problems).toEqual([]);
    expect(marked.length).toBeGreaterThanOrEqual(2);
    for (const [, labels] of marked) expect(JSON.parse(labels!)).toEqual(['tmobile outage', 'provider outage']);
    expect(marked.map(([id]) => id)).not.toContain('chart-waits'); // the histogram has no time axis
  }, 60_000);
});
