/**
 * The report's HTML tables: the summary (the same figures as the terminal table) and the
 * rules in force (every stage with its limit, the daily caps). Pure: strings in, string out.
 */
import type { Network } from '../../engine/network.js';
import type { ScopeSummary, Summary } from '../summary.js';
import { escapeHtml as esc } from './escape.js';

const int = (n: number): string => n.toLocaleString('en-US');
const secs = (s: number | null): string => (s === null ? '–' : `${Number(s.toFixed(3)).toLocaleString('en-US')} s`);
const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);

/**
 * A table; cells are raw text (escaped here). Columns align right from `numeric` on, or
 * exactly the columns listed.
 */
function table(caption: string, head: string[], rows: string[][], numeric: number | number[] = 1): string {
  const isNum = (i: number): boolean => (typeof numeric === 'number' ? i >= numeric : numeric.includes(i));
  const cls = (i: number): string => (isNum(i) ? ' class="num"' : '');
  const th = head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

function failuresCell(f: Record<string, number>): string {
  const parts = Object.entries(f).map(([code, n]) => `${code}: ${int(n)}`);
  return parts.length === 0 ? '–' : parts.join(', ');
}

const SCOPE_HEAD = ['submitted', 'delivered', 'failed', 'queued', 'wait p95', 'last out', 'failures'];

function scopeRow(name: string, s: ScopeSummary, extra: string[] = []): string[] {
  return [
    name, ...extra, int(s.submitted), int(s.delivered), int(s.failed), int(s.queued),
    s.submitted === s.failed ? '–' : secs(s.wait.p95), secs(s.drain_time), failuresCell(s.failures),
  ];
}

/** The summary tables, in the terminal report's order. */
export function summaryTables(s: Summary): string {
  const t = s.totals;
  const out: string[] = [
    table('Totals', ['submitted', 'delivered', 'failed', 'queued', 'delayed', 'delivered %', 'units charged'], [
      [int(t.submitted), int(t.delivered), int(t.failed), int(t.queued), int(t.delayed), pct(t.delivered, t.submitted), int(s.units.charged)],
    ], 0),
    table('Wait of delivered messages', ['', 'p50', 'p95', 'p99', 'max', 'mean'], [
      ['seconds', secs(s.wait.p50), secs(s.wait.p95), secs(s.wait.p99), secs(s.wait.max), secs(s.wait.mean)],
    ]),
  ];
  const failures = Object.entries(s.failures).filter(([, f]) => f.count > 0);
  if (failures.length > 0) {
    out.push(table('Failures', ['code', 'reason', 'count'], failures.map(([c, f]) => [c, f.reason, int(f.count)]), 2));
  }
  out.push(
    table(
      'By carrier',
      ['carrier', 'TPM', ...SCOPE_HEAD],
      Object.entries(s.by_carrier)
        .filter(([, c]) => c.submitted > 0)
        .map(([name, c]) => scopeRow(name, c, [c.tpm === null ? '–' : int(c.tpm)])),
    ),
  );
  if (s.daily_cap.tmobile.length > 0) {
    out.push(
      table('T-Mobile daily cap', ['day (Pacific)', 'cap', 'used', 'rejected'], s.daily_cap.tmobile.map((d) => [
        d.day, int(d.cap), int(d.used), int(d.rejected),
      ])),
    );
  }
  const senders = Object.entries(s.by_sender).filter(([, c]) => c.submitted > 0);
  out.push(table('By sender', ['sender', ...SCOPE_HEAD], senders.map(([n, c]) => scopeRow(n, c))));
  if (Object.keys(s.by_traffic).length > 1) {
    out.push(table('By traffic', ['traffic', ...SCOPE_HEAD], Object.entries(s.by_traffic).map(([n, c]) => scopeRow(n, c))));
  }
  return out.join('\n');
}

/** The rules in force: every stage and its limit, and the daily caps. */
export function rulesTables(s: Summary, net: Network): string {
  const out = [
    table(
      'Stages (rate-limited queues, in the order a message passes them)',
      ['stage', 'kind', 'limit', 'counts', 'pacing', 'max queue'],
      net.stages.map((st) => [
        st.name, st.kind, s.stages[st.id]?.limit ?? '', st.limit.countBy, st.limit.pacing, int(s.stages[st.id]?.max_queue ?? 0),
      ]),
      [5],
    ),
  ];
  if (net.dailyCaps.length > 0) {
    out.push(
      table('Daily caps (reached = rejected at once, never queued)', ['cap', 'carrier', 'per day', 'counts', 'day boundary'],
        net.dailyCaps.map((c) => [c.name, c.carrier, int(c.cap), c.countUnits ? 'units' : 'messages', `midnight ${c.zone}`]), [2]),
    );
  }
  return out.join('\n');
}
