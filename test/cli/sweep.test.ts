import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { SWEEP_METRICS, cheapestPoint, gridPoints, parseVary } from '../../src/check/sweep.js';

const OTP = ['sweep', 'scenarios/otp-burst-tollfree.yaml', '--expect', 'failed[420] == 0'];

describe('sweep grid', () => {
  it.each([
    ['account.mps.sms=5,10,25', { path: 'account.mps.sms', values: ['5', '10', '25'] }],
    ['numbers[0].count=2..10:4', { path: 'numbers[0].count', values: ['2', '6', '10'] }],
    ['brand.vetting_score=1..3', { path: 'brand.vetting_score', values: ['1', '2', '3'] }],
    ['traffic[0].arrival.rate=5/s,10/s', { path: 'traffic[0].arrival.rate', values: ['5/s', '10/s'] }],
  ])('%s', (spec, vary) => expect(parseVary(spec)).toEqual(vary));

  it('is the product of the lists, the first --vary outermost', () => {
    expect(gridPoints([{ path: 'a', values: ['1', '2'] }, { path: 'b', values: ['x', 'y', 'z'] }])).toEqual([
      ['1', 'x'], ['1', 'y'], ['1', 'z'], ['2', 'x'], ['2', 'y'], ['2', 'z'],
    ]);
  });

  it('the cheapest passing point asks least of every parameter', () => {
    const params = [{ path: 'a', values: [1, 2, 3] }, { path: 'b', values: [10, 20] }];
    const pt = (index: number, a: number, b: number, pass: boolean) => ({ index, values: { a, b }, pass, failed: [], bottleneck: '', metrics: {} });
    // Positions scaled to 0..1: (a=1, b=20) costs 0 + 1, (a=2, b=10) costs 0.5 + 0.
    expect(cheapestPoint([pt(0, 1, 10, false), pt(1, 1, 20, true), pt(2, 2, 10, true), pt(3, 3, 20, true)], params)).toBe(2);
    expect(cheapestPoint([pt(0, 1, 10, false), pt(1, 1, 20, true), pt(3, 3, 20, true)], params)).toBe(1);
    expect(cheapestPoint([pt(0, 1, 10, false)], params)).toBeNull();
  });
});

describe('a2psim sweep', () => {
  it('prints a tidy CSV: one row per point and metric, pass and cheapest marked', async () => {
    const r = await cli(...OTP, '--vary', 'account.mps.sms=5,10,17,20');
    expect(r.code).toBe(0);
    const rows = parse(r.out, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4 * SWEEP_METRICS.length);
    const at = (sms: string, metric: string) => rows.find((x) => x['account.mps.sms'] === sms && x.metric === metric)!;
    expect(at('5', 'delivered')).toEqual({ point: '0', 'account.mps.sms': '5', metric: 'delivered', mean: '305', ci95_half_width: '', pass: 'false', cheapest: 'false' });
    expect(at('17', 'failed[420]')).toMatchObject({ mean: '0', pass: 'true', cheapest: 'true' });
    expect(at('20', 'failed[420]')).toMatchObject({ pass: 'true', cheapest: 'false' });
  });

  it('a grid larger than one batch of jobs: every point in order (delivered = min(1000, 61 × MPS))', async () => {
    const r = await cli('sweep', 'scenarios/otp-burst-tollfree.yaml', '--vary', 'account.mps.sms=1..70', '--metric', 'delivered', '--format', 'json', '--workers', '1');
    const j = JSON.parse(r.out);
    expect(j.points.map((p: { index: number }) => p.index)).toEqual(Array.from({ length: 70 }, (_, i) => i));
    expect(j.points.map((p: { metrics: { delivered: { mean: number } } }) => p.metrics.delivered.mean)).toEqual(Array.from({ length: 70 }, (_, i) => Math.min(1000, 61 * (i + 1))));
  }, 60_000);

  it('JSON: every point with its values, verdict, bottleneck and metrics; exit 1 when no point passes', async () => {
    const r = await cli(...OTP, '--vary', 'account.mps.sms=5,10', '--vary', 'traffic[0].expiry=30,60', '--format', 'json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.parameters).toEqual([{ path: 'account.mps.sms', values: [5, 10] }, { path: 'traffic[0].expiry', values: [30, 60] }]);
    expect(j.points.map((p: { values: unknown }) => p.values)).toEqual([
      { 'account.mps.sms': 5, 'traffic[0].expiry': 30 },
      { 'account.mps.sms': 5, 'traffic[0].expiry': 60 },
      { 'account.mps.sms': 10, 'traffic[0].expiry': 30 },
      { 'account.mps.sms': 10, 'traffic[0].expiry': 60 },
    ]);
    // By what-if (issue 24): the point's first run again with each limit relaxed.
    expect(j.points[1]).toMatchObject({ pass: false, bottleneck: 'account SMS MPS: raising it ×10 (5/s → 50/s): 0 failed instead of 695, drains in 19s instead of 1m' });
    expect(j.points[1].metrics.delivered).toEqual({ mean: 305, half_width: null });
    expect(j.cheapest).toBeNull();
    expect(j.scenario_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('with replications, reports the mean and its 95% half-width', async () => {
    const r = await cli('sweep', 'test/fixtures/solve/poisson-queue.yaml', '--vary', 'account.mps.sms=8,12', '--replications', '3', '--format', 'json');
    const j = JSON.parse(r.out);
    expect(j.seeds).toHaveLength(3);
    expect(j.points[0].metrics.submitted.half_width).toBeGreaterThan(0);
  });

  it('writes an HTML report: line charts for one parameter, a heatmap for two, the cheapest point starred', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2psim-sweep-'));
    await cli(...OTP, '--vary', 'account.mps.sms=10,17,20', '--report', join(dir, 'one.html'), '--out', join(dir, 'one.csv'));
    const one = readFileSync(join(dir, 'one.html'), 'utf8');
    expect(one).toContain('<div id="charts"></div>');
    expect(one).toContain('Cheapest passing point (★): account.mps.sms = 17');
    expect(readFileSync(join(dir, 'one.csv'), 'utf8')).toMatch(/^point,account\.mps\.sms,metric/);
    await cli(...OTP, '--vary', 'account.mps.sms=10,20', '--vary', 'traffic[0].expiry=30,60', '--report', join(dir, 'two.html'), '--out', join(dir, 'two.csv'));
    const two = readFileSync(join(dir, 'two.html'), 'utf8');
    expect(two).toContain('<table class="heat">');
    expect(two.match(/class="(pass|fail)[^"]*" title=/g)).toHaveLength(4);
    expect(two).toContain('class="pass best"');
  });

  it.each([
    [['--vary', 'account.mps.sms'], 'a2psim: --vary: expected PATH=v1,v2,... or PATH=a..b:step, got "account.mps.sms"\n'],
    [['--vary', 'account.mps.sms=1,,2'], 'a2psim: --vary account.mps.sms: expected a list of values v1,v2,... or a range a..b:step, got "1,,2"\n'],
    [['--vary', 'traffic[0].expiry=1,60'], 'a2psim: --set traffic[0].expiry: expected an integer from 5 to 10799, got 1\n'],
    [['--vary', 'a=1', '--vary', 'a=2'], 'a2psim: --vary: expected each path once, got a twice\n'],
    [[], 'a2psim: --vary: expected at least one PATH=v1,v2,... or PATH=a..b:step, got none\n'],
  ])('exit 2 for %j', async (args, message) => {
    const r = await cli(...OTP, ...args);
    expect([r.code, r.err, r.out]).toEqual([2, message, '']);
  });
});
