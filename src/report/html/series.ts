/**
 * Choosing and reducing the time series a report is drawn from. The collector's interval
 * must be fixed before a run whose length is unknown, so it starts from the scenario's
 * duration and the rows are merged afterwards when the run went on much longer. Merging
 * sums counts (so series totals stay equal to the run's totals) and keeps the maximum of
 * sampled levels (queue depths, the T-Mobile day count), so peaks survive. Pure.
 */
import type { Scenario } from '../../scenario/model.js';
import type { SeriesRow } from '../timeseries.js';

/** Most points a report series holds after merging. */
export const MAX_POINTS = 2000;

/** Interval lengths a person reads easily, ms, ascending. */
const NICE_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** The smallest "nice" interval ≥ `ms` (whole days beyond one day). */
export function niceIntervalMs(ms: number): number {
  for (const n of NICE_MS) if (n >= ms) return n;
  return Math.ceil(ms / 86_400_000) * 86_400_000;
}

/**
 * The collector interval for a scenario, ms: its traffic window / 1000 rounded up to a
 * nice value, at least 1 s; so a run that ends near its window has about 1000 rows.
 */
export function initialTickMs(sc: Scenario): number {
  return niceIntervalMs(Math.max(1000, sc.durationMs / 1000));
}

/** Smallest factor from 1, 2, 5, 10, 20, 50, … that brings `rows` to ≤ `maxPoints`. */
export function mergeFactor(rows: number, maxPoints: number = MAX_POINTS): number {
  if (!(maxPoints >= 1)) throw new RangeError(`maxPoints must be ≥ 1, got ${maxPoints}`);
  for (let decade = 1; ; decade *= 10) {
    for (const m of [1, 2, 5]) if (Math.ceil(rows / (m * decade)) <= maxPoints) return m * decade;
  }
}

const sumInto = (acc: number[], xs: readonly number[]): void => {
  for (let i = 0; i < xs.length; i++) acc[i] = (acc[i] ?? 0) + xs[i];
};
const maxInto = (acc: number[], xs: readonly number[]): void => {
  for (let i = 0; i < xs.length; i++) acc[i] = Math.max(acc[i] ?? 0, xs[i]);
};

/** Merges consecutive groups of `factor` rows into one (the last group may be shorter). */
export function mergeRows(rows: readonly SeriesRow[], factor: number): SeriesRow[] {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`factor must be an integer ≥ 1, got ${factor}`);
  if (factor === 1) return [...rows];
  const out: SeriesRow[] = [];
  for (let i = 0; i < rows.length; i += factor) {
    const group = rows.slice(i, i + factor);
    const last = group[group.length - 1];
    const byCarrier: number[] = [];
    const byCode: number[] = [];
    const departures: number[] = [];
    const depths: number[] = [];
    const peakDepths: number[] = [];
    let submitted = 0;
    let delivered = 0;
    for (const r of group) {
      submitted += r.submitted;
      delivered += r.delivered;
      sumInto(byCarrier, r.deliveredByCarrier);
      sumInto(byCode, r.failedByCode);
      sumInto(departures, r.departures);
      maxInto(depths, r.depths);
      maxInto(peakDepths, r.peakDepths);
    }
    out.push({
      startMs: group[0].startMs,
      endMs: last.endMs,
      submitted,
      delivered,
      deliveredByCarrier: byCarrier,
      failedByCode: byCode,
      departures,
      depths,
      peakDepths,
      // Each cap: its highest count and limit in the group, on the group's last day.
      caps: last.caps.map((c, k) => ({
        name: c.name,
        used: Math.max(...group.map((r) => r.caps[k].used)),
        limit: Math.max(...group.map((r) => r.caps[k].limit)),
        day: c.day,
      })),
    });
  }
  return out;
}

/** The rows reduced to at most `maxPoints`, with the interval they now represent (ms). */
export function reduceRows(
  rows: readonly SeriesRow[],
  tickMs: number,
  maxPoints: number = MAX_POINTS,
): { rows: SeriesRow[]; intervalMs: number } {
  const factor = mergeFactor(rows.length, maxPoints);
  return { rows: mergeRows(rows, factor), intervalMs: tickMs * factor };
}
