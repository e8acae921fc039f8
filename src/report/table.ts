/**
 * The terminal report: the summary as a few cli-table3 tables. Returns a string; the CLI
 * decides where it goes.
 */
import Table from 'cli-table3';
import type { ScopeSummary, Summary } from './summary.js';

const fmtInt = (n: number): string => n.toLocaleString('en-US');
const fmtSec = (s: number | null): string => (s === null ? '-' : `${Number(s.toFixed(3))}s`);
const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);

function makeTable(head: string[], alignRightFrom = 1): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [] },
    colAligns: head.map((_, i) => (i >= alignRightFrom ? 'right' : 'left')),
  });
}

function failuresCell(f: Record<string, number>): string {
  const parts = Object.entries(f).map(([code, n]) => `${code}: ${fmtInt(n)}`);
  return parts.length === 0 ? '-' : parts.join(', ');
}

function scopeRow(name: string, s: ScopeSummary, extra: string[] = []): string[] {
  return [
    name,
    ...extra,
    fmtInt(s.submitted),
    fmtInt(s.delivered),
    fmtInt(s.failed),
    fmtInt(s.queued),
    fmtSec(s.submitted === s.failed ? null : s.wait.p95),
    fmtSec(s.drain_time),
    failuresCell(s.failures),
  ];
}

const SCOPE_HEAD = ['submitted', 'delivered', 'failed', 'queued', 'wait p95', 'last out', 'failures'];

/** Renders the summary for a terminal. */
export function renderTable(s: Summary): string {
  const out: string[] = [];
  out.push(`a2psim — ${s.scenario} (seed ${s.seed})`);
  out.push(`start ${s.start}   end ${s.end}   last message out at ${fmtSec(s.drain_time)}`);

  const totals = makeTable(['submitted', 'delivered', 'failed', 'queued', 'delayed', 'delivered %', 'units charged'], 0);
  const t = s.totals;
  totals.push([
    fmtInt(t.submitted), fmtInt(t.delivered), fmtInt(t.failed), fmtInt(t.queued), fmtInt(t.delayed),
    pct(t.delivered, t.submitted), fmtInt(s.units.charged),
  ]);
  out.push('Totals', totals.toString());
  if (s.inbound > 0) out.push(`inbound messages replayed (received, not throttled, not in the totals): ${fmtInt(s.inbound)}`);

  const wait = makeTable(['wait (delivered)', 'p50', 'p95', 'p99', 'max', 'mean'], 1);
  wait.push(['seconds', fmtSec(s.wait.p50), fmtSec(s.wait.p95), fmtSec(s.wait.p99), fmtSec(s.wait.max), fmtSec(s.wait.mean)]);
  out.push(wait.toString());

  const failures = Object.entries(s.failures).filter(([, f]) => f.count > 0);
  if (failures.length > 0) {
    const ft = makeTable(['code', 'reason', 'count'], 2);
    for (const [code, f] of failures) ft.push([code, f.reason, fmtInt(f.count)]);
    out.push('Failures', ft.toString());
  }

  const withTpm = Object.values(s.by_carrier).some((c) => c.tpm !== null);
  const carriers = makeTable(['carrier', ...(withTpm ? ['10DLC TPM'] : []), ...SCOPE_HEAD]);
  for (const [name, c] of Object.entries(s.by_carrier)) {
    if (c.submitted === 0) continue;
    carriers.push(scopeRow(name, c, withTpm ? [c.tpm === null ? '-' : fmtInt(c.tpm)] : []));
  }
  out.push('By carrier', carriers.toString());

  if (s.daily_cap.tmobile.length > 0) {
    const cap = makeTable(['T-Mobile day (PT)', 'cap', 'used', 'rejected']);
    for (const d of s.daily_cap.tmobile) cap.push([d.day, fmtInt(d.cap), fmtInt(d.used), fmtInt(d.rejected)]);
    out.push('T-Mobile daily cap', cap.toString());
  }

  const senders = makeTable(['sender', ...SCOPE_HEAD]);
  for (const [name, c] of Object.entries(s.by_sender)) if (c.submitted > 0) senders.push(scopeRow(name, c));
  out.push('By sender', senders.toString());

  if (Object.keys(s.by_traffic).length > 1) {
    const traffic = makeTable(['traffic', ...SCOPE_HEAD]);
    for (const [name, c] of Object.entries(s.by_traffic)) traffic.push(scopeRow(name, c));
    out.push('By traffic', traffic.toString());
  }

  if (s.warnings.length > 0) out.push('Warnings', ...s.warnings.map((w) => `  ! ${w}`));
  return out.join('\n') + '\n';
}
