/**
 * Twilio BulkExport day files as replay input: gzip-compressed JSON lines, one Message
 * record per line (`date_created`, `date_sent`, `from`, `to`, `body`, `num_segments`,
 * `num_media`, `direction`, `status`, `sid`). Each record becomes one replayed message at
 * its `date_created` (when Twilio accepted it; `date_sent` when absent); `num_media` > 0
 * makes it MMS, `num_segments` its units, `direction` inbound-or-not its direction. The
 * status is ignored: the simulation computes its own outcome. A bad line stops the load
 * with `FILE:LINE FIELD: expected X, got Y`, as a bad CSV row does.
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ScenarioError } from '../scenario/errors.js';
import type { Scenario, TrafficSource } from '../scenario/model.js';
import type { ReplayRow } from './feed.js';
import { replayTime } from './replay-time.js';
import { unitsOf } from '../scenario/segments.js';

const PHONE = /^\+?\d{3,15}$/;

const show = (v: unknown): string => {
  const s = typeof v === 'string' ? JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}...` : v) : JSON.stringify(v);
  return s === undefined ? 'nothing' : s;
};

/** A record's time: ISO 8601 (BulkExport) or RFC 2822 (the Messages API), epoch ms; undefined when neither. */
function twilioTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const iso = replayTime(v);
  if (iso !== undefined) return iso;
  // RFC 2822, as the Messages API writes it: "Wed, 06 May 2026 14:00:00 +0000".
  if (!/^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$/.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A whole number >= `min` from a number or a numeric string (Twilio writes both); undefined otherwise. */
function count(v: unknown, min: number): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= min ? n : undefined;
}

/**
 * Every record of a BulkExport file, in stable time order.
 * @throws ScenarioError for a file that is not gzip, a line that is not a JSON object, or a
 *   record whose time, from, to, num_segments or num_media is missing or malformed.
 */
export function readTwilioBulkExport(path: string, scenario: Scenario, source: TrafficSource): ReplayRow[] {
  let text: string;
  try {
    // A FIFO would block the load forever: only a regular file is read.
    if (!statSync(path).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    text = gunzipSync(readFileSync(path)).toString('utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new ScenarioError({
      file: path,
      expected: 'a Twilio BulkExport day file (gzip-compressed JSON lines)',
      actual: why,
      reason: `cannot read the replay file of traffic "${source.name}" as a Twilio BulkExport (${why})`,
    });
  }
  const bad = (line: number, field: string, expected: string, actual: string): ScenarioError =>
    new ScenarioError({ file: path, line, column: 0, path: field, expected, actual });
  const rows: ReplayRow[] = [];
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k].trim();
    if (raw === '') continue;
    const line = k + 1;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw bad(line, '', 'a JSON object (one Message record per line)', show(raw));
    }
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) throw bad(line, '', 'a JSON object (one Message record per line)', show(raw));
    const timeField = rec.date_created !== undefined && rec.date_created !== null ? 'date_created' : 'date_sent';
    const epochMs = twilioTime(rec[timeField]);
    if (epochMs === undefined) throw bad(line, timeField, 'a time such as 2026-05-06T14:00:00Z or "Wed, 06 May 2026 14:00:00 +0000"', show(rec[timeField]));
    const atMs = epochMs - scenario.startEpochMs;
    if (atMs < 0) throw bad(line, timeField, `a time at or after the scenario start ${new Date(scenario.startEpochMs).toISOString()}`, show(rec[timeField]));
    for (const f of ['from', 'to'] as const) {
      if (typeof rec[f] !== 'string' || !PHONE.test(rec[f])) throw bad(line, f, 'a phone number such as +12025550123 (or a short code)', show(rec[f]));
    }
    const media = rec.num_media === undefined ? 0 : count(rec.num_media, 0);
    if (media === undefined) throw bad(line, 'num_media', 'a whole number >= 0', show(rec.num_media));
    const type = media > 0 ? 'mms' : 'sms';
    const body = typeof rec.body === 'string' && rec.body !== '' ? rec.body : null;
    let units: number;
    if (rec.num_segments !== undefined && rec.num_segments !== null) {
      const n = count(rec.num_segments, 1);
      if (n === undefined) throw bad(line, 'num_segments', 'a whole number of segments >= 1', show(rec.num_segments));
      units = type === 'mms' ? 1 : n;
    } else units = type === 'mms' ? 1 : body === null ? source.units : unitsOf(body).units;
    const direction = typeof rec.direction === 'string' && rec.direction.startsWith('inbound') ? 'inbound' : 'outbound';
    const from = rec.from as string;
    const to = rec.to as string;
    rows.push({
      atMs,
      uuid: typeof rec.sid === 'string' && rec.sid !== '' ? rec.sid : null,
      from: from.length >= 8 && !from.startsWith('+') ? `+${from}` : from,
      to: to.length >= 8 && !to.startsWith('+') ? `+${to}` : to,
      toCountry: source.toCountry,
      direction,
      type,
      carrier: null,
      units,
      text: body ?? source.text,
      expirySeconds: null,
      log: null,
      tooLong: units > scenario.rules.maxLength.units,
    });
  }
  // Stable: records of the same time keep their file order.
  return rows.map((r, i) => [r, i] as const).sort((a, b) => a[0].atMs - b[0].atMs || a[1] - b[1]).map(([r]) => r);
}
