/**
 * The HTML sweep report: one self-contained page (uPlot inlined, no network) with a line
 * chart per key metric for a one-parameter sweep, a pass/fail heatmap for two parameters,
 * and a table of every point; the cheapest passing point is marked (★). The charts are
 * drawn by web/sweep-client.ts, bundled and passed in `assets`. Pure: same result, same bytes.
 */
import type { ChartAssets } from '../report/html/assets.js';
import { escapeHtml as esc, inlineScript, jsonForScript } from '../report/html/escape.js';
import { PAGE_CSS, pageHead } from '../report/html/page.js';
import { parseMetricRef } from './expr.js';
import type { SweepPoint, SweepResult } from './sweep.js';

const SWEEP_CSS = `
td.pass { background: color-mix(in srgb, var(--ok) 22%, transparent); }
td.fail { background: color-mix(in srgb, var(--bad) 22%, transparent); }
td.best { outline: 3px solid var(--accent); outline-offset: -3px; font-weight: 600; }
.heat td { text-align: center; font-variant-numeric: tabular-nums; }
`;

const KEY_METRICS = ['delivered_ratio', 'wait_p95', 'drain_time', 'failed'];

/** The metrics the page shows: the key ones the sweep has, else its first four. */
function shown(r: SweepResult): string[] {
  const key = KEY_METRICS.filter((m) => r.metrics.includes(m));
  return key.length > 0 ? key : r.metrics.slice(0, 4);
}

/** A metric value as a person reads it: 97.5%, 12.5 s, 1,000. */
function fmtMetric(name: string, v: number | null): string {
  if (v === null) return '–';
  const kind = parseMetricRef(name).def.kind;
  if (kind === 'ratio') return `${(v * 100).toFixed(1)}%`;
  if (kind === 'time') return `${Number(v.toFixed(3))} s`;
  return Number(v.toFixed(2)).toLocaleString('en-US');
}

function pointsTable(r: SweepResult): string {
  const metrics = shown(r);
  const head = ['#', ...r.parameters.map((p) => p.path), 'pass', ...metrics, 'bottleneck'];
  const rows = r.points.map((p) => {
    const best = p.index === r.cheapest;
    const cells = [
      `${p.index}${best ? ' ★' : ''}`,
      ...r.parameters.map((par) => String(p.values[par.path])),
      p.pass ? '✓' : `✗ ${p.failed.map((f) => f.threshold).join('; ')}`,
      ...metrics.map((name) => fmtMetric(name, p.metrics[name].mean)),
      p.bottleneck,
    ];
    return `<tr>${cells.map((c, i) => `<td${i === 1 + r.parameters.length ? ` class="${p.pass ? 'pass' : 'fail'}${best ? ' best' : ''}"` : ''}>${esc(c)}</td>`).join('')}</tr>`;
  });
  return `<table><caption>Every point</caption><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function heatmap(r: SweepResult): string {
  const [a, b] = r.parameters;
  const metrics = shown(r).slice(0, 2);
  const at = new Map<string, SweepPoint>(r.points.map((p) => [`${p.values[a.path]}\u0000${p.values[b.path]}`, p]));
  const head = `<tr><th>${esc(a.path)} \\ ${esc(b.path)}</th>${b.values.map((v) => `<th>${esc(String(v))}</th>`).join('')}</tr>`;
  const rows = a.values.map((va) => {
    const cells = b.values.map((vb) => {
      const p = at.get(`${va}\u0000${vb}`);
      if (p === undefined) return '<td>–</td>';
      const cls = `${p.pass ? 'pass' : 'fail'}${p.index === r.cheapest ? ' best' : ''}`;
      const title = `${a.path}=${va}, ${b.path}=${vb}: ${p.pass ? 'passes' : 'fails'}; ${p.bottleneck}`;
      // ✓/✗ as well as the colour, for readers who cannot tell red from green.
      return `<td class="${cls}" title="${esc(title)}">${p.pass ? '✓' : '✗'} ${p.index === r.cheapest ? '★ ' : ''}${metrics.map((name) => esc(fmtMetric(name, p.metrics[name].mean))).join('<br>')}</td>`;
    });
    return `<tr><th>${esc(String(va))}</th>${cells.join('')}</tr>`;
  });
  return `<table class="heat"><caption>Pass (✓, green) or fail (✗, red) at every point: ${esc(metrics.join(', '))}</caption><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/**
 * What the page's script (web/sweep-client.ts) draws, embedded as JSON: for a one-parameter
 * sweep, the x values (their positions when not numeric) and up to three metrics' lines.
 */
export type SweepChartData =
  | { x: null }
  | { x: number[]; xLabel: string; charts: { title: string; unit: string; y: (number | null)[]; pass: (number | null)[] }[] };

/** The chart data of a one-parameter sweep: x values (their positions when not numeric). */
function chartData(r: SweepResult): SweepChartData {
  if (r.parameters.length !== 1) return { x: null };
  const par = r.parameters[0];
  const numeric = par.values.every((v) => typeof v === 'number');
  const x = r.points.map((p) => (numeric ? (p.values[par.path] as number) : par.values.indexOf(p.values[par.path])));
  const series = (name: string, scale = 1) => r.points.map((p) => (p.metrics[name].mean === null ? null : p.metrics[name].mean! * scale));
  const passY = (ys: (number | null)[]) => ys.map((y, i) => (r.points[i].pass ? y : null));
  const charts = shown(r)
    .slice(0, 3)
    .map((name) => {
      const kind = parseMetricRef(name).def.kind;
      const y = series(name, kind === 'ratio' ? 100 : 1);
      return { title: name, unit: kind === 'ratio' ? '%' : kind === 'time' ? 's' : 'messages', y, pass: passY(y) };
    });
  return { x, xLabel: numeric ? par.path : `${par.path} (position)`, charts };
}

/** The complete sweep report page. */
export function renderSweepPage(r: SweepResult, assets: ChartAssets): string {
  const passing = r.points.filter((p) => p.pass).length;
  const best = r.cheapest === null ? null : r.points.find((p) => p.index === r.cheapest)!;
  const bestText =
    best === null
      ? 'No point passes every threshold.'
      : `Cheapest passing point (★): ${r.parameters.map((p) => `${p.path} = ${best.values[p.path]}`).join(', ')} — ${best.bottleneck}.`;
  const thresholds = r.expect.length === 0 ? '' : `<p class="meta">thresholds: ${r.expect.map((t) => `<b>${esc(t)}</b>`).join(' · ')}</p>`;
  const view = r.parameters.length === 1 ? '<div id="charts"></div>' : r.parameters.length === 2 ? heatmap(r) : '';
  return `${pageHead(`a2psim sweep — ${r.scenario}`, assets.css, PAGE_CSS + SWEEP_CSS)}
<body>
<main>
<h1>a2psim sweep — ${esc(r.scenario)}</h1>
<p class="meta">${r.points.length} points × ${r.replications} replication${r.replications === 1 ? '' : 's'} · ${passing} pass · a2psim ${esc(r.a2psim_version)} · scenario sha256 <b>${esc(r.scenario_sha256.slice(0, 12))}</b></p>
${thresholds}
<p><b>${esc(bestText)}</b></p>
${view}
${pointsTable(r)}
</main>
<script id="a2psim-sweep" type="application/json">${jsonForScript(chartData(r))}</script>
<script>${inlineScript(assets.js)}</script>
<script>${inlineScript(assets.sweepJs)}</script>
</body>
</html>
`;
}
