/**
 * The replay formats, registered in one place: a2psim's CSV (and Plivo MDR exports, and
 * any CSV through a `columns:` mapping), read by the streaming CSV reader of replay.ts;
 * and formats read whole into memory, each by its own module. `auto` tells a gzip file
 * (a Twilio BulkExport day file) from a CSV by its first two bytes. A new format is a
 * module that turns a file into replay rows, and one entry in {@link IN_MEMORY}.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { ReplayFormat, Scenario, TrafficSource } from '../scenario/model.js';
import type { ReplayFeed, ReplayRow } from './feed.js';
import { readTwilioBulkExport } from './replay-twilio.js';

/** A format read whole: every row of the file, checked, in stable time order. */
export type ReadAll = (path: string, scenario: Scenario, source: TrafficSource) => ReplayRow[];

/** Formats read into memory, by name (the names of `arrival.format` other than auto and csv). */
export const IN_MEMORY: Readonly<Partial<Record<ReplayFormat, ReadAll>>> = {
  twilio_bulk_export: readTwilioBulkExport,
};

/** True when the file starts with the gzip magic bytes 1f 8b. */
function isGzip(path: string): boolean {
  let fd: number;
  try {
    // Never open what is not a regular file (a FIFO would block): the CSV reader refuses it with one line.
    if (!statSync(path).isFile()) return false;
    fd = openSync(path, 'r');
  } catch {
    return false; // the CSV reader reports a missing or unreadable file
  }
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** The format a replay source's file is read as. */
export function formatOf(path: string, source: TrafficSource): Exclude<ReplayFormat, 'auto'> {
  const a = source.arrival;
  const format = a.kind === 'replay' ? a.format : 'csv';
  if (format !== 'auto') return format;
  return a.kind === 'replay' && a.columns === null && isGzip(path) ? 'twilio_bulk_export' : 'csv';
}

/** Feeds rows held in memory, already in time order. */
export class ArrayFeed implements ReplayFeed {
  private i = 0;
  constructor(private readonly rows: readonly ReplayRow[]) {}
  next(): ReplayRow | null {
    return this.i < this.rows.length ? this.rows[this.i++] : null;
  }
}
