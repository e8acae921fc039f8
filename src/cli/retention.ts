/**
 * The retention pass over a finished message CSV: rows are in submission order, so only a
 * run longer than 7 days has rows to redact. Then the written file is read back with
 * csv-parse in chunks and rewritten with {@link retainCells}, in bounded memory.
 */
import { stringify } from 'csv-stringify/sync';
import { retainCells } from '../report/retention.js';
import { CsvChunkReader } from '../traffic/csv-chunks.js';
import { AtomicFile } from './output.js';

const BATCH = 4096;

/**
 * Rewrites the message CSV being written to `file` with retention applied at
 * `exportEpochMs`, and returns the file now holding the result (the old one is aborted).
 */
export function rewriteWithRetention(
  file: AtomicFile,
  exportEpochMs: number,
  options: { delimiter?: string; bom?: boolean },
): AtomicFile {
  const delimiter = options.delimiter ?? ',';
  const out = new AtomicFile(file.path, '.retention.partial');
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
      if (rows.length === BATCH) {
        out.write(stringify(rows, opts));
        rows = [];
      }
    }
    if (rows.length > 0) out.write(stringify(rows, opts));
  } catch (e) {
    out.abort();
    throw e;
  }
  file.abort();
  return out;
}
