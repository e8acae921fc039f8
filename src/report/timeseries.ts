/**
 * Counts per interval of virtual time, collected through the engine's observer hooks:
 * submitted, delivered (per carrier), failed per code, departures per stage, and the queue
 * depth of each stage and every daily cap's count at each interval's end. Memory is one
 * row per interval, independent of the message count — or nothing when `onRow` takes each
 * row as it is finished (a long run at a short interval streams to disk). The time-series
 * CSV and the HTML report are both drawn from this.
 */
import { FAILURE_CODES } from '../rules/codes.js';
import { CARRIERS } from '../scenario/model.js';
import type { Network } from '../engine/network.js';
import type { CapState, RunObserver, TickSnapshot } from '../engine/types.js';
import { WaitTally } from './wait-tally.js';

/** One interval [startMs, endMs). */
export interface SeriesRow {
  readonly startMs: number;
  readonly endMs: number;
  readonly submitted: number;
  readonly delivered: number;
  /** Indexed like CARRIERS. */
  readonly deliveredByCarrier: readonly number[];
  /** Indexed like FAILURE_CODES. */
  readonly failedByCode: readonly number[];
  /** Departures per stage during the interval, indexed by stage id. */
  readonly departures: readonly number[];
  /** Queue depth per stage at the interval's end, indexed by stage id. */
  readonly depths: readonly number[];
  /** Deepest queue per stage within the interval, indexed by stage id. */
  readonly peakDepths: readonly number[];
  /** Every daily cap at the interval's end, in network.dailyCaps order. */
  readonly caps: readonly CapState[];
}

export class SeriesCollector implements RunObserver {
  /** The rows so far; stays empty when {@link onRow} is set. */
  readonly rows: SeriesRow[] = [];
  /** When set, receives each finished row instead of {@link rows}. */
  onRow: ((row: SeriesRow) => void) | undefined = undefined;
  /** Rows finished so far. */
  rowCount = 0;
  /** Every delivered wait, counted exactly for the report's histogram. */
  readonly waits = new WaitTally();
  private submitted = 0;
  private delivered = 0;
  private byCarrier = new Array<number>(CARRIERS.length).fill(0);
  private byCode = new Array<number>(FAILURE_CODES.length).fill(0);
  private departures: number[] = [];
  private lastMs = 0;

  /** @param tickMs interval length in ms (> 0) */
  constructor(readonly tickMs: number) {
    if (!(tickMs > 0)) throw new RangeError(`interval must be > 0 ms, got ${tickMs}`);
  }

  onSubmit(): void {
    this.submitted++;
  }

  onEnd(_atMs: number, delivered: boolean, code: number, carrier: number, waitMs: number): void {
    if (delivered) {
      this.waits.add(waitMs);
      this.delivered++;
      this.byCarrier[carrier]++;
    } else {
      this.byCode[code]++;
    }
  }

  onDepart(_atMs: number, stage: number): void {
    while (this.departures.length <= stage) this.departures.push(0);
    this.departures[stage]++;
  }

  onTick(atMs: number, snap: TickSnapshot): void {
    if (snap.final && atMs <= this.lastMs && this.rowCount > 0 && this.isEmptyInterval()) return;
    const departures = Array.from(snap.depths, (_, i) => this.departures[i] ?? 0);
    const row: SeriesRow = {
      startMs: this.lastMs,
      endMs: atMs,
      submitted: this.submitted,
      delivered: this.delivered,
      deliveredByCarrier: this.byCarrier,
      failedByCode: this.byCode,
      departures,
      depths: Array.from(snap.depths),
      peakDepths: Array.from(snap.peakDepths),
      caps: snap.caps,
    };
    this.rowCount++;
    if (this.onRow === undefined) this.rows.push(row);
    else this.onRow(row);
    this.lastMs = atMs;
    this.submitted = 0;
    this.delivered = 0;
    this.byCarrier = new Array<number>(CARRIERS.length).fill(0);
    this.byCode = new Array<number>(FAILURE_CODES.length).fill(0);
    this.departures = [];
  }

  private isEmptyInterval(): boolean {
    return this.submitted === 0 && this.delivered === 0 && this.byCode.every((c) => c === 0);
  }
}

/** Column names of the time-series CSV for a network. */
export function seriesColumns(net: Network): string[] {
  return [
    'interval_start', 'interval_end', 't_seconds', 'submitted', 'delivered',
    ...CARRIERS.map((c) => `delivered_${c}`),
    ...FAILURE_CODES.map((f) => `failed_${f.code}`),
    ...net.stages.map((s) => `queue_${s.name}`),
    ...net.stages.map((s) => `queue_peak_${s.name}`),
    ...net.stages.map((s) => `out_${s.name}`),
    // One day / used / cap triple per named cap: tmobile_day, tmobile_day_used, tmobile_day_cap.
    ...net.dailyCaps.flatMap((c) => [`${c.key}_day`, `${c.key}_day_used`, `${c.key}_day_cap`]),
  ];
}

/** The CSV cells of a series row, in {@link seriesColumns} order. */
export function seriesCells(row: SeriesRow, net: Network, startEpochMs: number): (string | number)[] {
  const iso = (ms: number): string => new Date(startEpochMs + ms).toISOString();
  return [
    iso(row.startMs), iso(row.endMs), row.endMs / 1000, row.submitted, row.delivered,
    ...row.deliveredByCarrier,
    ...row.failedByCode,
    ...net.stages.map((s) => row.depths[s.id] ?? 0),
    ...net.stages.map((s) => row.peakDepths[s.id] ?? 0),
    ...net.stages.map((s) => row.departures[s.id] ?? 0),
    ...net.dailyCaps.flatMap((_, i) => {
      const cap = row.caps[i];
      return cap === undefined ? ['', 0, 0] : [cap.day ?? '', cap.used, cap.limit];
    }),
  ];
}
