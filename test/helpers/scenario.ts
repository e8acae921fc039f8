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
