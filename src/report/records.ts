/**
 * A message record as CSV cells: redaction by the message's `log` setting (FAQ "data
 * logging preference") and spreadsheet-safe text. Pure.
 */
import { failureReason } from '../rules/codes.js';
import type { MessageRecord } from '../engine/types.js';

export const MESSAGE_COLUMNS = [
  'message_uuid', 'traffic', 'from', 'to', 'to_country_iso2', 'direction', 'message_type', 'carrier',
  'message_time', 'dispatched_at', 'wait_seconds', 'status', 'error_code', 'error_reason', 'units', 'text',
  't_seconds',
] as const;

export const REDACTED_TEXT = '***Text Content Redacted***';

/** Keeps all but the last three digits: "+12025550123" → "+12025550***". */
export function redactNumber(n: string): string {
  return n.length <= 3 ? '***' : `${n.slice(0, -3)}***`;
}

/** Which parts of a message are kept, per its `log` setting and direction. */
export function redaction(r: Pick<MessageRecord, 'log' | 'direction'>, logIncoming = true): { number: boolean; text: boolean } {
  if (r.direction === 'inbound') return { number: !logIncoming, text: !logIncoming };
  switch (r.log) {
    case 'true':
      return { number: false, text: false };
    case 'false':
      return { number: true, text: true };
    case 'number_only':
      return { number: false, text: true };
    case 'content_only':
      return { number: true, text: false };
  }
}

/**
 * Neutralises a text cell a spreadsheet would run as a formula (leading = + - @, tab, CR,
 * LF) by prefixing a single quote, as OWASP recommends. Numbers are never passed here.
 */
export function safeText(s: string): string {
  return /^[=+\-@\t\r\n]/.test(s) ? `'${s}` : s;
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

const iso = isoTimestamp;

/** The CSV cells of a record, in {@link MESSAGE_COLUMNS} order. */
export function recordCells(r: MessageRecord, startEpochMs: number, logIncoming = true): (string | number)[] {
  const red = redaction(r, logIncoming);
  const inbound = r.direction === 'inbound';
  const from = inbound && red.number ? redactNumber(r.from) : r.from;
  const to = !inbound && red.number ? redactNumber(r.to) : r.to;
  const text = r.text === null ? '' : red.text ? REDACTED_TEXT : r.text;
  const waitMs = r.endMs === null ? null : r.endMs - r.submitMs;
  return [
    r.uuid,
    safeText(r.traffic),
    safeText(from),
    safeText(to),
    r.toCountry,
    r.direction,
    r.type,
    r.carrier,
    iso(startEpochMs, r.submitMs),
    r.dispatchedMs === null ? '' : iso(startEpochMs, r.dispatchedMs),
    waitMs === null ? '' : waitMs / 1000,
    r.status,
    r.code ?? '',
    r.code === null ? '' : failureReason(r.code),
    r.units,
    safeText(text),
    r.submitMs / 1000,
  ];
}
