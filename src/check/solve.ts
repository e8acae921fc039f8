/**
 * `solve`: the smallest value of one parameter at which every threshold holds (or, with
 * `maximize`, the largest). The values form an ordered grid; the search gallops from the
 * easy end (indices 0, 1, 3, 7, ... from it) until a point passes, then bisects between
 * the last failing and the first passing point, so the answer's neighbour on the failing
 * side has always been run and failed. Assumes the verdict is monotone along the grid.
 * Pure: running a point is the caller's `evaluate`.
 */
import type { FailedThreshold, Verdict } from './verdict.js';

/** A value as given on the command line, or generated from --min/--max/--step. */
export type GridValue = string;

/** Options of a solve grid: explicit values, or min..max by step. */
export interface GridSpec {
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** Default 1. */
  readonly step?: number;
}

/** Most points a grid may have. */
export const MAX_GRID_POINTS = 1_000_000;

/** Thrown for a grid that cannot be built; the CLI prints it as a usage error. */
export class GridError extends Error {}

/** Decimal places of a number as it prints (0.25 → 2, 1e-7 → 7, 1500 → 0). */
function decimals(x: number): number {
  const m = /^-?\d*(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x))!;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}

/**
 * The grid min, min + step, ... up to max, computed on whole multiples of the finest
 * decimal place of min, max and step (so 0.1 + 0.2 is 0.3 and 1e15 + 1 stays exact): every
 * value is exact and lies within [min, max].
 * @throws GridError when a value would need more digits than a number holds exactly.
 */
function rangeValues(min: number, max: number, step: number): number[] {
  const d = Math.max(decimals(min), decimals(max), decimals(step));
  const scale = 10 ** d;
  if (d > 15 || [min, max, step].some((x) => !(Math.abs(x) * scale <= Number.MAX_SAFE_INTEGER))) {
    throw new GridError(`--step: expected --min, --max and --step that give exact values (at most 15 significant digits from the largest value to the finest decimal place), got ${min}..${max} by ${step}`);
  }
  const [lo, hi, by] = [Math.round(min * scale), Math.round(max * scale), Math.round(step * scale)];
  const n = Math.floor((hi - lo) / by) + 1;
  if (n > MAX_GRID_POINTS) throw new GridError(`--step: expected at most ${MAX_GRID_POINTS} points from --min to --max, got ${n}`);
  return Array.from({ length: n }, (_, k) => Number(((lo + k * by) / scale).toFixed(d)));
}

/**
 * The grid in ascending order (or as listed for `values`).
 * @throws GridError for a missing or reversed range, a step <= 0 or a grid too large.
 */
export function gridOf(spec: GridSpec): GridValue[] {
  if (spec.values !== undefined) {
    if (spec.min !== undefined || spec.max !== undefined || spec.step !== undefined) {
      throw new GridError('--values: expected either --values or --min/--max/--step, got both');
    }
    if (spec.values.length === 0) throw new GridError('--values: expected at least one value, got none');
    return [...spec.values];
  }
  const { min, max } = spec;
  const step = spec.step ?? 1;
  if (min === undefined || max === undefined) throw new GridError('--min/--max: expected both (or --values a,b,...), got ' + (min === undefined ? 'no --min' : 'no --max'));
  if (!(step > 0)) throw new GridError(`--step: expected a number greater than 0, got ${step}`);
  if (max < min) throw new GridError(`--max: expected a value >= --min (${min}), got ${max}`);
  return rangeValues(min, max, step).map(String);
}

/** How a search ended. */
export interface SolveOutcome {
  /** The answer, or null when even the last point fails. */
  readonly value: GridValue | null;
  /** The failing neighbour and what failed there, or null when the first point passes. */
  readonly neighbour: { readonly value: GridValue; readonly failed: readonly FailedThreshold[] } | null;
  /** The verdict at the answer. */
  readonly verdict: Verdict | null;
  /** Points evaluated, in evaluation order. */
  readonly evaluated: readonly GridValue[];
}

/**
 * Searches `grid` for the first passing point in search order (ascending, or descending
 * with `maximize`). `evaluate` runs one point; each point is run at most once.
 */
export async function solveGrid(
  grid: readonly GridValue[],
  maximize: boolean,
  evaluate: (value: GridValue) => Promise<Verdict>,
): Promise<SolveOutcome> {
  const order = maximize ? [...grid].reverse() : [...grid];
  const seen = new Map<number, Verdict>();
  const evaluated: GridValue[] = [];
  const at = async (i: number): Promise<Verdict> => {
    let v = seen.get(i);
    if (v === undefined) {
      v = await evaluate(order[i]);
      seen.set(i, v);
      evaluated.push(order[i]);
    }
    return v;
  };
  const last = order.length - 1;
  const first = await at(0);
  if (first.pass) return { value: order[0], neighbour: null, verdict: first, evaluated };
  // Gallop: 1, 3, 7, 15, ... until a pass or the end.
  let lo = 0;
  let hi = -1;
  for (let offset = 1; ; offset = offset * 2 + 1) {
    const i = Math.min(offset, last);
    if ((await at(i)).pass) {
      hi = i;
      break;
    }
    lo = i;
    if (i === last) break;
  }
  if (hi < 0) return { value: null, neighbour: { value: order[last], failed: seen.get(last)!.failed }, verdict: null, evaluated };
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if ((await at(mid)).pass) hi = mid;
    else lo = mid;
  }
  return { value: order[hi], neighbour: { value: order[lo], failed: seen.get(lo)!.failed }, verdict: seen.get(hi)!, evaluated };
}
