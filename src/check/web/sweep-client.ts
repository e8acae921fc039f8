/**
 * The sweep report's script in the browser: a line chart per key metric of a one-parameter
 * sweep, drawn with uPlot (inlined before it) from the embedded JSON
 * (`<script id="a2psim-sweep" type="application/json">`); sets `data-charts` on `<html>`
 * to the number drawn. Bundled by src/api/web-bundle.ts into dist/web/sweep.js, which the
 * sweep page inlines.
 */
import type UPlot from 'uplot';
import { uPlot } from '../../report/html/web/page-uplot.js';
import type { SweepChartData } from '../sweep-page.js';

/** Line charts of a one-parameter sweep, drawn in the browser from the embedded data. */
function drawSweep(): void {
  const D = JSON.parse(document.getElementById('a2psim-sweep')!.textContent!) as SweepChartData;
  const root = document.getElementById('charts');
  if (!root || !D.x) return;
  const x = D.x;
  const drawn: UPlot[] = [];
  D.charts.forEach((c) => {
    const box = document.createElement('div');
    box.className = 'chart';
    const h = document.createElement('h3');
    h.textContent = c.title;
    box.appendChild(h);
    const plot = document.createElement('div');
    plot.className = 'plot';
    box.appendChild(plot);
    root.appendChild(box);
    const opts: UPlot.Options = {
      width: Math.max(320, plot.clientWidth || 800), height: 260,
      scales: { x: { time: false } },
      axes: [{ label: D.xLabel }, { label: c.unit }],
      series: [{ label: D.xLabel }, { label: c.title, stroke: '#1d6fd8', width: 2, points: { show: true, size: 7 } },
        { label: 'passing points', stroke: '#1a7f37', width: 0, points: { show: true, size: 10, fill: '#1a7f37' } }],
    };
    drawn.push(new uPlot(opts, [x, c.y, c.pass], plot));
  });
  document.documentElement.setAttribute('data-charts', String(drawn.length));
}

drawSweep();
