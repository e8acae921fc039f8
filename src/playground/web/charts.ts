/**
 * The playground's charts, drawn with uPlot (bundled): messages per interval (submitted,
 * delivered, failed) and queue depth per stage. Redrawn from each run's {@link ReportData}
 * and when the colour scheme changes.
 */
import uPlot from 'uplot';
import type { ReportData } from '../../report/html/data.js';
import { CHART_COLOURS } from '../../report/html/palette.js';
import { offsetText } from '../../report/duration.js';

/** Stages drawn in the depth chart: the deepest few, so the legend stays readable. */
const MAX_STAGES = 6;

const dark = (): boolean => window.matchMedia('(prefers-color-scheme: dark)').matches;

function css(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly yLabel: string;
  /** `colour`: index into the report's palette, so a series has the colour the report gives it. */
  readonly series: { label: string; values: number[]; colour?: number }[];
}

function specs(d: ReportData): ChartSpec[] {
  const stages = [...d.stages].sort((a, b) => Math.max(0, ...b.depth) - Math.max(0, ...a.depth)).slice(0, MAX_STAGES);
  return [
    {
      id: 'flow',
      title: 'Messages per interval',
      yLabel: 'messages',
      series: [
        // The report's colours (report/html/web/time-charts.ts): submitted blue, delivered bluish green, failed vermillion.
        { label: 'submitted', values: d.submitted, colour: 0 },
        { label: 'delivered', values: d.delivered, colour: 2 },
        { label: 'failed', values: d.failed, colour: 4 },
      ],
    },
    { id: 'depth', title: 'Deepest queue per interval', yLabel: 'waiting', series: stages.map((s) => ({ label: s.name, values: s.depth })) },
  ];
}

/**
 * Tick labels of the time axis (x already on the scenario's clock): `HH:MM:SS` (or `HH:MM`
 * from a minute's step), with the ISO date under the first tick of each day.
 */
export function isoTicks(_u: uPlot, splits: number[], _axis: number, _space: number, incr: number): string[] {
  let prevDay: string | null = null;
  return splits.map((v) => {
    const iso = new Date(v * 1000).toISOString();
    const day = iso.slice(0, 10);
    let label = incr >= 86_400 ? day : iso.slice(11, incr < 60 ? 19 : 16);
    if (incr < 86_400 && day !== prevDay) label += `\n${day}`;
    prevDay = day;
    return label;
  });
}

/** Draws the charts of `d` into `root`, replacing any drawn before. Returns the charts' ids. */
export function drawCharts(root: HTMLElement, d: ReportData, previous: uPlot[]): uPlot[] {
  for (const p of previous) p.destroy();
  root.replaceChildren();
  const palette = CHART_COLOURS[dark() ? 'dark' : 'light'].palette;
  // uPlot labels UTC; shifting by the start's offset shows the scenario's own clock.
  const x = d.t.map((t) => d.startEpochMs / 1000 + d.startOffsetMinutes * 60 + t);
  const width = Math.max(300, root.clientWidth - 28);
  const axis = { stroke: css('--muted'), grid: { stroke: css('--grid') }, ticks: { stroke: css('--grid') } };
  return specs(d).map((spec) => {
    const box = document.createElement('figure');
    box.className = 'chart';
    box.id = `chart-${spec.id}`;
    const caption = document.createElement('figcaption');
    caption.textContent = `${spec.title} (scenario clock, ${offsetText(d.startOffsetMinutes)})`;
    box.append(caption);
    root.append(box);
    const opts: uPlot.Options = {
      width,
      height: 220,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'UTC'),
      series: [{}, ...spec.series.map((s, i) => ({ label: s.label, stroke: palette[(s.colour ?? i) % palette.length], width: 1.5 }))],
      // ISO dates and 24-hour times, as the report writes them (uPlot's default is US-style).
      axes: [{ ...axis, values: isoTicks, space: 80 }, { ...axis, label: spec.yLabel }],
      legend: { live: false },
    };
    return new uPlot(opts, [x, ...spec.series.map((s) => s.values)], box);
  });
}
