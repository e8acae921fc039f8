/**
 * Refuses, before anything runs, a run that cannot fit: more messages in flight than the
 * engine can hold, or more messages in all than `--max-messages` (default one billion: a
 * long run; raise it on purpose). Both are estimates from the scenario (see
 * `scenario/limits.ts`); the message names the estimate and the limit.
 */
import { BYTES_PER_IN_FLIGHT, MAX_IN_FLIGHT } from '../../engine/in-flight.js';
import { estimateRun } from '../../scenario/limits.js';
import type { Scenario } from '../../scenario/model.js';
import { UsageError } from '../cli-errors.js';
import { parseNumberOption } from './number-option.js';

/** Default of `--max-messages`. */
export const DEFAULT_MAX_MESSAGES = 1_000_000_000;

const n = (x: number): string => x.toLocaleString('en-US');
const gb = (messages: number): string => `${Number(((messages * BYTES_PER_IN_FLIGHT) / 1e9).toPrecision(2)).toLocaleString('en-US')} GB`;

/** Parses `--max-messages`: a whole number >= 1 (digits, `_` or `,` separators, or `1e9`). */
export function parseMaxMessages(v: string | undefined): number {
  if (v === undefined) return DEFAULT_MAX_MESSAGES;
  return parseNumberOption('--max-messages', v, { integer: true, min: 1, grouping: true, expected: `a whole number from 1 to ${Number.MAX_SAFE_INTEGER} (2^53 - 1)` });
}

/**
 * @throws UsageError `FILE: expected a run of at most N messages (--max-messages), got an estimated M`
 *   or the same for messages in flight at once.
 */
export function checkRunSize(scenario: Scenario, maxMessages: number): void {
  const where = scenario.file ?? scenario.name;
  const { messages, peakInFlight } = estimateRun(scenario);
  if (peakInFlight > MAX_IN_FLIGHT) {
    throw new UsageError(
      `${where}: expected at most ${n(MAX_IN_FLIGHT)} messages in flight at once (${gb(MAX_IN_FLIGHT)}), ` +
        `got an estimated ${n(peakInFlight)} (${gb(peakInFlight)}); spread bursts out or shorten expiry`,
    );
  }
  if (messages > maxMessages) {
    throw new UsageError(`${where}: expected a run of at most ${n(maxMessages)} messages (--max-messages), got an estimated ${n(messages)}`);
  }
}
