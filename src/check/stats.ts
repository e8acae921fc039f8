/**
 * Confidence intervals for the mean over replications and Welch's t-test of two such
 * means (Student t from jstat). Pure.
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

/** Values this close (relative 1e-9) are the same value: float noise is not spread. */
const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Mean of `values` and the half-width of its 95% Student-t interval,
 * t(0.975, n−1) · s / √n with s the sample standard deviation. Values equal up to a
 * relative 1e-9 (float noise of sums in another order) give a half-width of exactly 0.
 * @throws Error when `values` is empty (a bug in the caller).
 */
export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  if (n === 0) throw new Error('meanInterval of no values');
  const mean = values.reduce((a, v) => a + v, 0) / n;
  if (n === 1) return { n, mean, halfWidth: null };
  if (values.every((v) => same(v, values[0]))) return { n, mean: values[0], halfWidth: 0 };
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  const sd = Math.sqrt(ss / (n - 1));
  return { n, mean, halfWidth: (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n) };
}

/** The result of a t-test of a difference of two means. */
export interface TTest {
  /** Two-sided p-value of "the means are equal"; 0 when neither side has any spread and they differ. */
  readonly p: number;
  /** Degrees of freedom (Welch–Satterthwaite); Infinity when neither side has spread. */
  readonly df: number;
}

/** The variance of a mean from its 95% half-width, or null for a single run. */
function varianceOfMean(m: MeanInterval): number | null {
  if (m.halfWidth === null || m.n < 2) return null;
  return (m.halfWidth / studentTQuantile(0.975, m.n - 1)) ** 2;
}

/**
 * Welch's t-test of `a.mean` against `b.mean`, from each side's mean, 95% half-width
 * and number of runs. A single run (n = 1) has no spread of its own: it is taken to
 * have the per-run variance of the other side (a prediction-interval test). Null when
 * neither side has two runs (nothing to test with).
 */
export function welchTest(a: MeanInterval, b: MeanInterval): TTest | null {
  const va = varianceOfMean(a);
  const vb = varianceOfMean(b);
  if (va === null && vb === null) return null;
  const diff = Math.abs(a.mean - b.mean);
  const test = (v: number, df: () => number): TTest => {
    if (v === 0) return { p: same(a.mean, b.mean) ? 1 : 0, df: Infinity };
    const d = df();
    return { p: Math.min(1, 2 * (1 - jstat.jStat.studentt.cdf(diff / Math.sqrt(v), d))), df: d };
  };
  // One single run: its variance is the other side's per-run variance, estimated with n−1 df.
  if (va === null) return test(vb! * b.n + vb!, () => b.n - 1);
  if (vb === null) return test(va * a.n + va, () => a.n - 1);
  return test(va + vb, () => (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1)));
}
