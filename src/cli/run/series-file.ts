/**
 * The time-series CSV of a run. Its columns depend on the stages the run created, known
 * only at its end, so rows are either kept in memory (when the HTML report or the chart
 * needs them too) or, streamed, spilled as plain comma-separated numbers to a temporary file beside the
 * target and rewritten with the final columns at the end: memory stays flat however many
 * intervals (`--interval 1ms` over a day is 86.4 million rows).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Network } from '../../engine/network.js';
import type { SimulationResult } from '../../engine/simulate.js';
import { FAILURE_CODES } from '../../rules/codes.js';
import { CARRIERS } from '../../scenario/model.js';
import { seriesCells, seriesColumns, type SeriesCollector, type SeriesRow } from '../../report/timeseries.js';
import type { AtomicFile } from '../io/output.js';

/** Rows per write, and per yield of {@link seriesSteps}. */
const BATCH = 4096;

const C = CARRIERS.length;
const F = FAILURE_CODES.length;

/**
 * A row as spilled: fixed fields, the stage count, the per-stage columns, then each daily
 * cap's used, limit and day (the caps and their names are the network's, in its order).
 */
function encode(r: SeriesRow): (string | number)[] {
  const n = r.depths.length;
  return [
    r.startMs, r.endMs, r.submitted, r.delivered, n,
    ...r.deliveredByCarrier, ...r.failedByCode, ...r.departures.slice(0, n), ...r.depths, ...r.peakDepths.slice(0, n),
    ...r.caps.flatMap((c) => [c.used, c.limit, c.day ?? '']),
  ];
}

/** Reads the spilled lines back in 1 MiB chunks (every field is a number or a date: no quoting). */
function* spilledLines(path: string): Generator<string[]> {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let rest = '';
  try {
    for (let n = readSync(fd, buffer, 0, buffer.length, null); n > 0; n = readSync(fd, buffer, 0, buffer.length, null)) {
      const lines = (rest + buffer.toString('latin1', 0, n)).split('\n');
      rest = lines.pop()!;
      for (const line of lines) yield line.split(',');
    }
  } finally {
    closeSync(fd);
  }
}

function decode(f: readonly string[], net: Network): SeriesRow {
  const num = (i: number) => Number(f[i]);
  const n = num(4);
  const list = (from: number, count: number) => Array.from({ length: count }, (_, i) => num(from + i));
  let at = 5;
  const take = (count: number) => {
    const out = list(at, count);
    at += count;
    return out;
  };
  return {
    startMs: num(0), endMs: num(1), submitted: num(2), delivered: num(3),
    deliveredByCarrier: take(C), failedByCode: take(F), departures: take(n), depths: take(n), peakDepths: take(n),
    caps: net.dailyCaps.map((c, i) => {
      const k = at + i * 3;
      return { name: c.key, used: num(k), limit: num(k + 1), day: f[k + 2] === '' ? null : f[k + 2] };
    }),
  };
}


/** The open time-series output of a run. */
export class SeriesFile {
  private spill: AtomicFile | null = null;
  private pending: SeriesRow[] = [];

  /**
   * @param out the target's partial file
   * @param stream spill rows to disk instead of keeping them in `series.rows`
   */
  constructor(
    readonly out: AtomicFile,
    series: SeriesCollector,
    stream: boolean,
  ) {
    if (!stream) return;
    try {
      this.spill = out.sibling('.rows.partial');
    } catch (e) {
      out.abort();
      throw e;
    }
    series.onRow = (row) => {
      this.pending.push(row);
      if (this.pending.length === BATCH) this.flush();
    };
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    let text = '';
    for (const row of this.pending) text += encode(row).join(',') + '\n';
    this.spill!.write(text);
    this.pending = [];
  }

  /**
   * Writes the CSV (header, then every row) into `out`, yielding after each batch of rows
   * so that a caller can stop it. Does not commit.
   */
  *write(series: SeriesCollector, result: SimulationResult, csv: { bom?: boolean; delimiter?: string }): Generator<void, void> {
    const net = result.network;
    const start = result.scenario.startEpochMs;
    const opts = { delimiter: csv.delimiter ?? ',', record_delimiter: '\r\n' } as const;
    this.out.write((csv.bom ? '\ufeff' : '') + stringify([seriesColumns(net)], opts));
    if (this.spill === null) {
      for (let i = 0; i < series.rows.length; i += BATCH) {
        this.out.write(stringify(series.rows.slice(i, i + BATCH).map((r) => seriesCells(r, net, start)), opts));
        yield;
      }
      return;
    }
    this.flush();
    let rows: (string | number)[][] = [];
    for (const fields of spilledLines(this.spill.partialPath)) {
      rows.push(seriesCells(decode(fields, net), net, start));
      if (rows.length === BATCH) {
        this.out.write(stringify(rows, opts));
        rows = [];
        yield;
      }
    }
    if (rows.length > 0) this.out.write(stringify(rows, opts));
    this.spill.abort();
  }

  /** Removes the partial files. */
  abort(): void {
    this.spill?.abort();
    this.out.abort();
  }

  /** Moves the CSV to its final name and removes the spill. */
  commit(): void {
    this.spill?.abort();
    this.out.commit();
  }
}
