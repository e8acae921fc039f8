/**
 * The report's wait histogram: its spec (bars one bin wide, a log count axis when skewed,
 * duration ticks) and the percentile marks, whose labels are placed so that they never
 * overlap.
 */
import type UPlot from 'uplot';
import type { WaitBins } from '../data.js';
import { color, css, fmtNum, type Chart } from './chart-kit.js';
import { uPlot } from './page-uplot.js';

/** A percentile label placed on the histogram (canvas px), kept on the plot for tests. */
interface Placed {
  row: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  text: string;
}

/** A uPlot instance with the labels {@link drawMarks} placed. */
export type LabelledPlot = UPlot & { a2psimLabels?: Placed[] };

/** A wait as the tables say it: 0s, 0.5s, 45s, 20m, 1h 10m, 2d 3h (at most two units). */
function fmtWait(seconds: number): string {
  if (seconds < 60) return fmtNum(seconds) + 's';
  const units: [string, number][] = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  const out: string[] = [];
  let rest = Math.round(seconds);
  units.forEach((u) => {
    const n = Math.floor(rest / u[1]);
    rest -= n * u[1];
    if (n > 0 && out.length < 2) out.push(n + u[0]);
    else if (out.length === 1) out.push('');
  });
  return out.filter(Boolean).join(' ');
}

/** Tick steps of the wait axis, seconds: 1-2-5 below 10 s, clock steps above. */
const WAIT_TICKS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
  3600, 7200, 10800, 21600, 43200, 86400, 172800, 432000, 864000];

/**
 * Percentile lines with their labels; a label goes in the first row where it overlaps no
 * other label (marks at the same value share one label), so labels never overlap.
 * The boxes placed are kept on the plot for tests.
 */
function drawMarks(u: LabelledPlot, marks: WaitBins['marks']): void {
  const ctx = u.ctx, top = u.bbox.top, h = u.bbox.height, dpr = window.devicePixelRatio || 1;
  const right = u.bbox.left + u.bbox.width, gap = 6 * dpr, rowH = 15 * dpr;
  const groups: { label: string; seconds: number; text: string }[] = [];
  marks.forEach((m) => {
    const last = groups[groups.length - 1];
    if (last && last.seconds === m.seconds) last.label += ' = ' + m.label;
    else groups.push({ label: m.label, seconds: m.seconds, text: m.text });
  });
  ctx.save();
  ctx.font = (12 * dpr) + 'px system-ui, sans-serif';
  ctx.fillStyle = css('--fg');
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.strokeStyle = css('--accent');
  ctx.lineWidth = 1.5 * dpr;
  ctx.setLineDash([5 * dpr, 4 * dpr]);
  const placed: Placed[] = [];
  groups.forEach((g) => {
    const x = Math.round(u.valToPos(g.seconds, 'x', true));
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + h);
    ctx.stroke();
    const label = g.label + ' ' + g.text, tw = ctx.measureText(label).width;
    const lx = x + 4 * dpr + tw > right ? x - 4 * dpr - tw : x + 4 * dpr;
    let row = 0;
    while (placed.some((p) => p.row === row && lx < p.x1 + gap && lx + tw + gap > p.x0)) row++;
    placed.push({ row: row, x0: lx, x1: lx + tw, y0: top + (4 * dpr) + row * rowH, y1: top + (4 * dpr) + row * rowH + 12 * dpr, text: label });
    ctx.fillText(label, lx, top + (4 * dpr) + row * rowH);
  });
  ctx.restore();
  u.a2psimLabels = placed;
}

/** The histogram of the waits `w`, or why there is none. */
export function waitsSpec(w: WaitBins): Chart {
  if (w.counts.length > 0) {
    const bin = w.binMs / 1000;
    return {
      id: 'waits', title: 'Wait before dispatch (delivered messages)',
      note: 'How long delivered messages waited in queues; bars of ' + w.binText + ' (' + w.precisionText + '). Lines: ' +
        w.marks.map((m) => m.label + ' ' + m.text).join(', ') + ' (max ' + w.maxText + ').' +
        (w.logCounts ? ' The count axis is logarithmic: one bar holds most messages.' : ''),
      yLabel: 'messages', histogram: true,
      scales: {
        x: { time: false, auto: false, range: [0, w.spanMs / 1000] },
        y: w.logCounts
          ? { distr: 3, log: 10, range: (u, min, max) => [1, Math.pow(10, Math.ceil(Math.log10(Math.max(10, max))))] }
          : { auto: true, range: (u, min, max) => [0, Math.max(1, max)] },
      },
      xIncrs: WAIT_TICKS,
      xValues: (u, vals) => vals.map(fmtWait),
      xLegend: (u, v) => (v == null ? '\u2013' : fmtWait(v) + ' \u2013 ' + fmtWait(v + bin)),
      lines: [{ label: 'messages', color: color(0), fill: color(0) + '99', width: 1.5,
        // Every bar is one bin wide (x0 and size in data units), however few bars there are.
        paths: uPlot.paths.bars!({ size: [1, Infinity], align: 1, disp: {
          x0: { unit: 1, values: (u) => u.data[0] as number[] },
          size: { unit: 1, values: () => [bin] },
        } }) }],
      data: [w.counts.map((_, i) => i * bin), w.counts.map((c) => (w.logCounts && c === 0 ? null : c))],
      hooks: { draw: [(u) => drawMarks(u, w.marks)] },
    };
  } else {
    return { empty: true, id: 'waits', title: 'Wait before dispatch (delivered messages)', text: 'No message was delivered.' };
  }
}
