import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { SeriesCollector } from '../../src/report/timeseries.js';
import { scenarioOf } from '../helpers/scenario.js';

const burst = scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, at: 500ms, count: 10 } }
`);

describe('SeriesCollector', () => {
  it('counts per interval, with the queue at the end and its peak within the interval', () => {
    const series = new SeriesCollector(2000);
    const result = simulate(burst, { observer: series });
    const account = result.network.stages.find((s) => s.name === 'account:sms')!.id;
    const [first] = series.rows;
    expect(first).toMatchObject({ startMs: 0, endMs: 2000, submitted: 10, delivered: 10 });
    // 5 leave at 0.5 s, 5 wait for 1.5 s: the queue is empty at 2 s but held 5 in between.
    expect(first.depths[account]).toBe(0);
    expect(first.peakDepths[account]).toBe(5);
    expect(series.rows.reduce((n, r) => n + r.delivered, 0)).toBe(result.total.delivered);
  });
});
