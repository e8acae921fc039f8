/**
 * The terminal report: the summary tables (see summary-tables.ts) drawn with cli-table3.
 * Returns a string; the CLI decides where it goes.
 */
import Table from 'cli-table3';
import type { Summary } from './summary.js';
import { fmtInt, fmtSec, summaryTables } from './summary-tables.js';

/** Renders the summary for a terminal. */
export function renderTable(s: Summary): string {
  const out: string[] = [];
  out.push(`a2psim — ${s.scenario} (seed ${s.seed})`);
  out.push(`start ${s.start}   end ${s.end}   last message out at ${fmtSec(s.drain_time)}`);
  for (const t of summaryTables(s)) {
    const table = new Table({
      head: [...t.head],
      style: { head: [], border: [] },
      colAligns: t.head.map((_, i) => (i >= t.numericFrom ? 'right' : 'left')),
    });
    table.push(...t.rows.map((r) => [...r]));
    out.push(t.caption, table.toString());
    if (t.caption === 'Totals' && s.inbound > 0) {
      out.push(`inbound messages replayed (received, not throttled, not in the totals): ${fmtInt(s.inbound)}`);
    }
  }
  if (s.bottlenecks !== undefined) out.push(`Bottleneck: ${s.bottlenecks.binding}`);
  if (s.warnings.length > 0) out.push('Warnings', ...s.warnings.map((w) => `  ! ${w}`));
  return out.join('\n') + '\n';
}
