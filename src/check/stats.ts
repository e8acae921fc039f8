/**
 * Confidence intervals for the mean over replications (Student t). Pure. The t quantile
 * is computed from the regularized incomplete beta function (continued fraction,
 * Numerical Recipes §6.4), accurate to ~1e-10 — no table to get wrong.
 */

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = c[0];
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    c = 1 + aa / c;
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    c = Math.abs(c) < TINY ? TINY : c;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    c = 1 + aa / c;
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    c = Math.abs(c) < TINY ? TINY : c;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b), for x in [0, 1]. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The `p` quantile (0.5 < p < 1) of Student's t with `df` >= 1 degrees of freedom, by
 * bisection on the CDF: `studentTQuantile(0.975, 1)` = 12.706, `(0.975, 10)` = 2.228.
 */
export function studentTQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = 1e7;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
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
