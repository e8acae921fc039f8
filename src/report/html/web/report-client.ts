/**
 * The script every report runs in the browser: reads the embedded JSON
 * (`<script id="a2psim-data" type="application/json">`) and draws the charts with uPlot
 * (inlined before it). It exposes `window.__a2psimCharts` (one entry per chart drawn: id,
 * title, point count, series with their colours) and `data-charts` on `<html>` for tests,
 * redraws when the colour scheme changes, and resizes with the window. Bundled by
 * src/api/web-bundle.ts into dist/web/report.js, which the report inlines.
 */
import type UPlot from 'uplot';
import type { ReportData } from '../data.js';
import { css, darkScheme, fmtNum, type Chart, type ChartSpec } from './chart-kit.js';
import { uPlot } from './page-uplot.js';
import { timeSpecs } from './time-charts.js';
import { waitsSpec, type LabelledPlot } from './wait-chart.js';

/** What `window.__a2psimCharts` lists of a chart drawn. */
interface ChartEntry {
  id: string;
  title: string;
  points: number;
  series: { label: string; stroke: string; width: number; nonZero: boolean }[];
}

/** A chart's section: the box with its title and note, and the plot's element. */
interface Section {
  box: HTMLElement;
  plot: HTMLElement;
}

const D = JSON.parse(document.getElementById('a2psim-data')!.textContent!) as ReportData;
const root = document.getElementById('charts')!;
let built: { spec: ChartSpec; el: Section; u: UPlot }[] = [];
const registry: ChartEntry[] = [];
(window as unknown as { __a2psimCharts: ChartEntry[] }).__a2psimCharts = registry;
const x0 = D.startEpochMs / 1000;
/** Charts read the clock of the scenario's start: its UTC offset, in seconds, and its name. */
const OFFSET_S = D.startOffsetMinutes * 60;
const ZONE = ((m: number): string => {
  if (m === 0) return 'UTC';
  const a = Math.abs(m), two = (n: number): string => (n < 10 ? '0' + n : '' + n);
  return (m < 0 ? '-' : '+') + two(Math.floor(a / 60)) + ':' + two(a % 60);
})(D.startOffsetMinutes);

function fmtAxis(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return +(v / 1e6).toFixed(2) + 'M';
  if (a >= 1e4) return +(v / 1e3).toFixed(1) + 'k';
  return fmtNum(v);
}
function pad(n: number): string {
  return n < 10 ? '0' + n : '' + n;
}
function fmtElapsed(s: number): string {
  s = Math.round(s);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return '+' + (h > 0 ? h + 'h' + pad(m) + 'm' : m + 'm') + pad(sec) + 's';
}
function timeTicks(u: UPlot, splits: number[], axisIdx: number, space: number, incr: number): (string | null)[] {
  let prevDay: string | null = null;
  return splits.map((v) => {
    if (v == null) return null;
    const iso = new Date((v + OFFSET_S) * 1000).toISOString();
    const day = iso.slice(0, 10);
    let label = incr >= 86400 ? day : iso.slice(11, incr < 60 ? 19 : 16);
    if (incr < 86400 && day !== prevDay) label += '\n' + day;
    prevDay = day;
    return label;
  });
}
function fmtTime(v: number): string {
  if (v == null) return '\u2013';
  const d = new Date((v + OFFSET_S) * 1000);
  return d.toISOString().slice(0, 19).replace('T', ' ') + ' ' + ZONE + ' (' + fmtElapsed(v - x0) + ')';
}

function section(id: string, title: string, note: string | null | undefined): Section {
  const box = document.createElement('section');
  box.className = 'chart';
  box.id = 'chart-' + id;
  const h = document.createElement('h3');
  h.textContent = title;
  box.appendChild(h);
  if (note) {
    const p = document.createElement('p');
    p.className = 'note';
    p.textContent = note;
    box.appendChild(p);
  }
  const plot = document.createElement('div');
  plot.className = 'plot';
  box.appendChild(plot);
  root.appendChild(box);
  return { box: box, plot: plot };
}

function axes(yLabel: string, xValues: UPlot.Axis.DynamicValues | undefined, xIncrs: number[] | undefined): UPlot.Axis[] {
  const fg = css('--muted'), grid = css('--grid');
  const x: UPlot.Axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  x.values = xValues || timeTicks;
  if (xIncrs) {
    x.incrs = xIncrs;
    x.space = 60;
  }
  return [x, {
    stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
    label: yLabel, labelSize: 20, size: 64, values: (u, vals) => vals.map(fmtAxis),
  }];
}

function width(el: HTMLElement): number {
  return Math.max(320, Math.floor(el.clientWidth));
}

function register(spec: ChartSpec, el: Section, u: UPlot): void {
  const entry: ChartEntry = {
    id: spec.id, title: spec.title, points: spec.data[0].length,
    series: spec.lines.map((l, i) => ({ label: l.label, stroke: l.color, width: l.width || 1.5, nonZero: spec.data[i + 1].some((v) => v! > 0) })),
  };
  el.box.setAttribute('data-points', String(entry.points));
  registry.push(entry);
  built.push({ spec: spec, el: el, u: u });
}

function draw(spec: ChartSpec, el: Section): UPlot {
  const opts: UPlot.Options = {
    width: width(el.plot), height: spec.height || 260,
    legend: { live: true },
    cursor: spec.histogram ? { drag: { x: true, y: false } } : { sync: { key: 'a2psim-time' }, drag: { x: true, y: false } },
    scales: spec.scales || (spec.histogram ? { x: { time: false } } : { x: { time: true } }),
    axes: axes(spec.yLabel, spec.xValues, spec.xIncrs),
    series: [{ label: spec.histogram ? 'wait' : 'time', value: spec.xLegend || ((u, v) => fmtTime(v)) },
      ...spec.lines.map((l) => {
        const s: UPlot.Series = {
          label: l.label, stroke: l.color, width: l.width || 1.5,
          value: (u, v) => fmtNum(v), points: { show: false },
        };
        if (l.dash) s.dash = l.dash;
        if (l.fill) s.fill = l.fill;
        if (l.paths) s.paths = l.paths;
        return s;
      })],
  };
  // The scenario's clock: UTC shifted by the offset its start was written with.
  if (!spec.histogram) opts.tzDate = (ts) => uPlot.tzDate(new Date((ts + OFFSET_S) * 1000), 'Etc/UTC');
  // After each draw, the y range and any percentile labels are left on the section for tests.
  // Incidents (outages, degraded carriers) shaded on every time chart, labelled at the top.
  const shade = spec.histogram || D.incidents.length === 0 ? [] : [(u: UPlot): void => {
    const ctx = u.ctx;
    ctx.save();
    D.incidents.forEach((inc) => {
      const a = u.valToPos(x0 + inc.start, 'x', true), b = u.valToPos(x0 + inc.end, 'x', true);
      ctx.fillStyle = 'rgba(214, 39, 40, 0.12)';
      ctx.fillRect(a, u.bbox.top, Math.max(1, b - a), u.bbox.height);
      ctx.fillStyle = css('--muted');
      ctx.fillText(inc.label, a + 4, u.bbox.top + 12);
    });
    ctx.restore();
    el.box.setAttribute('data-incidents', JSON.stringify(D.incidents.map((inc) => inc.label)));
  }];
  opts.hooks = { draw: shade.concat(spec.hooks && spec.hooks.draw ? spec.hooks.draw : []).concat([(u: LabelledPlot) => {
    el.box.setAttribute('data-y', JSON.stringify({ max: u.scales.y.max, log: u.scales.y.distr === 3 }));
    if (u.a2psimLabels) el.box.setAttribute('data-labels', JSON.stringify(u.a2psimLabels));
  }]) };
  return new uPlot(opts, spec.data, el.plot);
}

function chart(spec: ChartSpec): void {
  const el = section(spec.id, spec.title, spec.note);
  register(spec, el, draw(spec, el));
}

function empty(id: string, title: string, text: string): void {
  const el = section(id, title, null);
  el.plot.className = 'plot empty';
  el.plot.textContent = text;
}

function specs(): Chart[] {
  return [...timeSpecs(D, x0), waitsSpec(D.waits)];
}

function build(): void {
  built.forEach((b) => b.u.destroy());
  built = [];
  registry.length = 0;
  root.textContent = '';
  specs().forEach((s) => {
    if (s.empty) empty(s.id, s.title, s.text);
    else chart(s);
  });
  document.documentElement.setAttribute('data-charts', String(registry.length));
}

build();
darkScheme.addEventListener('change', build);
window.addEventListener('resize', () => {
  built.forEach((b) => b.u.setSize({ width: width(b.el.plot), height: b.spec.height || 260 }));
});
