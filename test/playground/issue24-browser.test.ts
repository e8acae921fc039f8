/**
 * Issue 24 in the playground (headless Chromium): a scenario without `account:` or
 * `brand:` still has the account MPS and vetting controls (at their defaults); the
 * scenario's thresholds show with ✓/✗; the flow chart colours failed as the report does
 * (vermillion, never green); the time axis reads ISO dates. Same Chromium convention as
 * browser.test.ts: FAILS in CI without it, else skipped with the reason.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHART_COLOURS } from '../../src/report/html/palette.js';
import { isoTicks } from '../../src/playground/web/charts.js';
import { browserSuite, useChromium, screenshot } from '../helpers/chromium.js';
import { ARTIFACTS, fileUrl, openPage, writePlayground } from './helpers.js';


describe(browserSuite('playground, issue 24'), () => {
  let browser: Browser;
  useChromium((b) => (browser = b));

  it('otp-burst-tollfree: default MPS and vetting controls, thresholds with ✓/✗, report colours, ISO dates', async () => {
    const url = fileUrl(writePlayground('scenarios/otp-burst-tollfree.yaml', 'playground-otp.html'));
    const { page, problems } = await openPage(browser, url);
    expect(await page.getAttribute('html', 'data-state')).toBe('ready');
    expect(await page.getByLabel('Account MPS (SMS)', { exact: true }).inputValue()).toBe('5');
    expect(await page.getByLabel('Vetting score', { exact: true }).first().inputValue()).toBe('0');
    const thresholds = await page.locator('#thresholds li').allTextContents();
    expect(thresholds).toEqual(['✓ failed[420] == 695  observed 695', '✓ wait_max <= 60s  observed 60s']);
    // The flow chart's series strokes: submitted, delivered, failed as the report colours them.
    const strokes = await page.evaluate(() =>
      [...document.querySelectorAll('#chart-flow .u-legend .u-series .u-marker')].map((e) => getComputedStyle(e).borderColor),
    );
    const hex = (c: string): string => `#${(c.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
    const p = CHART_COLOURS.light.palette;
    expect(strokes.slice(-3).map(hex)).toEqual([p[0], p[2], p[4]]);
    await screenshot(page, join(ARTIFACTS, 'playground-otp-burst.png'), true);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});

describe('playground time axis', () => {
  it('the time axis reads ISO dates and 24-hour times (no browser needed)', () => {
    const at = Date.parse('2026-05-04T23:59:50Z') / 1000;
    const u = undefined as never;
    expect(isoTicks(u, [at, at + 10, at + 20], 0, 0, 10)).toEqual(['23:59:50\n2026-05-04', '00:00:00\n2026-05-05', '00:00:10']);
    expect(isoTicks(u, [at + 10, at + 70], 0, 0, 60)).toEqual(['00:00\n2026-05-05', '00:01']);
  });
});
