/**
 * The one parser of every numeric command-line option (`--seed`, `--replications`,
 * `--workers`, `--max-messages`, `--min`, `--max`, `--step`, a `--vary a..b:step` range,
 * `--serve PORT`): the exact-decimal rule of `--set` (see `scenario/numbers.ts`), then the
 * option's own range, with one message shape: `--flag: expected ..., got "text"`.
 */
import { decimalExpected, MAX_EXACT, readDecimal } from '../../scenario/numbers.js';
import { UsageError } from '../cli-errors.js';

/** The rules of one numeric option. */
export interface NumberRule {
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** Smallest and largest value allowed (default ±(2^53 − 1)). */
  readonly min?: number;
  readonly max?: number;
  /** Accept `1_000_000` and `1,000,000` (digit groups). */
  readonly grouping?: boolean;
  /** What to say the option expects (default: from the rule). */
  readonly expected?: string;
}

/** The expected-text of a rule: "an integer from 1 to 256", "a number". */
function expectedOf(rule: NumberRule): string {
  if (rule.expected !== undefined) return rule.expected;
  const min = rule.min ?? -MAX_EXACT;
  const max = rule.max ?? MAX_EXACT;
  const kind = rule.integer ? 'an integer' : 'a number';
  const tail = max === MAX_EXACT ? ' (2^53 - 1)' : '';
  return rule.min === undefined && rule.max === undefined && !rule.integer ? kind : `${kind} from ${min} to ${max}${tail}`;
}

/**
 * Parses a numeric option's text by `rule`.
 * @throws UsageError `FLAG: expected ..., got "TEXT"` for text that is not a number, one
 *   that would be rounded or is beyond ±(2^53 − 1), or one outside the rule.
 */
export function parseNumberOption(flag: string, text: string, rule: NumberRule = {}): number {
  const r = readDecimal(text, rule.grouping);
  if ('problem' in r) {
    const bounded = rule.min !== undefined || rule.max !== undefined;
    const expected = r.problem === 'precision' || (r.problem === 'range' && !bounded) ? decimalExpected(r.problem) : expectedOf(rule);
    throw new UsageError(`${flag}: expected ${expected}, got ${JSON.stringify(text)}`);
  }
  const v = r.value;
  if ((rule.integer && !Number.isInteger(v)) || v < (rule.min ?? -MAX_EXACT) || v > (rule.max ?? MAX_EXACT)) {
    throw new UsageError(`${flag}: expected ${expectedOf(rule)}, got ${JSON.stringify(text)}`);
  }
  return v;
}
