/**
 * The files a scenario makes a command read besides itself, for the output guard
 * (`output-guard.ts`): its replay files, found from the loaded scenario without reading them.
 */
import type { Scenario } from '../../scenario/model.js';
import { replayPath } from '../../traffic/replay.js';
import type { NamedFile } from './output-paths.js';

/** The replay files `scenario` reads, named `a replay file`. */
export function replayInputs(scenario: Scenario): NamedFile[] {
  return scenario.traffic.filter((t) => t.arrival.kind === 'replay').map((t) => ({ path: replayPath(scenario, t), role: 'a replay file' }));
}
