import { expect } from 'vitest';
import { summarize, type Summary } from '../../src/report/summary.js';
import { parseScenario } from '../../src/scenario/load.js';
import { simulate, type SimulateOptions } from '../../src/engine/simulate.js';
import type { MessageRecord } from '../../src/engine/types.js';
import type { Scenario } from '../../src/scenario/model.js';

/** Parses a scenario written inline in a test. */
export function scenarioOf(yaml: string, set: string[] = []): Scenario {
  return parseScenario(yaml, 'test.yaml', { set });
}

/** Runs a scenario and collects every message record. */
export function runRecords(sc: Scenario, options: SimulateOptions = {}) {
  const records: MessageRecord[] = [];
  const result = simulate(sc, { ...options, sink: { write: (r) => records.push(r) } });
  return { result, records };
}

/** Dispatch times in seconds of delivered records, in submission order. */
export const dispatchSeconds = (records: MessageRecord[]): number[] =>
  records.filter((r) => r.status === 'delivered').map((r) => (r.dispatchedMs as number) / 1000);

/**
 * Nothing is lost: every submitted message (every attempt, with retries) ends delivered,
 * failed or queued, in the total and in every carrier, sender and traffic scope, and each
 * has one record.
 */
export function expectConserved({ result, records }: ReturnType<typeof runRecords>): void {
  const t = result.total;
  expect(t.delivered + t.failed + t.queued).toBe(t.submitted);
  expect(records).toHaveLength(t.submitted);
  for (const scope of [...result.byCarrier, ...result.bySender, ...result.byTraffic]) {
    expect(scope.delivered + scope.failed + scope.queued).toBe(scope.submitted);
  }
}

/**
 * The FAQ's burst: 100 SMS at once from one toll-free number (5 MPS) with expiry 10 s →
 * submitted 100, delivered 55, failed 45 (420), wait p95 10 s, drain time 10 s.
 */
export function faqBurstSummary(): Summary {
  return summarize(
    runRecords(
      scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: burst, from: [tf1], arrival: { kind: burst, count: 100 }, expiry: 10 }
`),
    ).result,
  );
}
