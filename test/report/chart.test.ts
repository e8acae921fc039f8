import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderDepthChart, resampleMax } from '../../src/report/chart.js';
import type { SeriesRow } from '../../src/report/timeseries.js';

const depthRow = (i: number, depths: number[]): SeriesRow => ({
  startMs: i * 1000, endMs: (i + 1) * 1000, submitted: 0, delivered: 0, deliveredByCarrier: [0, 0, 0, 0],
  failedByCode: [0, 0, 0, 0, 0, 0, 0], departures: [], depths, peakDepths: depths, caps: [],
});

async function cli(args: string[], columns?: number) {
  let out = '';
  let err = '';
  const code = await main(['node', 'a2psim', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), columns });
  return { code, out, err };
}

describe('terminal chart', () => {
  it('resamples keeping every column\'s maximum', () => {
    expect(resampleMax([1, 9, 2, 3, 8, 1], 3)).toEqual([9, 3, 8]);
    expect(resampleMax([1, 2], 5)).toEqual([1, 2]);
  });

  it('draws total depth over all stages, as wide as the terminal, with its peak', () => {
    const rows = Array.from({ length: 500 }, (_, i) => depthRow(i, i === 250 ? [700, 77] : [i % 10, 0]));
    for (const columns of [60, 80, 132]) {
      const text = renderDepthChart(rows, columns);
      const lines = text.trimEnd().split('\n');
      expect(lines[0]).toContain('peak 777');
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(columns);
      expect(Math.max(...lines.map((l) => l.length))).toBeGreaterThan(columns - 3);
      expect(lines.some((l) => l.trimStart().startsWith('777'))).toBe(true);
      expect(lines[lines.length - 1]).toMatch(/\+0s +\+8m 20s$/); // durations as the tables say them
    }
  });
});

describe('a2psim run --report / --chart', () => {
  it('writes a self-contained report atomically and prints the chart under the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2psim-run-'));
    const file = join(dir, 'report.html');
    const { code, out } = await cli(['run', 'scenarios/default.yaml', '--report', file, '--chart'], 100);
    expect(code).toBe(0);
    expect(existsSync(`${file}.partial`)).toBe(false);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('default-morning');
    const tableEnd = out.indexOf('By traffic');
    const chartAt = out.indexOf('Total queue depth');
    expect(tableEnd).toBeGreaterThan(0);
    expect(chartAt).toBeGreaterThan(tableEnd);
    // Depth at each interval's end, before what arrives at that instant (issue 24: intervals are [start, end)).
    expect(out.slice(chartAt)).toContain('peak 599');
  });

  it('defaults the chart to 80 columns', async () => {
    const { out } = await cli(['run', 'scenarios/default.yaml', '--chart']);
    const chart = out.slice(out.indexOf('Total queue depth')).trimEnd().split('\n');
    expect(Math.max(...chart.map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('rejects --chart with --format json (exit 2, one line)', async () => {
    const { code, err } = await cli(['run', 'scenarios/default.yaml', '--chart', '--format', 'json']);
    expect(code).toBe(2);
    expect(err).toBe('a2psim: --chart: the chart is drawn under the table, so it needs --format table, got "json"\n');
  });
});
