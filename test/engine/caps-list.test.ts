// Daily caps as a list (issue 22 item 1): each cap counts on the days of its own zone and
// fails with its own code; a deferred attempt waits for the next day of the cap that failed
// it, found by the cap itself, even when two caps share one failure code.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/model.js';
import { summarize } from '../../src/report/summary.js';
import { SeriesCollector, seriesCells, seriesColumns } from '../../src/report/timeseries.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

// 23:58 PDT on 2026-06-10 is 06:58 UTC on 2026-06-11: the Pacific day ends in 120 s, the
// UTC day in 17 h 2 min (61,320 s).
const PACIFIC_MIDNIGHT_MS = 120_000;
const UTC_MIDNIGHT_MS = 61_320_000;

const yaml = (carriers: string) => `
start: 2026-06-10T23:58:00-07:00
account: { mps: { sms: 100 } }
brand: { vetting_score: 80, campaigns: [{ id: m, use_case: marketing }] }
rules: { tpd: 3 }
numbers: [{ id: lc, number: "+14155550101", type: long_code, country: US, campaign: m }]
traffic:
  - { name: blast, from: lc, carriers: { ${carriers} }, arrival: { kind: burst, count: 5 }, on_daily_cap: defer }
`;

/** The scenario with a second cap toward AT&T, 3 a day on UTC days, failing with T-Mobile's code. */
function twoCaps(carriers: string): Scenario {
  const sc = scenarioOf(yaml(carriers));
  const att = { name: 'att', carrier: 'att', cap: 3, countBy: 'messages', zone: 'UTC', code: 'tmobile_daily_cap' } as const;
  return { ...sc, rules: { ...sc.rules, dailyCaps: [...sc.rules.dailyCaps, att] } };
}

describe('two daily caps sharing one failure code', () => {
  it('an attempt failed by the second cap is deferred to that cap\'s next day (UTC), not the first\'s (Pacific)', () => {
    const { result, records } = runRecords(twoCaps('att: 1'));
    expect(records.map((r) => [r.attempt, r.submitMs, r.status, r.code])).toEqual([
      [1, 0, 'delivered', null], [1, 0, 'delivered', null], [1, 0, 'delivered', null],
      [1, 0, 'failed', 'tmobile_daily_cap'], [1, 0, 'failed', 'tmobile_daily_cap'],
      [2, UTC_MIDNIGHT_MS, 'delivered', null], [2, UTC_MIDNIGHT_MS, 'delivered', null],
    ]);
    expect(result.messages).toEqual({ total: 5, delivered: 5, failed: 0, queued: 0, resubmitted: 2 });
    expect(result.dailyCaps.map((c) => [c.name, c.days.map((d) => [d.day, d.used, d.rejected])])).toEqual([
      ['tmobile', []],
      ['att', [['2026-06-11', 3, 2], ['2026-06-12', 2, 0]]],
    ]);
  });

  it('an attempt failed by the first cap is still deferred to the first cap\'s next day', () => {
    const { records } = runRecords(twoCaps('tmobile: 1'));
    expect(records.filter((r) => r.attempt === 2).map((r) => r.submitMs)).toEqual([PACIFIC_MIDNIGHT_MS, PACIFIC_MIDNIGHT_MS]);
  });

  it('the summary, the tick snapshots and the time series carry every cap by name', () => {
    const series = new SeriesCollector(60_000);
    const { result } = runRecords(twoCaps('att: 1'), { observer: series });
    const s = summarize(result);
    expect(Object.keys(s.daily_cap)).toEqual(['tmobile', 'att']);
    expect(s.daily_cap.att.map((d) => [d.day, d.cap, d.used, d.rejected])).toEqual([['2026-06-11', 3, 3, 2], ['2026-06-12', 3, 2, 0]]);
    const columns = seriesColumns(result.network);
    expect(columns.slice(-6)).toEqual(['tmobile_day', 'tmobile_day_used', 'tmobile_day_cap', 'att_day', 'att_day_used', 'att_day_cap']);
    const first = seriesCells(series.rows[0], result.network, result.scenario.startEpochMs);
    expect(first.slice(-6)).toEqual(['', 0, 0, '2026-06-11', 3, 3]);
    expect(series.rows[0].caps.map((c) => c.name)).toEqual(['tmobile', 'att']);
  });
});
