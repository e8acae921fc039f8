/**
 * The sweep report in headless Chromium: its script (src/check/web/sweep-client.ts, bundled
 * and inlined) draws a line chart per key metric of a one-parameter sweep, with no console
 * error and no request; a two-parameter sweep has a heatmap and no chart to draw. Without
 * Chromium: FAILS in CI, else skipped (test/helpers/chromium.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { browserSuite, useChromium, type BrowserSuite } from '../helpers/chromium.js';

const OTP = ['sweep', 'scenarios/otp-burst-tollfree.yaml', '--expect', 'failed[420] == 0', '--workers', '1'];

/** Opens the page at `path`: what the script set on `<html>`, the charts drawn, and every problem seen. */
async function open(chromium: BrowserSuite, path: string) {
  const { page, problems } = await chromium.open(path);
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll('#charts .chart')].map((box) => {
      const canvas = box.querySelector('canvas');
      const px = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
      // Pixels of the metric's line (#1d6fd8) and of the passing points (#1a7f37).
      const near = (i: number, rgb: number[]): boolean => px[i + 3] > 200 && Math.abs(px[i] - rgb[0]) + Math.abs(px[i + 1] - rgb[1]) + Math.abs(px[i + 2] - rgb[2]) < 30;
      let line = 0, pass = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (near(i, [0x1d, 0x6f, 0xd8])) line++;
        if (near(i, [0x1a, 0x7f, 0x37])) pass++;
      }
      return { title: box.querySelector('h3')?.textContent, legend: [...box.querySelectorAll('.u-legend .u-label')].map((l) => l.textContent), line, pass };
    }),
  );
  const drawn = await page.getAttribute('html', 'data-charts');
  return { drawn, charts, problems };
}

describe(browserSuite('sweep report in a browser'), () => {
  const chromium = useChromium();
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-sweep-page-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('one parameter: a line chart per key metric, its passing points marked; no error, no request', async () => {
    const path = join(dir, 'one.html');
    expect((await cli(...OTP, '--vary', 'account.mps.sms=10,17,20', '--report', path, '--out', join(dir, 'one.csv'))).code).toBe(0);
    const { drawn, charts, problems } = await open(chromium, path);
    expect(problems).toEqual([]);
    expect(drawn).toBe('3');
    expect(charts.map((c) => [c.title, c.legend])).toEqual(
      ['delivered_ratio', 'wait_p95', 'drain_time'].map((m) => [m, ['account.mps.sms', m, 'passing points']]),
    );
    for (const c of charts) {
      expect(c.line, c.title!).toBeGreaterThan(50);
      expect(c.pass, c.title!).toBeGreaterThan(20);
    }
  });

  it('two parameters: the heatmap only, no chart and no error', async () => {
    const path = join(dir, 'two.html');
    await cli(...OTP, '--vary', 'account.mps.sms=10,20', '--vary', 'traffic[0].expiry=30,60', '--report', path, '--out', join(dir, 'two.csv'));
    const { drawn, charts, problems } = await open(chromium, path);
    expect(problems).toEqual([]);
    expect(drawn).toBeNull();
    expect(charts).toEqual([]);
  });
});
