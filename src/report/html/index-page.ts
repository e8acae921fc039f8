/**
 * The index page of a directory of reports (`check --report DIR`): one line per scenario
 * with its totals (or their means ± 95% half-width under replications), its result when
 * known — thresholds failed and baseline regressions told apart — and a link to its
 * report. Pure.
 */
import { fmtDuration } from '../duration.js';
import type { Summary } from '../summary.js';
import { escapeHtml as esc } from './escape.js';
import { PAGE_CSS } from './page.js';

/** A mean over replications with its 95% half-width; `mean` null when a run had no value. */
export interface MeanCell {
  readonly mean: number | null;
  readonly halfWidth: number | null;
}

/** The index's figures as means over replications, shown instead of the first run's. */
export interface IndexMeans {
  readonly runs: number;
  readonly submitted: MeanCell;
  readonly delivered: MeanCell;
  readonly failed: MeanCell;
  readonly queued: MeanCell;
  /** Seconds. */
  readonly waitP95: MeanCell;
}

export interface IndexRow {
  /** File name of the report, relative to the index. */
  readonly href: string;
  /** Where the scenario came from (its file), shown beside its name. */
  readonly source: string;
  readonly summary: Summary;
  /** Everything passed (true), something failed (false) or not evaluated (undefined). */
  readonly passed?: boolean;
  /** How many thresholds failed, when evaluated. */
  readonly thresholdsFailed?: number;
  /** How many baseline metrics regressed, when compared. */
  readonly regressions?: number;
  /** Means over replications; the figures of the summary (one run) otherwise. */
  readonly means?: IndexMeans;
}

const int = (n: number): string => n.toLocaleString('en-US');
const dec = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 3 });
const cell = (c: MeanCell, unit = ''): string =>
  c.mean === null ? '-' : c.halfWidth === null ? `${dec(c.mean)}${unit}` : `${dec(c.mean)}${unit} ± ${dec(c.halfWidth)}${unit}`;

/** The result cell: ✓ pass, or which kind of check failed. */
function stateCell(r: IndexRow): string {
  if (r.passed === undefined) return '';
  if (r.passed) return '<span style="color:var(--ok)">✓ pass</span>';
  const parts: string[] = [];
  if ((r.thresholdsFailed ?? 0) > 0) parts.push(`threshold failed (${r.thresholdsFailed})`);
  if ((r.regressions ?? 0) > 0) parts.push(`baseline regression (${r.regressions})`);
  return `<span class="warn">✗ ${esc(parts.length === 0 ? 'fail' : parts.join(', '))}</span>`;
}

function figures(r: IndexRow): string[] {
  if (r.means !== undefined) {
    const m = r.means;
    return [cell(m.submitted), cell(m.delivered), cell(m.failed), cell(m.queued), cell(m.waitP95, ' s')];
  }
  const t = r.summary.totals;
  return [int(t.submitted), int(t.delivered), int(t.failed), int(t.queued), fmtDuration(r.summary.wait.p95, true)];
}

/** Renders the index page. */
export function renderIndexPage(rows: readonly IndexRow[], title = 'a2psim reports'): string {
  const body = rows
    .map((r) => {
      const nums = figures(r).map((f) => `<td class="num">${esc(f)}</td>`).join('');
      return `<tr><td><a href="${esc(encodeURI(r.href))}">${esc(r.summary.scenario)}</a></td><td>${esc(r.source)}</td><td>${stateCell(r)}</td>${nums}</tr>`;
    })
    .join('\n');
  const runs = [...new Set(rows.flatMap((r) => (r.means === undefined ? [] : [r.means.runs])))];
  const note =
    runs.length === 0
      ? ''
      : `\n<p>Figures are means ± 95% half-width over ${runs.join(' / ')} replications; each scenario's report shows its first run (the scenario's own seed).</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
<table><thead><tr><th>scenario</th><th>file</th><th>result</th><th class="num">submitted</th><th class="num">delivered</th>` +
    `<th class="num">failed</th><th class="num">queued</th><th class="num">wait p95</th></tr></thead><tbody>
${body}
</tbody></table>${note}
</main>
</body>
</html>
`;
}
