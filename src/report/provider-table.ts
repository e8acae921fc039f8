/**
 * `run --provider plivo,telnyx,twilio`: one table, a column per provider, the lines that
 * answer "which provider gets this traffic out, how fast, and what fails".
 */
import type { Summary } from './summary.js';
import { fmtDuration } from './duration.js';
import { fitText } from './fit-width.js';

const int = (n: number): string => n.toLocaleString('en-US');
const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
/** Longest row label with its reason in brackets; a longer one keeps its code only (the reason goes under the table). */
const LABEL_WIDTH = 30;
/** Times as every table says them (see duration.ts: the rounding rule); a percentile to its histogram's precision. */
const secs = (s: number | null, fromHistogram = false): string => fmtDuration(s, fromHistogram);

/**
 * The summaries side by side (same scenario, one per provider), fitting `width` columns:
 * when the providers' columns do not fit beside the labels, they are split over several
 * blocks, each repeating the labels.
 */
export function renderProviderComparison(summaries: readonly Summary[], width = 80): string {
  const codes = [...new Set(summaries.flatMap((s) => Object.keys(s.failures).filter((c) => s.failures[c].count > 0)))];
  const reason = (code: string) => summaries.find((s) => s.failures[code] !== undefined)!.failures[code].reason;
  // A long reason would widen the whole table: its code alone on the row, the reason below it.
  const long = (c: string) => `  ${c} (${reason(c)})`.length > LABEL_WIDTH;
  const label = (c: string) => (long(c) ? `  ${c}*` : `  ${c} (${reason(c)})`);
  const notes = codes.filter(long).map((c) => `* ${c}: ${reason(c)}`);
  const rows: string[][] = [
    ['', ...summaries.map((s) => s.provider)],
    ['submitted', ...summaries.map((s) => int(s.totals.submitted))],
    ['delivered', ...summaries.map((s) => int(s.totals.delivered))],
    ['delivered %', ...summaries.map((s) => pct(s.totals.delivered, s.totals.submitted))],
    ['failed', ...summaries.map((s) => int(s.totals.failed))],
    ...codes.map((c) => [label(c), ...summaries.map((s) => int(s.failures[c]?.count ?? 0))]),
    ['queued at end', ...summaries.map((s) => int(s.totals.queued))],
    ['wait p50', ...summaries.map((s) => (s.totals.delivered === 0 ? '-' : secs(s.wait.p50, true)))],
    ['wait p95', ...summaries.map((s) => (s.totals.delivered === 0 ? '-' : secs(s.wait.p95, true)))],
    ['wait max', ...summaries.map((s) => (s.totals.delivered === 0 ? '-' : secs(s.wait.max)))],
    ['last message out', ...summaries.map((s) => secs(s.drain_time))],
    ['units charged', ...summaries.map((s) => int(s.units.charged))],
    ['T-Mobile cap rejected', ...summaries.map((s) => int(s.daily_cap.tmobile.reduce((a, d) => a + d.rejected, 0)))],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[], cols: readonly number[]) => cols.map((i) => (i === 0 ? r[0].padEnd(widths[0]) : r[i].padStart(widths[i]))).join('  ').trimEnd();
  // Provider columns in blocks that fit beside the labels.
  const blocks: number[][] = [];
  for (let i = 1; i < widths.length; i++) {
    const last = blocks.at(-1);
    const used = last === undefined ? Infinity : last.reduce((a, j) => a + widths[j] + 2, 0);
    if (last !== undefined && used + widths[i] <= width) last.push(i); // used counts a gap after each column
    else blocks.push([0, i]);
  }
  const s0 = summaries[0];
  const title = `a2psim — ${s0.scenario} (seed ${s0.seed}) under ${summaries.map((s) => s.provider).join(', ')}`;
  // The columns name the providers: a title too long for the width gives their number only.
  const fit = [...title].length <= width ? title : `a2psim — ${s0.scenario} (seed ${s0.seed}) under ${summaries.length} providers`;
  const body = blocks.flatMap((cols, k) => [...(k === 0 ? [] : ['']), ...rows.map((r) => line(r, cols))]);
  return [fitText(fit, width), '', ...body, ...notes.map((n) => fitText(n, width))].join('\n') + '\n';
}
