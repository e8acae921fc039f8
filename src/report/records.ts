/**
 * A message record as CSV cells: redaction by the message's `log` setting (FAQ "data
 * logging preference") and spreadsheet-safe text. Pure.
 */
import { failureReason } from '../rules/codes.js';
import { DATA_LOGGING } from '../rules/rulebook.js';
import type { MessageRecord } from '../engine/types.js';

export const MESSAGE_COLUMNS = [
  'message_uuid', 'traffic', 'from', 'to', 'to_country_iso2', 'direction', 'message_type', 'carrier',
  'message_time', 'dispatched_at', 'wait_seconds', 'status', 'error_code', 'error_reason', 'units', 'text',
  't_seconds',
] as const;

/** Columns added after {@link MESSAGE_COLUMNS} when a scenario's clients retry or defer. */
export const RETRY_COLUMNS = ['attempt', 'retry_of'] as const;

export const REDACTED_TEXT = '***Text Content Redacted***';

/** Keeps all but the last three digits: "+12025550123" → "+12025550***". */
export function redactNumber(n: string): string {
  return n.length <= 3 ? '***' : `${n.slice(0, -3)}***`;
}

/** Inbound messages follow the application flag `log_incoming_messages`: both or neither. */
const INBOUND = {
  logged: { redactNumber: false, redactText: false },
  redacted: { redactNumber: true, redactText: true },
} as const;

/** What a message's log entry redacts: its `log` setting (outbound) or the application flag (inbound). */
export function redaction(r: Pick<MessageRecord, 'log' | 'direction'>, logIncoming = true): { redactNumber: boolean; redactText: boolean } {
  if (r.direction === 'inbound') return logIncoming ? INBOUND.logged : INBOUND.redacted;
  return DATA_LOGGING[r.log];
}

/**
 * Leading characters a spreadsheet runs as a formula (OWASP: = + - @, tab, CR, LF), after
 * any run of `'`: a text that already starts with `'` and then one of them gets one more
 * `'`, so that removing one leading `'` ({@link unneutralise}) always gives the text back.
 */
const FORMULA_START = /^'*[=+\-@\t\r\n]/;

/**
 * Neutralises a free-text cell (text, traffic names, reasons) a spreadsheet would run as
 * a formula by prefixing a single quote, as OWASP recommends. Numbers are never passed here.
 */
export function safeText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** The exact inverse of {@link safeText} (the replay reader strips the same way). */
export function unneutralise(s: string): string {
  return s.length > 1 && s[0] === "'" && FORMULA_START.test(s) ? s.slice(1) : s;
}

/** A phone number as the FAQ prints it: "+" and digits, or redacted as "+12025550***". */
const PHONE = /^\+\d+(?:\*\*\*)?$/;

/**
 * A `from`/`to` cell: a phone number is written as it is (`+18885550100`, which a
 * spreadsheet reads as the number it is); anything else (a sender ID, a short code) is
 * free text and goes through {@link safeText}.
 */
export function numberCell(s: string): string {
  return PHONE.test(s) ? s : safeText(s);
}

/** "000Z" .. "999Z": the millisecond tail of an ISO timestamp. */
const MS_TAIL: readonly string[] = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}Z`);
let cachedSecond = NaN;
let cachedPrefix = '';

/**
 * `Date.prototype.toISOString()` of `startEpochMs + ms`. Rows come in near time order, so
 * the "YYYY-MM-DDTHH:MM:SS." prefix is formatted once per second and reused; the output is
 * exactly toISOString's.
 */
export function isoTimestamp(startEpochMs: number, ms: number): string {
  const t = startEpochMs + ms;
  if (!Number.isInteger(t)) return new Date(t).toISOString();
  const second = Math.floor(t / 1000);
  if (second !== cachedSecond) {
    const full = new Date(second * 1000).toISOString();
    cachedPrefix = full.slice(0, full.length - 4);
    cachedSecond = second;
  }
  return cachedPrefix + MS_TAIL[t - second * 1000];
}

/** The CSV cells of a record, in {@link MESSAGE_COLUMNS} order. */
export function recordCells(r: MessageRecord, startEpochMs: number, logIncoming = true): (string | number)[] {
  const red = redaction(r, logIncoming);
  const inbound = r.direction === 'inbound';
  const from = inbound && red.redactNumber ? redactNumber(r.from) : r.from;
  const to = !inbound && red.redactNumber ? redactNumber(r.to) : r.to;
  const text = r.text === null ? '' : red.redactText ? REDACTED_TEXT : r.text;
  const waitMs = r.endMs === null ? null : r.endMs - r.submitMs;
  return [
    r.uuid,
    safeText(r.traffic),
    numberCell(from),
    numberCell(to),
    r.toCountry,
    r.direction,
    r.type,
    r.carrier,
    isoTimestamp(startEpochMs, r.submitMs),
    r.dispatchedMs === null ? '' : isoTimestamp(startEpochMs, r.dispatchedMs),
    waitMs === null ? '' : waitMs / 1000,
    r.status,
    r.code ?? '',
    r.code === null ? '' : safeText(failureReason(r.code)),
    r.units,
    safeText(text),
    r.submitMs / 1000,
  ];
}
