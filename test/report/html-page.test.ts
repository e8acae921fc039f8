import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { reportPaths, writeReports, reportFileName } from '../../src/cli/io/report-files.js';
import { OutputGuard } from '../../src/cli/io/output-guard.js';
import { chartAssets } from '../../src/report/html/assets.js';
import { escapeHtml, inlineScript, jsonForScript } from '../../src/report/html/escape.js';
import { renderReport, reportObserver } from '../../src/report/html/report.js';
import { MAX_POINTS } from '../../src/report/html/series.js';
import type { SeriesRow } from '../../src/report/timeseries.js';
import { scenarioOf } from '../helpers/scenario.js';

const YAML = `
name: "evil </script><!-- name"
start: 2026-03-09T08:00:00-07:00
duration: 2m
numbers:
  - { id: tf, number: "+18445550100", type: toll_free, country: US, verified: true }
  - { id: lc, number: "+14155550100", type: long_code, country: US, campaign: c1 }
brand: { vetting_score: 62, campaigns: [ { id: c1, use_case: mixed } ] }
traffic:
  - { name: otp, from: [tf], arrival: { kind: burst, at: 10s, count: 300 }, text: "code 1", expiry: 30 }
  - { name: alerts, from: [lc], arrival: { kind: poisson, rate: 2/s }, text: "hello" }
`;

function run(yaml = YAML) {
  const sc = scenarioOf(yaml);
  const series = reportObserver(sc);
  const result = simulate(sc, { observer: series });
  return { sc, series, result };
}

/** The embedded chart data of a report page. */
function embedded(html: string): { t: number[]; scenario: string; submitted: number[] } {
  const m = /<script id="a2psim-data" type="application\/json">([^<]*)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]);
}

describe('escaping', () => {
  it.each([
    ['<b>"x" & \'y\'</b>', '&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;'],
  ])('escapeHtml(%s)', (s, out) => expect(escapeHtml(s)).toBe(out));

  it('JSON in a script element cannot close it and parses back', () => {
    const value = { s: '</script><!-- \u2028 & >' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('inline scripts cannot close their element', () => {
    const js = inlineScript('var a = "</script>", b = "<!--";');
    expect(js).not.toMatch(/<\/script|<!--/i);
    expect(new Function(`${js}; return a + b;`)()).toBe('</script><!--');
  });
});

describe('report page', () => {
  const { result, series } = run();
  const html = renderReport(result, series, chartAssets());

  it('is self-contained: uPlot inlined, no external resource', () => {
    expect(html).toContain(chartAssets().js.slice(0, 200));
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    // exactly three scripts (data, uPlot, drawing) and one end of body
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it('shows the scenario name escaped, and the data round-trips', () => {
    expect(html).toContain('evil &lt;/script&gt;&lt;!-- name');
    const d = embedded(html);
    expect(d.scenario).toBe('evil </script><!-- name');
    expect(d.submitted.reduce((a, b) => a + b, 0)).toBe(result.total.submitted);
  });

  it('has the seed, start, rules in force and the summary tables', () => {
    // start and the last message out on the scenario's own clock (-07:00), durations as people say them
    for (const s of ['seed <b>1</b>', 'start <b>2026-03-09 08:00:00 -07:00</b>', 'last message out at ', 'account:sms', '5/s', 'carrier:brand:tmobile',
      'tmobile_daily_cap', 'By carrier', 'Totals', 'message expired']) {
      expect(html).toContain(s);
    }
  });

  it('is byte-identical for the same scenario and seed', () => {
    const again = run();
    expect(renderReport(again.result, again.series, chartAssets())).toBe(html);
  });

  it('stays under 5 MB however long the run: size depends on points, not messages', () => {
    const stages = result.network.stages.length;
    const synthetic = (n: number): SeriesRow[] =>
      Array.from({ length: n }, (_, i) => ({
        startMs: i * 1000, endMs: (i + 1) * 1000, submitted: 123_456, delivered: 120_000,
        deliveredByCarrier: [40_000, 30_000, 40_000, 10_000], failedByCode: [3456, 0, 1000, 0, 0, 0, 0],
        departures: new Array(stages).fill(2400), depths: new Array(stages).fill(1_234_567), peakDepths: new Array(stages).fill(1_234_567),
        caps: [{ name: 'tmobile', used: 39_999, limit: 40_000, day: '2026-03-09' }],
      }));
    const sizes = [MAX_POINTS, 20_000, 200_000].map((n) => {
      const page = renderReport(result, { rows: synthetic(n), tickMs: 1000 }, chartAssets());
      expect(embedded(page).t.length).toBeLessThanOrEqual(MAX_POINTS);
      return Buffer.byteLength(page);
    });
    for (const s of sizes) expect(s).toBeLessThan(5_000_000);
    // 20,000 and 200,000 rows both become 2000 points (counts only gain digits)
    expect(sizes[2]).toBeLessThan(1.3 * sizes[1]);
    console.log(`report sizes for ${MAX_POINTS}, 20k, 200k rows of ${stages} stages: ${sizes.join(', ')} bytes`);
  }, 30_000);
});

describe('writeReports (check --report DIR)', () => {
  it('writes one report per scenario and an index linking them', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'a2psim-reports-')), 'out');
    const a = run();
    const b = run(YAML.replace('name: "evil </script><!-- name"', 'name: Second One'));
    const names = [a, b, b].map((r) => r.result.scenario.name);
    const guard = OutputGuard.declare('check', [], reportPaths(dir, names).map((path) => ({ option: '--report', path })));
    const written = writeReports(dir, [
      { source: 'a.yaml', result: a.result, series: a.series, passed: true },
      { source: 'b.yaml', result: b.result, series: b.series, passed: false },
      { source: 'c.yaml', result: b.result, series: b.series },
    ], guard);
    guard.commitNow();
    expect(readdirSync(dir).sort()).toEqual(['evil-script-name.html', 'index.html', 'second-one-2.html', 'second-one.html']);
    expect(written.map((p) => p.slice(dir.length + 1))).toEqual(['evil-script-name.html', 'second-one.html', 'second-one-2.html', 'index.html']);
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    for (const href of ['evil-script-name.html', 'second-one.html', 'second-one-2.html']) expect(index).toContain(`href="${href}"`);
    expect(index).toContain('✓ pass');
    expect(index).toContain('✗ fail');
    expect(embedded(readFileSync(join(dir, 'second-one.html'), 'utf8')).scenario).toBe('Second One');
  });

  it.each([['Default Morning', 'default-morning.html'], ['../../etc', 'etc.html'], ['index', 'index-2.html'], ['***', 'scenario.html']])(
    'names the report of %j %s',
    (name, file) => expect(reportFileName(name, new Set())).toBe(file),
  );
});
