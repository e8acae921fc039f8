/**
 * The summary as one flat CSV table (`--format csv`): a `total` row (attempts), a `messages`
 * row when clients retry (messages: delivered, lost as `failed`, pending as `queued`), then one row per
 * carrier, sender and traffic source, each with counts, waits (seconds) and failures per
 * code. A value that does not exist (a wait when nothing was delivered) is an empty cell,
 * never 0. Pure; RFC 4180 via csv-stringify.
 */
import { stringify } from 'csv-stringify/sync';
import { FAILURE_CODES } from '../rules/codes.js';
import { safeText } from './records.js';
import { totalScope, type ScopeSummary, type Summary } from './summary.js';

/** Column names of the summary CSV. */
export const SUMMARY_COLUMNS = [
  'scope', 'name', 'submitted', 'delivered', 'failed', 'queued', 'delayed',
  'wait_p50', 'wait_p95', 'wait_p99', 'wait_max', 'wait_mean', 'drain_time',
  'units_submitted', 'units_charged',
  ...FAILURE_CODES.map((f) => `failed_${f.code}`),
] as const;

function row(scope: string, name: string, s: ScopeSummary): (string | number)[] {
  return [
    scope, safeText(name), s.submitted, s.delivered, s.failed, s.queued, s.delayed,
    s.wait.p50 ?? '', s.wait.p95 ?? '', s.wait.p99 ?? '', s.wait.max ?? '', s.wait.mean ?? '', s.drain_time ?? '',
    s.units.submitted, s.units.charged,
    ...FAILURE_CODES.map((f) => s.failures[f.code] ?? 0),
  ];
}

/** The `messages` row: the run's messages, delivered, lost (`failed`) and pending (`queued`); other cells empty. */
function messagesRow(s: Summary): (string | number)[] {
  const m = s.messages!;
  return ['messages', safeText(s.scenario), m.total, m.delivered, m.failed, m.queued, ...new Array<string>(SUMMARY_COLUMNS.length - 6).fill('')];
}

/**
 * The summary CSV text, header first, CRLF line endings.
 * @param options.delimiter field delimiter, default ","; `bom` prefixes a UTF-8 BOM.
 */
export function summaryCsv(s: Summary, options: { delimiter?: string; bom?: boolean } = {}): string {
  const rows = [
    [...SUMMARY_COLUMNS],
    row('total', s.scenario, totalScope(s)),
    // With client retries: messages (chains of attempts) apart from attempts; lost under failed, pending under queued.
    ...(s.messages === undefined ? [] : [messagesRow(s)]),
    ...Object.entries(s.by_carrier).map(([k, v]) => row('carrier', k, v)),
    ...Object.entries(s.by_sender).map(([k, v]) => row('sender', k, v)),
    ...Object.entries(s.by_traffic).map(([k, v]) => row('traffic', k, v)),
  ];
  const text = stringify(rows, { delimiter: options.delimiter ?? ',', record_delimiter: '\r\n' });
  return (options.bom ? '\ufeff' : '') + text;
}
