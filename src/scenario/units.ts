/**
 * Pure parsers of the scenario's duration and rate notations. Each throws a
 * {@link UnitError} (carrying the `expected` text) that the loader turns into a
 * positioned ScenarioError.
 */

/** A value that does not parse; `expected` is the phrase for the error message. */
export class UnitError extends Error {
  readonly expected: string;
  constructor(expected: string) {
    super(`expected ${expected}`);
    this.name = 'UnitError';
    this.expected = expected;
  }
}

/** Milliseconds per duration unit. */
export const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Milliseconds per rate unit (`N/s`, `N/min`, `N/h`, `N/day`). */
export const RATE_UNITS_MS: Readonly<Record<string, number>> = {
  s: 1000,
  min: 60_000,
  h: 3_600_000,
  day: 86_400_000,
};

export const DURATION_EXPECTED =
  'a duration such as "90s", "5m", "2h", "1d", "4500ms" or a number of seconds';
export const RATE_EXPECTED = 'a rate such as "5/s", "15/min", "10/h", "200000/day" or a number per second';

/** A duration as text: an amount and a unit (`90s`, `1.5h`); the loader's and the JSON Schema's one form. */
export const DURATION_FORM = /(\d+(?:\.\d+)?|\.\d+)(ms|s|min|m|h|d)/.source;
/** A rate as text: an amount per unit (`5/s`, `200000/day`). */
export const RATE_FORM = /(\d+(?:\.\d+)?|\.\d+)\/(s|min|h|day)/.source;
const DURATION_RE = new RegExp(`^${DURATION_FORM}$`);
const RATE_RE = new RegExp(`^${RATE_FORM}$`);
const TOLERANCE = 1e-9;

/** Rounds `x` to an integer when it is within floating-point noise of one. */
function snapInteger(x: number): number | undefined {
  const r = Math.round(x);
  return Math.abs(x - r) <= TOLERANCE * Math.max(1, Math.abs(x)) ? r : undefined;
}

/**
 * Splits `"<number><unit>"` (per `re`, unit looked up in `units`) or a plain number (in
 * seconds) into its amount and the unit's length in ms.
 * @throws UnitError with `expected` for another type or an unknown form.
 */
function amountAndUnit(
  v: unknown,
  re: RegExp,
  units: Readonly<Record<string, number>>,
  expected: string,
): { amount: number; unitMs: number } {
  if (typeof v === 'number') return { amount: v, unitMs: 1000 };
  if (typeof v !== 'string') throw new UnitError(expected);
  const m = re.exec(v.trim());
  if (!m) throw new UnitError(expected);
  return { amount: Number(m[1]), unitMs: units[m[2]] };
}

/**
 * Parses a duration into integer milliseconds >= 0: `"90s"`, `"5m"` (or `"5min"`),
 * `"2h"`, `"1d"`, `"4500ms"`, `"1.5h"`, or a plain number of seconds (`30` → 30000,
 * `0.5` → 500).
 * @throws UnitError for another type, a bad unit, a negative or fractional-millisecond
 *   value, or one beyond {@link MAX_DURATION_MS} (10,000 years).
 */
export function parseDurationMs(v: unknown): number {
  const { amount, unitMs } = amountAndUnit(v, DURATION_RE, DURATION_UNITS_MS, DURATION_EXPECTED);
  if (Number.isNaN(amount) || amount < 0) throw new UnitError('a duration of 0 or more');
  if (!(amount * unitMs <= MAX_DURATION_MS)) throw new UnitError(`a duration of at most ${MAX_DURATION_TEXT}`);
  const ms = snapInteger(amount * unitMs);
  if (ms === undefined) throw new UnitError('a duration in whole milliseconds ("1.5s" or "1500ms", not "1.0005s")');
  return ms;
}

/**
 * The longest time-valued field (a duration, an offset, a retry wait): 10,000 years. A run
 * starts before the year 10000 and every time in it (start + duration, + at most 20 retry
 * waits, + expiry) then stays far inside a JavaScript date's range (±273,790 years from
 * 1970), so no date can overflow mid-run.
 */
export const MAX_DURATION_MS = 10_000 * 365.25 * 86_400_000;

/** The longest duration in words. */
export const MAX_DURATION_TEXT = '10,000 years';

/** A parsed rate: `count` per `windowMs`, both positive integers, and the same as a float. */
export interface ParsedRate {
  readonly count: number;
  readonly windowMs: number;
  readonly perSecond: number;
}

const MAX_STRETCH = 1000;

/**
 * The fastest rate accepted, messages per second. An assumption of this tool, not a
 * provider rule: far beyond any account's MPS, and it keeps every count a safe integer.
 */
export const MAX_RATE_PER_SECOND = 1_000_000_000;

/**
 * Parses a rate: `"5/s"`, `"15/min"`, `"10/h"`, `"200000/day"`, or a plain number per
 * second. N per unit becomes `count` N per one unit when N is an integer; otherwise the
 * smallest k in 1..1000 making N·k an integer gives N·k per k units
 * (`0.25` → 1 per 4000 ms, `2.5` → 5 per 2000 ms).
 * @throws UnitError for another type, a bad unit, a value <= 0, one above
 *   {@link MAX_RATE_PER_SECOND}, or a fraction that no k up to 1000 makes whole.
 */
export function parseRate(v: unknown): ParsedRate {
  const { amount, unitMs } = amountAndUnit(v, RATE_RE, RATE_UNITS_MS, RATE_EXPECTED);
  if (Number.isNaN(amount) || amount <= 0) throw new UnitError('a rate greater than 0');
  const perSecond = (amount * 1000) / unitMs;
  if (!(perSecond <= MAX_RATE_PER_SECOND)) throw new UnitError(`a rate of at most ${MAX_RATE_PER_SECOND.toLocaleString('en-US')} per second`);
  for (let k = 1; k <= MAX_STRETCH; k++) {
    const count = snapInteger(amount * k);
    if (count !== undefined && count >= 1) return { count, windowMs: unitMs * k, perSecond };
  }
  throw new UnitError('a rate with at most 3 decimals (0.001/s is the slowest per second; write slower rates per hour or day, e.g. "3.6/h")');
}
