// Stop signals are heard in the two places that used to ignore them (issue 11): inside a
// large burst and during the retention rewrite at the end. Small inputs and a slowed
// observer stand in for big runs; the signal is emitted in-process.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { executeInteractive } from '../../src/cli/run/interactive.js';
import { SeriesCollector } from '../../src/report/timeseries.js';
import type { TickSnapshot } from '../../src/engine/types.js';
import { scenarioOf } from '../helpers/scenario.js';

const io = { stdout: () => {}, stderr: () => {} };
const tmp = () => mkdtempSync(join(tmpdir(), 'a2psim-signals-'));

/** Busy-waits `ms` of wall time: a stand-in for a slow machine. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

class SlowSubmits extends SeriesCollector {
  override onSubmit(): void {
    super.onSubmit();
    spin(0.1);
  }
}

describe('a stop signal during a large burst', () => {
  it('is heard within a slice of the burst, not after it', async () => {
    const count = 40_000; // 4 s of slowed submissions in one burst
    const sc = scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: big, from: [tf1], arrival: { kind: burst, count: ${count} } }
`);
    const dir = tmp();
    const sentAt: number[] = [];
    const timer = setTimeout(() => {
      sentAt.push(performance.now());
      process.emit('SIGINT');
    }, 200);
    const { result, signal } = await executeInteractive(sc, { format: 'table', set: [], messages: join(dir, 'm.csv') }, io, new SlowSubmits(60_000));
    clearTimeout(timer);
    const heardAfterMs = performance.now() - sentAt[0];
    expect(signal).toBe('SIGINT');
    expect(result.interrupted).toBe(true);
    expect(result.total.submitted).toBeLessThan(count / 2);
    expect(heardAfterMs).toBeLessThan(3000);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

class SignalAtEnd extends SeriesCollector {
  constructor(private readonly signal: NodeJS.Signals) {
    super(3_600_000);
  }
  override onTick(atMs: number, snap: TickSnapshot): void {
    super.onTick(atMs, snap);
    // The end of the run: the next thing is the retention rewrite of the message CSV.
    if (snap.final) process.emit(this.signal);
  }
}

describe('a stop signal during the retention rewrite', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s stops it and removes every partial file', async (name) => {
    // 8 days at one message a minute: 11,520 rows, rewritten in batches for retention.
    const sc = scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: slow, from: [tf1], arrival: { kind: constant, rate: 1/min } }
duration: 8d
`);
    const dir = tmp();
    const opts = { format: 'table', set: [], messages: join(dir, 'm.csv'), report: join(dir, 'r.html') };
    const { result, signal } = await executeInteractive(sc, opts, io, new SignalAtEnd(name));
    expect(signal).toBe(name);
    expect(result.interrupted).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
