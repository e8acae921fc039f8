/**
 * The report's HTML tables: the summary (the same figures as the terminal table) and the
 * rules in force (every stage with its limit, the daily caps). Pure: strings in, string out.
 */
import type { Network } from '../../engine/network.js';
import type { Summary } from '../summary.js';
import { isNumeric, summaryTables as textTables } from '../summary-tables.js';
import { inPassageOrder } from './data.js';
import { escapeHtml as esc } from './escape.js';

const int = (n: number): string => n.toLocaleString('en-US');

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

/** The summary tables, in the terminal report's order and with its figures. */
export function summaryTables(s: Summary): string {
  return textTables(s, { wide: true })
    .map((t) => table(t.caption, [...t.head], t.rows.map((r) => [...r]), t.head.flatMap((_, i) => (isNumeric(t, i) ? [i] : []))))
    .join('\n');
}

/** The rules in force: every stage and its limit, and the daily caps. */
export function rulesTables(s: Summary, net: Network): string {
  const out = [
    table(
      'Stages (rate-limited queues, in the order a message passes them)',
      ['stage', 'kind', 'limit', 'counts', 'pacing', 'max queue'],
      inPassageOrder(net.stages).map((st) => [
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
