// Smoke test of `npm run bench` at small size (`npm run test:slow`, not `npm test`: it runs
// six child processes and about 60,000 messages, ~25 s of two cores — issue 23): every
// benchmark runs and the JSON report has the documented shape. No timing is asserted (CI
// machines vary); the explicit timeout is for a loaded machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench (small)', () => {
  it('runs every benchmark and writes the results table as JSON', () => {
    const out = join(dir, 'results.json');
    const r = spawnSync(process.execPath, ['test/bench/run.js', '--small', '--out', out], { encoding: 'utf8', timeout: 110_000 });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/benchmark\s+messages\s+wall s\s+messages\/s\s+peak RSS MB/);
    expect(r.stdout).toMatch(/md1 mean wait \(s\): 0\.\d+/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.scale).toBe('small');
    expect(report.machine).toEqual({
      nproc: expect.any(Number),
      cpu: expect.any(String),
      node: process.version,
      platform: expect.any(String),
    });
    expect(report.results.map((x: { name: string }) => x.name)).toEqual([
      'md1', 'md1-110', 'us-day@2k', 'us-day@6k', 'us-day@20k', 'us-day@20k+csv',
    ]);
    for (const x of report.results) {
      expect(x.messages).toBeGreaterThan(0);
      expect(x.wallSeconds).toBeGreaterThan(0);
      expect(x.messagesPerSecond).toBeGreaterThan(0);
      expect(x.peakRssMb).toBeGreaterThan(0);
      const t = x.summary.totals;
      expect(t.submitted).toBe(t.delivered + t.failed + t.queued);
    }
    const csv = report.results.find((x: { csv: boolean }) => x.csv);
    expect(csv.csvBytes).toBeGreaterThan(csv.messages * 100);
    // Scaling rows grow with the factor (2k / 6k / 20k nominal).
    const sizes = report.results.slice(2, 5).map((x: { messages: number }) => x.messages);
    expect(sizes[0] / sizes[2]).toBeCloseTo(0.1, 1);
    expect(report.checks.map((c: { name: string }) => c.name)).toContain('md1 mean wait (s)');
    // Ratio pairs of issue 16, CPU time beside wall time, and the machine's load.
    expect(r.stdout).toMatch(/message CSV \(us-day 100k\): --messages vs without +[\d.]+ → [\d.]+ +[\d.]+× +[\d.]+ → [\d.]+ +[\d.]+×/);
    expect(r.stdout).toMatch(/start-up: a2psim --version vs node -e 0 .*≤ 2×/);
    expect(r.stdout).toMatch(/load average \(1\/5\/15 min\): [\d.]+ [\d.]+ [\d.]+ before/);
    expect(report.ratios.map((x: { target: number }) => x.target)).toEqual([2, 2, 3]);
    for (const x of report.ratios) {
      expect(x.a.wallSeconds).toBeGreaterThan(0);
      expect(x.b.cpuSeconds).toBeGreaterThan(0);
      expect(x.wallRatio).toBeCloseTo(x.b.wallSeconds / x.a.wallSeconds, 1);
    }
    expect(report.ratios[0].csvBytes).toBeGreaterThan(report.results[4].messages * 100);
    expect(report.load.before).toHaveLength(3);
    // Replay ratios (test/bench/replay.js): wall and CPU time side by side, one run.
    expect(report.replay.results.map((x: { name: string }) => x.name)).toEqual([
      'generated', 'replay own CSV', 'replay own CSV shuffled', 'replay MDR', 'replay MDR newest first', 'generated big', 'replay own CSV big',
    ]);
    for (const x of report.replay.results) expect(x.cpuSeconds).toBeGreaterThan(0);
    expect(report.replay.results[1].messages).toBe(report.replay.results[0].messages);
    expect(r.stdout).toMatch(/replay own CSV \/ generated: wall [\d.]+x, CPU [\d.]+x/);
    // Worker pool (issue 13): the realistic sweep and the M/D/1 one, on 1 and on 2+ workers, same bytes.
    expect(report.sweepPool.sweeps.map((x: { name: string }) => x.name)).toEqual(['us-day', 'md1']);
    for (const x of report.sweepPool.sweeps) {
      expect(x).toMatchObject({ points: 40, identical: true, one: { workers: 1 }, many: { workers: report.sweepPool.workers } });
      expect(x.messages).toBeGreaterThan(40 * 4_000);
      for (const side of [x.one, x.many]) {
        expect(side.runs).toHaveLength(report.sweepPool.reps);
        expect(side.jobsSeconds).toBeGreaterThan(0);
        expect(side.jobsSeconds).toBeLessThan(side.wallSeconds);
        expect(side.cpuSeconds).toBeGreaterThan(0);
      }
      expect(x.jobsSpeedUp).toBeCloseTo(x.one.jobsSeconds / x.many.jobsSeconds, 2);
    }
    // The machine's own bound: N one-worker sweeps at once as separate processes.
    const copies = report.sweepPool.sweeps[0].copies;
    expect(copies.runs).toHaveLength(report.sweepPool.reps);
    expect(copies.speedUp).toBeCloseTo((copies.processes * report.sweepPool.sweeps[0].one.wallSeconds) / copies.wallSeconds, 2);
    expect(r.stdout).toMatch(/machine bound: \d+ one-worker sweeps at once as separate processes end in [\d.]+ s \[[\d. ]+\]: [\d.]+× the work of one/);
    expect(r.stdout).toMatch(/worker pool, us-day: sweep of 40 points, [\d,]+ messages in all/);
    expect(r.stdout).toMatch(/speed-up: process wall [\d.]+×, sweep in-process [\d.]+× \(load average before [\d. ]+, after [\d. ]+\); outputs identical: true/);
  }, 120_000);

});
