// The bench's figures in docs/performance.md are generated from a bench run
// (test/bench/to-docs.js). The bench itself runs in `npm run test:slow`
// (test/slow/bench-small.test.ts): it is ~25 s of work (issue 23).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('npm run bench', () => {
  it('the figures in docs/performance.md are generated from a bench run (to-docs.js), with machine and load', () => {
    for (const file of ['docs/performance.md']) {
      const text = readFileSync(file, 'utf8');
      const section = (name: string) => new RegExp(`<!-- bench:${name}:start -->\\n([\\s\\S]*?)\\n<!-- bench:${name}:end -->`).exec(text)?.[1] ?? '';
      expect(section('provenance')).toMatch(/^Measured by `npm run bench` on \d{4}-\d\d-\d\d \d\d:\d\d UTC: \d+ cores .* load average [\d.]+ \/ [\d.]+ \/ [\d.]+/);
      expect(section('ratio-table')).toMatch(/\| message CSV \(us-day 10M\): --messages vs without \| [\d.]+ → [\d.]+ \| [\d.]+× \| [\d.]+ → [\d.]+ \| [\d.]+× \|/);
      expect(section('bench-table')).toMatch(/\| us-day@10M\+csv \| 10,001,072 \|/);
    }
    const pool = /<!-- bench:pool-table:start -->\n([\s\S]*?)\n<!-- bench:pool-table:end -->/.exec(readFileSync('docs/performance.md', 'utf8'))?.[1] ?? '';
    expect(pool).toMatch(/^Measured by `.*` on \d{4}-\d\d-\d\d \d\d:\d\d UTC, \d+ cores .* Load average \(1 \/ 5 \/ 15 min\): us-day [\d.]+ /);
    expect(pool).toMatch(/\| us-day \| 3,991,200 \| \d+ \| [\d.]+ \([\d. \/]+\) \| [\d.]+ \| [\d.]+ \([\d. \/]+\) \| [\d.]+× \| [\d.]+× \|/);
    expect(pool).toMatch(/\| md1 \| [\d,]+ \| \d+ \|/);
    expect(pool).toMatch(/The machine's own bound, measured alongside: \d+ one-worker us-day sweeps started at once .* [\d.]+× the work of one in its time\./);
  });

  it('the suite budget in docs/testing.md is a measured table (npm run bench:suite), with machine and load', () => {
    const text = readFileSync('docs/testing.md', 'utf8');
    const section = /<!-- suite-time:start -->\n([\s\S]*?)\n<!-- suite-time:end -->/.exec(text)?.[1] ?? '';
    expect(section).toMatch(/^Measured by `npm run bench:suite.*` on \d{4}-\d\d-\d\d \d\d:\d\d UTC: \d+ cores .* load average [\d.]+ \/ [\d.]+ \/ [\d.]+/);
    for (const condition of ['idle', 'two busy loops']) {
      expect(section).toMatch(new RegExp(`\\| this checkout \\| ${condition} \\| [\\d.]+ \\| [\\d.]+ \\| \\d+ passed`));
    }
  });
});
