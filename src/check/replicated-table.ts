/**
 * The terminal and CSV forms of a replicated document (`run --replications N`): the
 * summary's tables with each figure as `mean ± 95% half-width`. Pure.
 */
import { stringify } from 'csv-stringify/sync';
import { FAILURE_CODES } from '../rules/codes.js';
import { safeText } from '../report/records.js';
import { drawTable, warningsPointer } from '../report/table.js';
import { metricDef, SCOPE_KINDS, type ScopeKind } from '../scenario/expect/metric-defs.js';
import { fitText } from '../report/fit-width.js';
import type { MetricStat, ReplicatedDoc } from './replicated.js';
import type { SummaryFormat } from '../report/formats.js';
import { fmtDuration } from '../report/duration.js';

const KINDS = Object.keys(SCOPE_KINDS) as ScopeKind[];

/** Decimals that show a half-width to 2 significant digits (0 to 3). */
function decimalsFor(halfWidth: number): number {
  if (halfWidth <= 0) return 3;
  return Math.min(3, Math.max(0, 1 - Math.floor(Math.log10(halfWidth))));
}

/**
 * `1,234.5 ± 12` (counts), `12.5s ± 0.43s` (times), `99.3% ± 0.12%` (ratios): the mean to
 * the precision of its half-width (2 significant digits); `-` without data.
 */
function cell(doc: ReplicatedDoc, key: string): string {
  const s: MetricStat | undefined = doc.metrics[key];
  if (s === undefined || s.mean === null) return '-';
  const name = /^[a-z_0-9]+/.exec(key)![0];
  const kind = metricDef(name, key.startsWith('failed['))!.kind;
  const scale = kind === 'ratio' ? 100 : 1;
  const unit = kind === 'ratio' ? '%' : kind === 'time' ? 's' : '';
  const digits = s.ci95_half_width === null ? 3 : decimalsFor(s.ci95_half_width * scale);
  // Times as every table says them (fmtDuration), after rounding to the half-width's precision.
  const show = (v: number): string =>
    kind === 'time' ? fmtDuration(Number(v.toFixed(digits))) : `${(v * scale).toLocaleString('en-US', { maximumFractionDigits: digits })}${unit}`;
  return s.ci95_half_width === null ? show(s.mean) : `${show(s.mean)} ± ${show(s.ci95_half_width)}`;
}

/** A table drawn as the terminal report draws its own (`width` columns, no rule between rows). */
function drawAt(caption: string, head: string[], rows: string[][], numericFrom: number, width: number): string {
  return `\n${caption}\n${drawTable({ caption, head, rows, numericFrom }, width)}`;
}

/** How {@link renderReplicatedTable} fits a terminal. */
export interface ReplicatedTableOptions {
  /** Columns every line fits (a longer word excepted); default 80. */
  readonly width?: number;
  /** Whether the warnings were printed on stderr (false under `--quiet`); default true. */
  readonly warningsShown?: boolean;
}

/** Names of one scope kind that the document has metrics for, in document order. */
function scopeNames(doc: ReplicatedDoc, kind: ScopeKind): string[] {
  const names = new Set<string>();
  const re = new RegExp(`^submitted\\{${kind}=(.*)\\}$`);
  for (const key of Object.keys(doc.metrics)) {
    const m = re.exec(key);
    if (m) names.add(m[1]);
  }
  return [...names];
}

/** Renders the document for a terminal: totals, waits, failures, and each scope kind. */
export function renderReplicatedTable(doc: ReplicatedDoc, options: ReplicatedTableOptions = {}): string {
  const n = doc.replications.n;
  const width = options.width ?? 80;
  const draw = (caption: string, head: string[], rows: string[][], numericFrom: number): string => drawAt(caption, head, rows, numericFrom, width);
  const out = [fitText(`a2psim — ${doc.scenario} (seed ${doc.seed}, ${n} replications: mean ± 95% half-width)`, width)];
  const c = (key: string): string => cell(doc, key);
  out.push(draw('Totals', ['submitted', 'delivered', 'failed', 'queued', 'delayed', 'delivered %'], [['submitted', 'delivered', 'failed', 'queued', 'delayed', 'delivered_ratio'].map(c)], 0));
  // One row per figure: six `mean ± half-width` cells side by side would not fit 80 columns.
  const waits: [string, string][] = [['p50', 'wait_p50'], ['p95', 'wait_p95'], ['p99', 'wait_p99'], ['max', 'wait_max'], ['mean', 'wait_mean'], ['last out', 'drain_time']];
  out.push(draw('Wait of delivered messages', ['', 'mean ± 95% half-width'], waits.map(([label, key]) => [label, c(key)]), 1));
  const codes = FAILURE_CODES.filter((r) => doc.metrics[`failed[${r.code}]`] !== undefined);
  if (codes.length > 0) out.push(draw('Failures', ['code', 'reason', 'count'], codes.map((r) => [r.code, r.reason, c(`failed[${r.code}]`)]), 2));
  for (const kind of KINDS) {
    const names = scopeNames(doc, kind);
    if (names.length === 0) continue;
    const rows = names.map((name) => [name, ...['submitted', 'delivered', 'failed', 'queued', 'wait_p95', 'drain_time'].map((m) => c(`${m}{${kind}=${name}}`))]);
    out.push(draw(`By ${kind}`, [kind, 'submitted', 'delivered', 'failed', 'queued', 'wait p95', 'last out'], rows, 1));
  }
  // The warnings themselves go to stderr, once; the table only says that there are some.
  if (doc.warnings.length > 0) out.push('', warningsPointer(doc.warnings.length, options.warningsShown !== false));
  return out.join('\n') + '\n';
}

/**
 * The document as CSV: one row per metric — `metric,mean,ci95_half_width,runs,note` —
 * values in the metric's unit (counts, ratios in [0, 1], seconds).
 */
export function replicatedCsv(doc: ReplicatedDoc, opts: { delimiter?: string; bom?: boolean } = {}): string {
  const rows = Object.entries(doc.metrics).map(([k, s]) => [safeText(k), s.mean ?? '', s.ci95_half_width ?? '', s.n, s.note ?? '']);
  const text = stringify([['metric', 'mean', 'ci95_half_width', 'runs', 'note'], ...rows], { delimiter: opts.delimiter ?? ',', record_delimiter: '\r\n' });
  return (opts.bom ? '\ufeff' : '') + text;
}

/** The replicated summary in each format of a run's summary (`run --replications N --format F`). */
export const REPLICATED_FORMATS: Record<SummaryFormat, (doc: ReplicatedDoc, csv: { delimiter?: string; bom?: boolean }, table: ReplicatedTableOptions) => string> = {
  table: (doc, _csv, table) => renderReplicatedTable(doc, table),
  json: (doc) => JSON.stringify(doc, null, 2) + '\n',
  csv: (doc, csv) => replicatedCsv(doc, csv),
};
