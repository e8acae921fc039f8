/**
 * The retention pass over a finished message CSV: rows are in submission order, so only a
 * run longer than 7 days has rows to redact. Then the written file is read back with
 * csv-parse in chunks and rewritten with {@link retainCells}, in bounded memory.
 */
import { stringify } from 'csv-stringify/sync';
import { retainCells } from '../../report/retention.js';
import { CsvChunkReader } from '../../traffic/csv-chunks.js';
import type { AtomicFile } from '../io/output.js';

/** Rows rewritten between two yields of {@link retentionSteps}. */
export const RETENTION_BATCH = 4096;

/**
 * Rewrites the message CSV being written to `file` with retention applied at
 * `exportEpochMs`, yielding after every {@link RETENTION_BATCH} rows so that a caller can
 * stop between batches (Ctrl-C). Returns the file now holding the result (the old one is
 * aborted). A caller that stops early closes the generator (`return()`), which removes the
 * new partial.
 */
export function* retentionSteps(
  file: AtomicFile,
  exportEpochMs: number,
  options: { delimiter?: string; bom?: boolean },
): Generator<void, AtomicFile> {
  const delimiter = options.delimiter ?? ',';
  const out = file.sibling('.retention.partial');
  let written = false;
  try {
    const reader = new CsvChunkReader(file.partialPath, { delimiter });
    // quote_record_delimiter: else csv-stringify leaves a lone CR or LF unquoted (broken rows).
    const opts = { delimiter, record_delimiter: '\r\n', quote_record_delimiter: true } as const;
    const header = reader.next();
    if (header === null) throw new Error(`${file.partialPath} is empty`);
    out.write((options.bom ? '\ufeff' : '') + stringify([header.fields], opts));
    let rows: string[][] = [];
    for (let rec = reader.next(); rec !== null; rec = reader.next()) {
      rows.push(retainCells(rec.fields, exportEpochMs));
      if (rows.length === RETENTION_BATCH) {
        out.write(stringify(rows, opts));
        rows = [];
        yield;
      }
    }
    if (rows.length > 0) out.write(stringify(rows, opts));
    written = true;
  } finally {
    // Failed, or stopped between batches (the generator was closed with return()).
    if (!written) out.abort();
  }
  file.abort();
  return out;
}
