/**
 * The report's time charts, as specs for the page to draw: queue depth per stage,
 * deliveries per carrier, the TPM rate against each carrier's limit, the cumulative
 * totals, failures by code and the T-Mobile daily count against its cap.
 */
import type { ReportData } from '../data.js';
import { carrierColor, color, css, fmtNum, type Chart, type Line } from './chart-kit.js';
import { uPlot } from './page-uplot.js';

/** A duration in the notes: 30 s, 5 min, 1.5 h. */
export function fmtDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return fmtNum(s) + ' s';
  if (s < 3600) return fmtNum(s / 60) + ' min';
  return fmtNum(s / 3600) + ' h';
}

// One time axis for every chart, from the run's start: 0, then each interval's end. A count
// of the interval [start, end) (the message CSV's convention) is held as a step from its
// start to its end (held); a state at an instant (a trailing-minute rate, the day's cap
// count) is drawn at the interval's end, from its value at the start (atEnds).
function held(col: number[]): number[] {
  return col.length === 0 ? [] : col.concat([col[col.length - 1]]);
}
function atEnds(col: number[], first: number): number[] {
  return [first].concat(col);
}

function cumulative(col: number[]): number[] {
  let s = 0;
  return col.map((v) => {
    s += v;
    return s;
  });
}

const stepped = uPlot.paths.stepped!({ align: 1 });

/** The time charts of `D`, whose start is `x0` (epoch seconds), in the current colours. */
export function timeSpecs(D: ReportData, x0: number): Chart[] {
  const xs = [x0].concat(D.t.map((t) => x0 + t));
  const intervalText = fmtDuration(D.intervalMs);
  const out: Chart[] = [];
  const total = D.t.map((_, i) => {
    let s = 0;
    D.stages.forEach((st) => {
      s += st.depth[i];
    });
    return s;
  });
  out.push({
    id: 'queue', title: 'Queue depth per stage',
    note: 'Deepest queue of each stage within each ' + intervalText + ' interval (the dashed total adds the stages up).',
    yLabel: 'messages waiting',
    lines: D.stages.map((st, i): Line => ({ label: st.name, color: color(i), width: 1.5, paths: stepped }))
      .concat([{ label: 'all stages', color: css('--fg'), width: 1, dash: [4, 4], paths: stepped }]),
    data: [xs, ...D.stages.map((st) => held(st.depth)), held(total)],
  });
  const perCarrier = fmtDuration(D.carriers.intervalMs);
  out.push({
    id: 'carriers', title: 'Delivered per carrier',
    note: 'Messages handed to each carrier in each ' + perCarrier + ' interval (a count per interval, not a running sum), all routes (toll-free, short code and 10DLC).',
    yLabel: 'messages / ' + perCarrier,
    lines: D.carriers.series.map((c) => ({ label: c.carrier, color: carrierColor(c.carrier), width: 2, paths: stepped })),
    data: [D.carriers.t.map((t) => x0 + t).concat([x0 + D.t[D.t.length - 1]]), ...D.carriers.series.map((c) => held(c.delivered))],
  });
  const carrierStages = D.stages.filter((st) => st.kind === 'carrier');
  if (carrierStages.length > 0) {
    const lines: Line[] = [], data: [number[], ...number[][]] = [xs];
    carrierStages.forEach((st) => {
      const c = carrierColor(st.carrier);
      const name = st.name.replace(/^carrier:/, '');
      lines.push({ label: name, color: c, width: 1.5 });
      data.push(atEnds(st.outPerMinute!, 0));
      lines.push({ label: name + ' limit ' + st.limit, color: c, width: 1, dash: [6, 4] });
      data.push(xs.map(() => st.limitPerMinute));
    });
    const scaleMax = D.tpmScaleMax;
    out.push({
      id: 'tpm', title: 'Dispatch rate per carrier against its TPM limit (10DLC SMS)',
      note: 'Messages leaving each carrier stage in the trailing minute [t \u2212 1 min, t), the window its limiter counts (dashed: the limit in force).' +
        (scaleMax != null ? ' The traffic stays below a tenth of every limit, so the axis is scaled to the traffic and the limits (' +
          carrierStages.map((st) => st.limit).join(', ') + ') lie above the chart.' : ''),
      yLabel: 'messages / min', lines: lines, data: data,
      scales: scaleMax != null ? { x: { time: true }, y: { auto: false, range: [0, scaleMax] } } : null,
    });
  }
  // Each interval's running total is held from its start: a step in the interval where it happened.
  const s = held(cumulative(D.submitted)), d = held(cumulative(D.delivered)), f = held(cumulative(D.failed));
  out.push({
    id: 'cumulative', title: 'Submitted, delivered and failed (cumulative)',
    note: 'Running totals, each interval\u2019s total held from the interval\u2019s start (intervals are [start, end), as in the message CSV); the gap between submitted and delivered + failed is what is still queued.',
    yLabel: 'messages',
    lines: [
      { label: 'submitted', color: color(0), width: 2, paths: stepped },
      { label: 'delivered', color: color(2), width: 2, paths: stepped },
      { label: 'failed', color: color(4), width: 2, paths: stepped },
      { label: 'in queue', color: css('--muted'), width: 1, dash: [4, 4], paths: stepped },
    ],
    data: [xs, s, d, f, s.map((v, i) => v - d[i] - f[i])],
  });
  if (D.failures.length > 0) {
    out.push({
      id: 'failures', title: 'Failures by code',
      note: 'Failed messages per ' + intervalText + ' interval, by failure code: ' +
        D.failures.map((f) => f.code + ' = ' + f.reason).join('; ') + '.',
      yLabel: 'failed / interval',
      lines: D.failures.map((f, i) => ({ label: f.code, color: color(i + 4), width: 1.5, paths: stepped })),
      data: [xs, ...D.failures.map((f) => held(f.counts))],
    });
  } else {
    out.push({ empty: true, id: 'failures', title: 'Failures by code', text: 'No message failed.' });
  }
  if (D.cap) {
    out.push({
      id: 'tmobile-cap', title: 'T-Mobile daily count against the cap',
      note: 'Messages counted against the brand\u2019s T-Mobile daily cap (TPD) on the current Pacific day.',
      yLabel: 'messages today',
      lines: [
        { label: 'used', color: carrierColor('tmobile'), width: 2, paths: stepped },
        { label: 'cap', color: css('--fg'), width: 1, dash: [6, 4], paths: stepped },
      ],
      data: [xs, atEnds(D.cap.used, 0), atEnds(D.cap.limit, D.cap.limit[0]).map((v) => (v > 0 ? v : null))],
    });
  }
  return out;
}
