// A large burst (many messages due at one instant) is sliced like any other work, so that
// Ctrl-C is heard within a slice (issue 11: it used to be ignored for the whole burst).
import { describe, expect, it } from 'vitest';
import { BURST_SLICE, startSimulation } from '../../src/engine/simulate.js';
import type { MessageRecord } from '../../src/engine/types.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

const COUNT = 5 * BURST_SLICE + 7;
const burst = () =>
  scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: big, from: [tf1], arrival: { kind: burst, count: ${COUNT} }, expiry: 10799 }
  - { name: later, from: [tf1], arrival: { kind: burst, at: 1s, count: 3 } }
`);

describe('a burst larger than a slice', () => {
  it('pauses inside the burst when the slice is used up', () => {
    const run = startSimulation(burst());
    expect(run.advance(100)).toBe(false);
    expect(run.submitted).toBeGreaterThan(0);
    expect(run.submitted).toBeLessThanOrEqual(BURST_SLICE);
  });

  it('stops inside the burst when asked to', () => {
    let asked = 0;
    const run = startSimulation(burst(), { shouldStop: () => ++asked > 1 });
    expect(run.advance(Infinity)).toBe(true);
    const result = run.finish();
    expect(result.interrupted).toBe(true);
    expect(result.total.submitted).toBeLessThan(COUNT);
    expect(result.total.submitted).toBe(result.total.delivered + result.total.failed + result.total.queued);
  });

  let unsliced: MessageRecord[] | undefined;
  it.each([1, 3, 1000])('gives exactly the unsliced records, sliced every %i events', (slice) => {
    const sc = burst();
    const whole = (unsliced ??= runRecords(sc).records);
    const sliced: MessageRecord[] = [];
    const run = startSimulation(sc, { sink: { write: (r) => sliced.push(r) } });
    while (!run.advance(slice));
    run.finish();
    expect(sliced).toEqual(whole);
    expect(whole).toHaveLength(COUNT + 3);
  }, 60_000);
});

describe('an interrupted run', () => {
  it('does not write the records of the messages still in flight (they are thrown away)', () => {
    const written: MessageRecord[] = [];
    let asked = 0;
    const run = startSimulation(burst(), { sink: { write: (r) => written.push(r) }, shouldStop: () => ++asked > 1 });
    run.advance(Infinity);
    const result = run.finish();
    expect(result.interrupted).toBe(true);
    expect(result.total.queued).toBeGreaterThan(0);
    expect(written.length).toBe(result.total.delivered + result.total.failed);
  });
});
