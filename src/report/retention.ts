/**
 * Retention (FAQ "data logging preference"): at export time — the end of the run — the
 * text of a message older than 7 days and its number older than 90 days are redacted,
 * whatever its `log` setting. Pure: works on the cells of the message CSV.
 */
import { RETENTION } from '../rules/rulebook.js';
import { MESSAGE_COLUMNS, numberCell, REDACTED_TEXT, redactNumber, unneutralise } from './records.js';

const DAY_MS = 86_400_000;

/** What retention redacts of a message submitted at `submitMs`, exported at `exportMs` (same clock). */
export function retentionOf(submitMs: number, exportMs: number): { number: boolean; text: boolean } {
  const age = exportMs - submitMs;
  return { number: age > RETENTION.numberDays * DAY_MS, text: age > RETENTION.textDays * DAY_MS };
}

/** True when a run whose first message was submitted at `firstSubmitMs` has rows to redact at `exportMs`. */
export function needsRetention(firstSubmitMs: number | null, exportMs: number): boolean {
  return firstSubmitMs !== null && retentionOf(firstSubmitMs, exportMs).text;
}

const col = (name: (typeof MESSAGE_COLUMNS)[number]): number => MESSAGE_COLUMNS.indexOf(name);
const FROM = col('from');
const TO = col('to');
const DIRECTION = col('direction');
const TIME = col('message_time');
const TEXT = col('text');

/**
 * Applies retention to one data row of the message CSV (cells in MESSAGE_COLUMNS order, as
 * written): the text, and the number the FAQ stores (`to` outbound, `from` inbound).
 * @param exportEpochMs the export time, epoch ms.
 * @returns the row, changed in place.
 */
export function retainCells(cells: string[], exportEpochMs: number): string[] {
  const submit = Date.parse(cells[TIME]);
  const r = retentionOf(submit, exportEpochMs);
  if (r.text && cells[TEXT] !== '') cells[TEXT] = REDACTED_TEXT;
  if (r.number) {
    const k = cells[DIRECTION] === 'inbound' ? FROM : TO;
    cells[k] = numberCell(redactNumber(unneutralise(cells[k])));
  }
  return cells;
}
