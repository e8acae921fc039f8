/**
 * The report page: one self-contained HTML document with the scenario's identity, the
 * summary and rules tables, the chart data as embedded JSON, and uPlot plus the drawing
 * script (web/report-client.ts, bundled: see `assets`) inlined. Pure: everything it shows
 * comes from its arguments, so the same run gives the same bytes.
 */
import type { Network } from '../../engine/network.js';
import { fmtDuration, offsetText } from '../duration.js';
import type { Summary } from '../summary.js';
import type { ChartAssets } from './assets.js';
import type { ReportData } from './data.js';
import { escapeHtml as esc, inlineScript, inlineStyle, jsonForScript } from './escape.js';
import { runTimes } from '../summary-tables.js';
import { rulesTables, summaryTables } from './tables.js';
import { bottleneckSection } from './bottleneck-section.js';

/** Styles of the report and index pages; light by default, dark under `prefers-color-scheme: dark`. */
export const PAGE_CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --panel: #f6f7f9; --fg: #1f2328; --muted: #57606a;
  --grid: rgba(31, 35, 40, 0.12); --border: #d0d7de; --accent: #b45309; --ok: #1a7f37; --bad: #cf222e; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --panel: #161b22; --fg: #e6edf3; --muted: #9da7b3;
    --grid: rgba(230, 237, 243, 0.12); --border: #30363d; --accent: #f0b429; --ok: #3fb950; --bad: #f85149; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 12px; border-bottom: 1px solid var(--border); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 2px; }
.meta { color: var(--muted); margin: 0 0 16px; }
.meta b { color: var(--fg); font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px; min-width: 0; }
.card .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .v { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; } /* a duration wraps between its units, a number never (no spaces) */
.card .sub { display: block; font-size: 13px; font-weight: 400; color: var(--muted); }
.chart { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px; margin: 0 0 16px; }
.chart .note { color: var(--muted); margin: 0 0 8px; font-size: 13px; }
.plot { width: 100%; }
.plot.empty { color: var(--muted); padding: 16px 0; }
.hint { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; margin: 0 0 18px; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
th, td { border-bottom: 1px solid var(--border); padding: 4px 10px; text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 13px; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.warn { color: var(--bad); }
a { color: var(--accent); }
.uplot { font-family: inherit; }
.u-legend { color: var(--fg); font-size: 12px; }
.u-legend .u-marker { border-radius: 2px; }
.u-select { background: rgba(127, 127, 127, 0.2); }
`;

export interface ReportPageInput {
  readonly summary: Summary;
  readonly network: Network;
  readonly data: ReportData;
  readonly assets: ChartAssets;
}

const int = (n: number): string => n.toLocaleString('en-US');

function cards(s: Summary): string {
  const t = s.totals;
  const pct = t.submitted === 0 ? '–' : `${((100 * t.delivered) / t.submitted).toFixed(1)}%`;
  const items: [string, string, string?][] = [
    ['submitted', int(t.submitted)], ['delivered', int(t.delivered), pct], ['failed', int(t.failed)],
    ['still queued', int(t.queued)], ['wait p50', fmtDuration(s.wait.p50, true)], ['wait p95', fmtDuration(s.wait.p95, true)],
    ['wait p99', fmtDuration(s.wait.p99, true)], ['last out', fmtDuration(s.drain_time)],
  ];
  const card = ([k, v, sub]: [string, string, string?]): string =>
    `<div class="card"><div class="k">${esc(k)}</div><div class="v">${esc(v)}${sub === undefined ? '' : ` <span class="sub">${esc(sub)}</span>`}</div></div>`;
  return `<div class="cards">${items.map(card).join('')}</div>`;
}

/**
 * The start of a self-contained a2psim page, up to and including `</head>`: the charset,
 * viewport and generator tags, the (unescaped) title escaped here, the charts' stylesheet and
 * the page's own CSS, each inlined. Shared by the report, the sweep report and the playground.
 */
export function pageHead(title: string, chartCss: string, pageCss: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="a2psim">
<title>${esc(title)}</title>
<style>${inlineStyle(chartCss)}</style>
<style>${pageCss}</style>
</head>`;
}

/** Renders the report of one run as a complete HTML document. */
export function renderReportPage({ summary: s, network, data, assets }: ReportPageInput): string {
  const when = runTimes(s, data.startOffsetMinutes);
  const warnings = s.warnings.length === 0 ? '' : `<h2>Warnings</h2><ul>${s.warnings.map((w) => `<li class="warn">${esc(w)}</li>`).join('')}</ul>`;
  return `${pageHead(`a2psim — ${s.scenario}`, assets.css, PAGE_CSS)}
<body>
<main>
<h1>a2psim report — ${esc(s.scenario)}</h1>
<p class="meta">seed <b>${s.seed}</b> · start <b>${esc(when.start)}</b> · run ended after <b>${esc(when.ranFor)}</b> · ${esc(when.lastOut)} · interval <b>${esc(fmtDuration(data.intervalMs / 1000))}</b></p>
${cards(s)}
${bottleneckSection(s.bottlenecks)}
${warnings}
<h2>Charts</h2>
<p class="hint">Chart times are on the scenario's clock (${esc(offsetText(data.startOffsetMinutes))}, the offset of its start). Drag across a time chart to zoom, double-click to zoom out; click a legend entry to hide a line. Time charts share one cursor.</p>
<noscript><p class="warn">The charts need JavaScript; the tables below do not.</p></noscript>
<div id="charts"></div>
<h2>Summary</h2>
${summaryTables(s)}
<h2>Rules in force</h2>
${rulesTables(s, network)}
</main>
<script id="a2psim-data" type="application/json">${jsonForScript(data)}</script>
<script>${inlineScript(assets.js)}</script>
<script>${inlineScript(assets.reportJs)}</script>
</body>
</html>
`;
}
