/**
 * The index page of a directory of reports (`check --report DIR`): one line per scenario
 * with its totals, its pass/fail state when known, and a link to its report. Pure.
 */
import { fmtDuration } from '../duration.js';
import type { Summary } from '../summary.js';
import { escapeHtml as esc } from './escape.js';
import { PAGE_CSS } from './page.js';

export interface IndexRow {
  /** File name of the report, relative to the index. */
  readonly href: string;
  /** Where the scenario came from (its file), shown beside its name. */
  readonly source: string;
  readonly summary: Summary;
  /** Thresholds passed (true), failed (false) or not evaluated (undefined). */
  readonly passed?: boolean;
}

const int = (n: number): string => n.toLocaleString('en-US');

/** Renders the index page. */
export function renderIndexPage(rows: readonly IndexRow[], title = 'a2psim reports'): string {
  const body = rows
    .map((r) => {
      const t = r.summary.totals;
      const state = r.passed === undefined ? '' : r.passed ? '<span style="color:var(--ok)">✓ pass</span>' : '<span class="warn">✗ fail</span>';
      return `<tr><td><a href="${esc(encodeURI(r.href))}">${esc(r.summary.scenario)}</a></td><td>${esc(r.source)}</td><td>${state}</td>` +
        `<td class="num">${int(t.submitted)}</td><td class="num">${int(t.delivered)}</td><td class="num">${int(t.failed)}</td>` +
        `<td class="num">${int(t.queued)}</td><td class="num">${fmtDuration(r.summary.wait.p95, true)}</td></tr>`;
    })
    .join('\n');
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
<table><thead><tr><th>scenario</th><th>file</th><th>thresholds</th><th class="num">submitted</th><th class="num">delivered</th>` +
    `<th class="num">failed</th><th class="num">queued</th><th class="num">wait p95</th></tr></thead><tbody>
${body}
</tbody></table>
</main>
</body>
</html>
`;
}
