/**
 * The script every report runs in the browser: reads the embedded JSON
 * (`<script id="a2psim-data" type="application/json">`) and draws the charts with uPlot
 * (inlined before it). Plain ES5-style JavaScript kept as a string so it is inlined as-is,
 * with no bundler. It exposes `window.__a2psimCharts` (one entry per chart drawn: id,
 * title, point count, series with their colours) and `data-charts` on `<html>` for tests,
 * redraws when the colour scheme changes, and resizes with the window.
 * (No backticks or `${` inside but the palette's and the waits fragment's: it lives in a
 * template literal.)
 */
import { WAITS_JS } from './client-waits.js';
import { CHART_COLOURS } from './palette.js';

export const CLIENT_JS = String.raw`
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('a2psim-data').textContent);
  var root = document.getElementById('charts');
  var built = [];
  var registry = [];
  window.__a2psimCharts = registry;
  var mq = window.matchMedia('(prefers-color-scheme: dark)');
  var COLOURS = ${JSON.stringify(CHART_COLOURS)};
  var x0 = D.startEpochMs / 1000;
  /** Charts read the clock of the scenario's start: its UTC offset, in seconds, and its name. */
  var OFFSET_S = D.startOffsetMinutes * 60;
  var ZONE = (function (m) {
    if (m === 0) return 'UTC';
    var a = Math.abs(m), two = function (n) { return n < 10 ? '0' + n : '' + n; };
    return (m < 0 ? '-' : '+') + two(Math.floor(a / 60)) + ':' + two(a % 60);
  })(D.startOffsetMinutes);
  // One time axis for every chart, from the run's start: 0, then each interval's end. A count
  // of the interval [start, end) (the message CSV's convention) is held as a step from its
  // start to its end (held); a state at an instant (a trailing-minute rate, the day's cap
  // count) is drawn at the interval's end, from its value at the start (atEnds).
  var xs = [x0].concat(D.t.map(function (t) { return x0 + t; }));
  function held(col) { return col.length === 0 ? [] : col.concat([col[col.length - 1]]); }
  function atEnds(col, first) { return [first].concat(col); }

  function mode() { return mq.matches ? 'dark' : 'light'; }
  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  function color(i) { var p = COLOURS[mode()].palette; return p[i % p.length]; }
  function carrierColor(c) { return COLOURS[mode()].carriers[c] || color(0); }

  function fmtNum(v) {
    if (v == null || isNaN(v)) return '\u2013';
    return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
  function fmtAxis(v) {
    var a = Math.abs(v);
    if (a >= 1e6) return +(v / 1e6).toFixed(2) + 'M';
    if (a >= 1e4) return +(v / 1e3).toFixed(1) + 'k';
    return fmtNum(v);
  }
  function pad(n) { return n < 10 ? '0' + n : '' + n; }
  function fmtElapsed(s) {
    s = Math.round(s);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return '+' + (h > 0 ? h + 'h' + pad(m) + 'm' : m + 'm') + pad(sec) + 's';
  }
  function fmtDuration(ms) {
    var s = ms / 1000;
    if (s < 60) return fmtNum(s) + ' s';
    if (s < 3600) return fmtNum(s / 60) + ' min';
    return fmtNum(s / 3600) + ' h';
  }
  function timeTicks(u, splits, axisIdx, space, incr) {
    var prevDay = null;
    return splits.map(function (v) {
      if (v == null) return null;
      var iso = new Date((v + OFFSET_S) * 1000).toISOString();
      var day = iso.slice(0, 10);
      var label = incr >= 86400 ? day : iso.slice(11, incr < 60 ? 19 : 16);
      if (incr < 86400 && day !== prevDay) label += '\n' + day;
      prevDay = day;
      return label;
    });
  }
  function fmtTime(v) {
    if (v == null) return '\u2013';
    var d = new Date((v + OFFSET_S) * 1000);
    return d.toISOString().slice(0, 19).replace('T', ' ') + ' ' + ZONE + ' (' + fmtElapsed(v - x0) + ')';
  }

  function section(id, title, note) {
    var box = document.createElement('section');
    box.className = 'chart';
    box.id = 'chart-' + id;
    var h = document.createElement('h3');
    h.textContent = title;
    box.appendChild(h);
    if (note) {
      var p = document.createElement('p');
      p.className = 'note';
      p.textContent = note;
      box.appendChild(p);
    }
    var plot = document.createElement('div');
    plot.className = 'plot';
    box.appendChild(plot);
    root.appendChild(box);
    return { box: box, plot: plot };
  }

  function axes(yLabel, xValues, xIncrs) {
    var fg = css('--muted'), grid = css('--grid');
    var x = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    x.values = xValues || timeTicks;
    if (xIncrs) { x.incrs = xIncrs; x.space = 60; }
    return [x, {
      stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
      label: yLabel, labelSize: 20, size: 64, values: function (u, vals) { return vals.map(fmtAxis); }
    }];
  }

  function width(el) { return Math.max(320, Math.floor(el.clientWidth)); }

  function register(spec, el, u) {
    var entry = {
      id: spec.id, title: spec.title, points: spec.data[0].length,
      series: spec.lines.map(function (l, i) {
        return { label: l.label, stroke: l.color, width: l.width || 1.5, nonZero: spec.data[i + 1].some(function (v) { return v > 0; }) };
      })
    };
    el.box.setAttribute('data-points', String(entry.points));
    registry.push(entry);
    built.push({ spec: spec, el: el, u: u });
  }

  function draw(spec, el) {
    var opts = {
      width: width(el.plot), height: spec.height || 260,
      legend: { live: true },
      cursor: spec.histogram ? { drag: { x: true, y: false } } : { sync: { key: 'a2psim-time' }, drag: { x: true, y: false } },
      scales: spec.scales || (spec.histogram ? { x: { time: false } } : { x: { time: true } }),
      axes: axes(spec.yLabel, spec.xValues, spec.xIncrs),
      series: [{ label: spec.histogram ? 'wait' : 'time', value: spec.xLegend || function (u, v) { return fmtTime(v); } }]
        .concat(spec.lines.map(function (l) {
          var s = {
            label: l.label, stroke: l.color, width: l.width || 1.5,
            value: function (u, v) { return fmtNum(v); }, points: { show: false }
          };
          if (l.dash) s.dash = l.dash;
          if (l.fill) s.fill = l.fill;
          if (l.paths) s.paths = l.paths;
          return s;
        }))
    };
    // The scenario's clock: UTC shifted by the offset its start was written with.
    if (!spec.histogram) opts.tzDate = function (ts) { return uPlot.tzDate(new Date((ts + OFFSET_S) * 1000), 'Etc/UTC'); };
    // After each draw, the y range and any percentile labels are left on the section for tests.
    // Incidents (outages, degraded carriers) shaded on every time chart, labelled at the top.
    var shade = spec.histogram || D.incidents.length === 0 ? [] : [function (u) {
      var ctx = u.ctx;
      ctx.save();
      D.incidents.forEach(function (inc) {
        var a = u.valToPos(x0 + inc.start, 'x', true), b = u.valToPos(x0 + inc.end, 'x', true);
        ctx.fillStyle = 'rgba(214, 39, 40, 0.12)';
        ctx.fillRect(a, u.bbox.top, Math.max(1, b - a), u.bbox.height);
        ctx.fillStyle = css('--muted');
        ctx.fillText(inc.label, a + 4, u.bbox.top + 12);
      });
      ctx.restore();
      el.box.setAttribute('data-incidents', JSON.stringify(D.incidents.map(function (inc) { return inc.label; })));
    }];
    opts.hooks = { draw: shade.concat(spec.hooks && spec.hooks.draw ? spec.hooks.draw : []).concat([function (u) {
      el.box.setAttribute('data-y', JSON.stringify({ max: u.scales.y.max, log: u.scales.y.distr === 3 }));
      if (u.a2psimLabels) el.box.setAttribute('data-labels', JSON.stringify(u.a2psimLabels));
    }]) };
    return new uPlot(opts, spec.data, el.plot);
  }

  function chart(spec) {
    var el = section(spec.id, spec.title, spec.note);
    register(spec, el, draw(spec, el));
  }

  function empty(id, title, text) {
    var el = section(id, title, null);
    el.plot.className = 'plot empty';
    el.plot.textContent = text;
  }

  var intervalText = fmtDuration(D.intervalMs);
  var stepped = uPlot.paths.stepped({ align: 1 });

  function cumulative(col) {
    var s = 0;
    return col.map(function (v) { s += v; return s; });
  }

${WAITS_JS}
  function specs() {
    var out = [];
    var total = D.t.map(function (_, i) {
      var s = 0;
      D.stages.forEach(function (st) { s += st.depth[i]; });
      return s;
    });
    out.push({
      id: 'queue', title: 'Queue depth per stage',
      note: 'Deepest queue of each stage within each ' + intervalText + ' interval (the dashed total adds the stages up).',
      yLabel: 'messages waiting',
      lines: D.stages.map(function (st, i) {
        return { label: st.name, color: color(i), width: 1.5, paths: stepped };
      }).concat([{ label: 'all stages', color: css('--fg'), width: 1, dash: [4, 4], paths: stepped }]),
      data: [xs].concat(D.stages.map(function (st) { return held(st.depth); })).concat([held(total)])
    });
    var perCarrier = fmtDuration(D.carriers.intervalMs);
    out.push({
      id: 'carriers', title: 'Delivered per carrier',
      note: 'Messages handed to each carrier in each ' + perCarrier + ' interval (a count per interval, not a running sum), all routes (toll-free, short code and 10DLC).',
      yLabel: 'messages / ' + perCarrier,
      lines: D.carriers.series.map(function (c) { return { label: c.carrier, color: carrierColor(c.carrier), width: 2, paths: stepped }; }),
      data: [D.carriers.t.map(function (t) { return x0 + t; }).concat([x0 + D.t[D.t.length - 1]])]
        .concat(D.carriers.series.map(function (c) { return held(c.delivered); }))
    });
    var carrierStages = D.stages.filter(function (st) { return st.kind === 'carrier'; });
    if (carrierStages.length > 0) {
      var lines = [], data = [xs];
      carrierStages.forEach(function (st) {
        var c = carrierColor(st.carrier);
        var name = st.name.replace(/^carrier:/, '');
        lines.push({ label: name, color: c, width: 1.5 });
        data.push(atEnds(st.outPerMinute, 0));
        lines.push({ label: name + ' limit ' + st.limit, color: c, width: 1, dash: [6, 4] });
        data.push(xs.map(function () { return st.limitPerMinute; }));
      });
      var far = D.tpmScaleMax != null;
      out.push({
        id: 'tpm', title: 'Dispatch rate per carrier against its TPM limit (10DLC SMS)',
        note: 'Messages leaving each carrier stage in the trailing minute [t \u2212 1 min, t), the window its limiter counts (dashed: the limit in force).' +
          (far ? ' The traffic stays below a tenth of every limit, so the axis is scaled to the traffic and the limits (' +
            carrierStages.map(function (st) { return st.limit; }).join(', ') + ') lie above the chart.' : ''),
        yLabel: 'messages / min', lines: lines, data: data,
        scales: far ? { x: { time: true }, y: { auto: false, range: [0, D.tpmScaleMax] } } : null
      });
    }
    out.push({
      id: 'cumulative', title: 'Submitted, delivered and failed (cumulative)',
      note: 'Running totals, each interval\u2019s total held from the interval\u2019s start (intervals are [start, end), as in the message CSV); the gap between submitted and delivered + failed is what is still queued.',
      yLabel: 'messages',
      lines: [
        { label: 'submitted', color: color(0), width: 2, paths: stepped },
        { label: 'delivered', color: color(2), width: 2, paths: stepped },
        { label: 'failed', color: color(4), width: 2, paths: stepped },
        { label: 'in queue', color: css('--muted'), width: 1, dash: [4, 4], paths: stepped }
      ],
      data: (function () {
        // Each interval's running total is held from its start: a step in the interval where it happened.
        var s = held(cumulative(D.submitted)), d = held(cumulative(D.delivered)), f = held(cumulative(D.failed));
        return [xs, s, d, f, s.map(function (v, i) { return v - d[i] - f[i]; })];
      })()
    });
    if (D.failures.length > 0) {
      out.push({
        id: 'failures', title: 'Failures by code',
        note: 'Failed messages per ' + intervalText + ' interval, by failure code: ' +
          D.failures.map(function (f) { return f.code + ' = ' + f.reason; }).join('; ') + '.',
        yLabel: 'failed / interval',
        lines: D.failures.map(function (f, i) {
          return { label: f.code, color: color(i + 4), width: 1.5, paths: stepped };
        }),
        data: [xs].concat(D.failures.map(function (f) { return held(f.counts); }))
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
          { label: 'cap', color: css('--fg'), width: 1, dash: [6, 4], paths: stepped }
        ],
        data: [xs, atEnds(D.cap.used, 0), atEnds(D.cap.limit, D.cap.limit[0]).map(function (v) { return v > 0 ? v : null; })]
      });
    }
    out.push(waitsSpec());
    return out;
  }

  function build() {
    built.forEach(function (b) { b.u.destroy(); });
    built = [];
    registry.length = 0;
    root.textContent = '';
    specs().forEach(function (s) { if (s.empty) empty(s.id, s.title, s.text); else chart(s); });
    document.documentElement.setAttribute('data-charts', String(registry.length));
  }

  build();
  mq.addEventListener('change', build);
  window.addEventListener('resize', function () {
    built.forEach(function (b) { b.u.setSize({ width: width(b.el.plot), height: b.spec.height || 260 }); });
  });
})();
`;
