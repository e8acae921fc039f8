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
  readonly series: { label: string; values: number[] }[];
}

function specs(d: ReportData): ChartSpec[] {
  const stages = [...d.stages].sort((a, b) => Math.max(0, ...b.depth) - Math.max(0, ...a.depth)).slice(0, MAX_STAGES);
  return [
    {
      id: 'flow',
      title: 'Messages per interval',
      yLabel: 'messages',
      series: [
        { label: 'submitted', values: d.submitted },
        { label: 'delivered', values: d.delivered },
        { label: 'failed', values: d.failed },
      ],
    },
    { id: 'depth', title: 'Deepest queue per interval', yLabel: 'waiting', series: stages.map((s) => ({ label: s.name, values: s.depth })) },
  ];
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
      series: [{}, ...spec.series.map((s, i) => ({ label: s.label, stroke: palette[i % palette.length], width: 1.5 }))],
      axes: [{ ...axis }, { ...axis, label: spec.yLabel }],
      legend: { live: false },
    };
    return new uPlot(opts, [x, ...spec.series.map((s) => s.values)], box);
  });
}
