/**
 * Confidence intervals for the mean over replications (Student t, from jstat). Pure.
 */
import jstat from 'jstat';

/** The `p` quantile of Student's t with `df` >= 1 degrees of freedom: `(0.975, 1)` = 12.706. */
export function studentTQuantile(p: number, df: number): number {
  return jstat.jStat.studentt.inv(p, df);
}

/** A mean with its 95% confidence interval. `halfWidth` is null for a single value. */
export interface MeanInterval {
  readonly n: number;
  readonly mean: number;
  readonly halfWidth: number | null;
}

/**
 * Mean of `values` and the half-width of its 95% Student-t interval,
 * t(0.975, n−1) · s / √n with s the sample standard deviation. Identical values give a
 * half-width of exactly 0.
 * @throws Error when `values` is empty (a bug in the caller).
 */
export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  if (n === 0) throw new Error('meanInterval of no values');
  const mean = values.reduce((a, v) => a + v, 0) / n;
  if (n === 1) return { n, mean, halfWidth: null };
  if (values.every((v) => v === values[0])) return { n, mean: values[0], halfWidth: 0 };
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  const sd = Math.sqrt(ss / (n - 1));
  return { n, mean, halfWidth: (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n) };
}
