/**
 * The summary as a list of plain tables (caption, header, rows of text): the one model the
 * terminal report and the HTML report both render, so they always show the same figures.
 * Pure.
 */
import { clockTime, fmtDuration, offsetText } from './duration.js';
import type { ScopeSummary, Summary } from './summary.js';

export interface TextTable {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns from this index on hold numbers (right-aligned)... */
  readonly numericFrom: number;
  /** ...up to this index (excluded), when a text column follows them. */
  readonly numericTo?: number;
}

/**
 * When the run happened, as people say it, with clock times at the scenario's UTC offset:
 * `start` "2026-05-04 09:00:00 -04:00", `ranFor` "1m 1s", `lastOut` "last message out at
 * 1m (09:01:00)" or "no message was delivered".
 */
export function runTimes(s: Summary, utcOffsetMinutes: number): { start: string; ranFor: string; lastOut: string } {
  const startMs = Date.parse(s.start);
  const at = (ms: number): string => clockTime(ms, utcOffsetMinutes, startMs);
  return {
    start: `${clockTime(startMs, utcOffsetMinutes)} ${offsetText(utcOffsetMinutes)}`,
    ranFor: fmtDuration((Date.parse(s.end) - startMs) / 1000),
    lastOut: s.drain_time === null
      ? 'no message was delivered'
      : `last message out at ${fmtDuration(s.drain_time)} (${at(startMs + s.drain_time * 1000)})`,
  };
}

/** True when column `i` of `t` holds numbers (drawn right-aligned). */
export const isNumeric = (t: TextTable, i: number): boolean => i >= t.numericFrom && i < (t.numericTo ?? Infinity);

/** 1234567 → "1,234,567". */
export const fmtInt = (n: number): string => n.toLocaleString('en-US');
/** Options of {@link summaryTables}. */
export interface TableOptions {
  /**
   * Every column (the failures of each carrier, sender and traffic source, "10DLC TPM"
   * spelt out). Default false: the tables fit an 80-column terminal.
   */
  readonly wide?: boolean;
}
const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);

function failuresCell(f: Record<string, number>): string {
  const parts = Object.entries(f).map(([code, n]) => `${code}: ${fmtInt(n)}`);
  return parts.length === 0 ? '-' : parts.join(', ');
}

const SCOPE_HEAD = ['submitted', 'delivered', 'failed', 'queued', 'wait p95', 'last out'];

function scopeRow(name: string, s: ScopeSummary, wide: boolean, extra: string[] = []): string[] {
  return [
    name,
    ...extra,
    fmtInt(s.submitted),
    fmtInt(s.delivered),
    fmtInt(s.failed),
    fmtInt(s.queued),
    fmtDuration(s.wait.p95, true),
    fmtDuration(s.drain_time),
    ...(wide ? [failuresCell(s.failures)] : []),
  ];
}

/**
 * Totals, waits, failures (when any), by carrier (with the 10DLC TPM column when the
 * scenario has 10DLC stages), the T-Mobile daily cap (when used), by sender, and by
 * traffic (when there is more than one source). Durations read `1m 52.9s`; a value that
 * does not exist (no message delivered) is `-`, never 0.
 */
export function summaryTables(s: Summary, options: TableOptions = {}): TextTable[] {
  const wide = options.wide === true;
  const scopeHead = wide ? [...SCOPE_HEAD, 'failures'] : SCOPE_HEAD;
  const t = s.totals;
  const out: TextTable[] = [
    {
      caption: 'Totals',
      head: ['submitted', 'delivered', 'failed', 'queued', 'delayed', 'delivered %', 'units charged'],
      rows: [[fmtInt(t.submitted), fmtInt(t.delivered), fmtInt(t.failed), fmtInt(t.queued), fmtInt(t.delayed), pct(t.delivered, t.submitted), fmtInt(s.units.charged)]],
      numericFrom: 0,
    },
    {
      caption: 'Wait of delivered messages',
      head: ['p50', 'p95', 'p99', 'max', 'mean'],
      rows: [[fmtDuration(s.wait.p50, true), fmtDuration(s.wait.p95, true), fmtDuration(s.wait.p99, true), fmtDuration(s.wait.max), fmtDuration(s.wait.mean)]],
      numericFrom: 0,
    },
  ];
  const failures = Object.entries(s.failures).filter(([, f]) => f.count > 0);
  if (failures.length > 0) {
    out.push({ caption: 'Failures', head: ['code', 'reason', 'count'], rows: failures.map(([c, f]) => [c, f.reason, fmtInt(f.count)]), numericFrom: 2 });
  }
  const withTpm = Object.values(s.by_carrier).some((c) => c.tpm !== null);
  out.push({
    caption: withTpm && !wide ? 'By carrier (TPM: the 10DLC limit per minute)' : 'By carrier',
    head: ['carrier', ...(withTpm ? [wide ? '10DLC TPM' : 'TPM'] : []), ...scopeHead],
    rows: Object.entries(s.by_carrier)
      .filter(([, c]) => c.submitted > 0)
      .map(([name, c]) => scopeRow(name, c, wide, withTpm ? [c.tpm === null ? '-' : fmtInt(c.tpm)] : [])),
    numericFrom: 1,
    numericTo: withTpm ? 8 : 7,
  });
  if (s.daily_cap.tmobile.length > 0) {
    out.push({
      caption: 'T-Mobile daily cap',
      head: ['T-Mobile day (PT)', 'cap', 'used', 'rejected'],
      rows: s.daily_cap.tmobile.map((d) => [d.day, fmtInt(d.cap), fmtInt(d.used), fmtInt(d.rejected)]),
      numericFrom: 1,
    });
  }
  out.push({
    caption: 'By sender',
    head: ['sender', ...scopeHead],
    rows: Object.entries(s.by_sender).filter(([, c]) => c.submitted > 0).map(([n, c]) => scopeRow(n, c, wide)),
    numericFrom: 1,
    numericTo: 7,
  });
  if (Object.keys(s.by_traffic).length > 1) {
    out.push({ caption: 'By traffic', head: ['traffic', ...scopeHead], rows: Object.entries(s.by_traffic).map(([n, c]) => scopeRow(n, c, wide)), numericFrom: 1, numericTo: 7 });
  }
  return out;
}
