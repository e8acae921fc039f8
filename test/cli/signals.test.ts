// Stop signals are heard in the two places that used to ignore them (issue 11): inside a
// large burst and during the retention rewrite at the end. Small inputs, a wall clock that
// runs fast (as test/helpers/slow-machine.js makes it for the spawned CLI) and a signal sent
// from the event loop once the burst is under way stand in for big runs on a slow machine;
// the signal is emitted in-process.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it, vi } from 'vitest';
import { executeInteractive } from '../../src/cli/run/interactive.js';
import { SeriesCollector } from '../../src/report/timeseries.js';
import type { TickSnapshot } from '../../src/engine/types.js';
import { scenarioOf } from '../helpers/scenario.js';

const io = { stdout: () => {}, stderr: () => {} };
const tmp = () => mkdtempSync(join(tmpdir(), 'a2psim-signals-'));

/** Sends SIGINT from the event loop's next turn once `after` messages of the burst are submitted. */
class SignalInBurst extends SeriesCollector {
  submits = 0;
  constructor(private readonly after: number) {
    super(60_000);
  }
  override onSubmit(): void {
    super.onSubmit();
    // Heard only if the run goes back to the event loop within the burst.
    if (++this.submits === this.after) setImmediate(() => process.emit('SIGINT'));
  }
}

describe('a stop signal during a large burst', () => {
  it('is heard within a slice of the burst, not after it', async () => {
    const count = 40_000;
    const sc = scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: big, from: [tf1], arrival: { kind: burst, count: ${count} } }
`);
    const dir = tmp();
    // Each reading of the clock 20 ms after the one before: the run goes back to the event
    // loop every few slices of events, as on a slow machine (interactive.ts TURN_MS).
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 20));
    try {
      const { result, signal } = await executeInteractive(sc, { format: 'table', set: [], messages: join(dir, 'm.csv') }, io, new SignalInBurst(100));
      expect(signal).toBe('SIGINT');
      expect(result.interrupted).toBe(true);
      expect(result.total.submitted).toBeLessThan(count / 2);
    } finally {
      now.mockRestore();
    }
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
