/**
 * Threshold expressions of a scenario's `expect:` list: `METRIC OP VALUE`, e.g.
 * `wait_p95{traffic=otp} <= 30s`, `failed[420] == 0`, `delivered_ratio >= 99%`. Pure.
 * Parse errors are {@link ThresholdError}s carrying the `expected`/`actual` parts of a
 * ScenarioError, which the loader positions at the list item.
 */
import { FAILURE_CODES } from '../../rules/codes.js';
import { CARRIERS } from '../model.js';
import { METRIC_NAMES, metricDef, type MetricKind, type MetricRef, SCOPE_KINDS, type ScopeKind } from './metric-defs.js';
import { suggestKey } from '../suggest.js';
import { parseDurationMs, UnitError } from '../units.js';

/** Comparison operators, longest first (so `<=` is not read as `<`). */
export const OPS = ['<=', '>=', '==', '!=', '<', '>'] as const;
export type Op = (typeof OPS)[number];

/** A parsed threshold. `value` is in the metric's unit: a count, a ratio in [0, 1], or seconds. */
export interface Threshold {
  /** The expression as written (trimmed). */
  readonly text: string;
  readonly ref: MetricRef;
  readonly op: Op;
  readonly value: number;
  /** True when a ratio was written as a percentage (`99%`), to show results the same way. */
  readonly percent: boolean;
}

/** A bad threshold or metric reference; `expected`/`actual` complete "expected X, got Y". */
export class ThresholdError extends Error {
  constructor(
    readonly expected: string,
    /** Undefined: the caller describes the whole expression. */
    readonly actual?: string,
  ) {
    super(actual === undefined ? `expected ${expected}` : `expected ${expected}, got ${actual}`);
    this.name = 'ThresholdError';
  }
}

export const GRAMMAR_EXPECTED = 'METRIC OP VALUE such as "wait_p95 <= 30s"';
/** A metric reference: NAME, NAME[CODE], NAME{scope}, NAME[CODE]{scope}. */
const REF = /([A-Za-z_]\w*)\s*(?:\[([^\]]*)\])?\s*(?:\{([^}]*)\})?/;
/** One expression of the regular expressions `parts`, in order. */
const joined = (...parts: RegExp[]): RegExp => new RegExp(parts.map((p) => p.source).join(''));
const REF_RE = joined(/^\s*/, REF, /\s*$/);
const THRESHOLD_RE = joined(/^\s*/, REF, /\s*(<=|>=|==|!=|<|>)\s*([+-]?[\d.]\S*)\s*$/);
const SCOPE_RE = /^\s*([A-Za-z_]\w*)\s*=\s*([^\s=,{}]+)\s*$/;
const NUM_RE = /^(\d+(?:\.\d+)?|\.\d+)$/;
const CODES: readonly string[] = FAILURE_CODES.map((r) => r.code);
const q = JSON.stringify;

function unknown(what: string, plural: string, name: string, allowed: readonly string[]): ThresholdError {
  const hint = suggestKey(name, allowed);
  if (hint !== undefined) return new ThresholdError(`a known ${what}`, `unknown ${what} ${q(name)} (did you mean ${q(hint)}?)`);
  return new ThresholdError(`one of the ${plural} ${allowed.join(', ')}`, `unknown ${what} ${q(name)}`);
}

function refOf(name: string, code: string | undefined, scopeText: string | undefined): MetricRef {
  const def = metricDef(name, code !== undefined);
  if (def === undefined) throw unknown('metric', 'metrics', name, METRIC_NAMES);
  let c: string | null = null;
  if (code !== undefined) {
    if (!def.takesCode) throw new ThresholdError('[CODE] only after failed, as in failed[420]', q(`${name}[${code}]`));
    c = code.trim();
    if (!CODES.includes(c)) {
      if (c === '') throw new ThresholdError(`a failure code in failed[...]: one of ${CODES.join(', ')}`, q('failed[]'));
      throw unknown('failure code', 'failure codes', c, CODES);
    }
  }
  let scope: MetricRef['scope'] = null;
  if (scopeText !== undefined) {
    const sm = SCOPE_RE.exec(scopeText);
    if (!sm) throw new ThresholdError('a scope such as {carrier=tmobile}, {sender=lc1} or {traffic=otp}', q(`{${scopeText}}`));
    const kinds = Object.keys(SCOPE_KINDS);
    if (!kinds.includes(sm[1])) throw unknown('scope', 'scopes', sm[1], kinds);
    scope = { kind: sm[1] as ScopeKind, name: sm[2] };
  }
  return { def, code: c, scope };
}

/**
 * Parses a metric reference without operator, as in `--tolerance wait_p95{traffic=otp}=+10%`.
 * @throws ThresholdError for bad syntax, an unknown metric, failure code or scope kind.
 */
export function parseMetricRef(text: string): MetricRef {
  const mm = REF_RE.exec(text);
  if (!mm) throw new ThresholdError('a metric such as wait_p95, failed[420] or delivered_ratio{carrier=tmobile}', q(text));
  return refOf(mm[1], mm[2], mm[3]);
}

/** Parses a threshold value written for a metric of `kind`. */
function valueOf(token: string, kind: MetricKind, metric: string): { value: number; percent: boolean } {
  if (kind === 'count') {
    if (!NUM_RE.test(token)) throw new ThresholdError(`a count (a number >= 0, without unit) for ${metric}`, q(token));
    return { value: Number(token), percent: false };
  }
  if (kind === 'ratio') {
    const expected = `a ratio from 0 to 1 or a percentage from 0% to 100% for ${metric}, such as 0.99 or 99%`;
    const pct = token.endsWith('%');
    const digits = pct ? token.slice(0, -1) : token;
    if (!NUM_RE.test(digits)) throw new ThresholdError(expected, q(token));
    // n / 100 (not n * 0.01) gives the double nearest the written percentage.
    const value = pct ? Number(digits) / 100 : Number(digits);
    if (value > 1) throw new ThresholdError(expected, q(token));
    return { value, percent: pct };
  }
  try {
    const plain = NUM_RE.test(token);
    const ms = parseDurationMs(plain ? Number(token) : token);
    return { value: ms / 1000, percent: false };
  } catch (e) {
    if (e instanceof UnitError) {
      throw new ThresholdError(`a time for ${metric} such as 30s, 2m, 500ms or a number of seconds`, q(token));
    }
    throw e;
  }
}

/**
 * Parses one `expect:` expression.
 * @throws ThresholdError for anything but `METRIC OP VALUE` with a known metric, failure
 *   code and scope kind, and a value of the metric's kind (count, ratio or time).
 */
export function parseThreshold(text: string): Threshold {
  const mm = THRESHOLD_RE.exec(text);
  if (!mm) throw new ThresholdError(GRAMMAR_EXPECTED);
  const ref = refOf(mm[1], mm[2], mm[3]);
  const label = mm[1] + (mm[2] === undefined ? '' : `[${mm[2].trim()}]`);
  const { value, percent } = valueOf(mm[5], ref.def.kind, label);
  return { text: text.trim(), ref, op: mm[4] as Op, value, percent };
}

/** Names a scenario defines for each scope kind. */
export type KnownScopes = Readonly<Record<ScopeKind, readonly string[]>>;

/** Carrier names every scenario knows. */
export const KNOWN_CARRIERS: readonly string[] = CARRIERS;

/**
 * Checks that a scoped reference names a carrier, sender or traffic source the scenario
 * has, so a typo fails when the scenario loads rather than after the run.
 * @throws ThresholdError naming the known names (with a "did you mean").
 */
export function checkScope(ref: MetricRef, known: KnownScopes): void {
  if (ref.scope === null) return;
  const names = known[ref.scope.kind];
  if (names.includes(ref.scope.name)) return;
  const plural = { carrier: 'carriers', sender: 'sender ids', traffic: 'traffic names' }[ref.scope.kind];
  if (names.length === 0) throw new ThresholdError(`a ${ref.scope.kind} of the scenario (it defines none)`, q(ref.scope.name));
  throw unknown(ref.scope.kind, plural, ref.scope.name, names);
}
