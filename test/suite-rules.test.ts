// Rules the suite keeps so that it passes the same way on every machine (issue 10): every
// fast-check property runs a fixed number of cases from a fixed seed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const testFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);

/**
 * The text of each `fc.assert(...)` call in `source`: parentheses balanced, skipping line
 * comments (a `//` after a space or at a line's start); no strings with parentheses assumed.
 */
function fcAssertCalls(source: string): string[] {
  const calls: string[] = [];
  for (let at = source.indexOf('fc.assert('); at >= 0; at = source.indexOf('fc.assert(', at + 1)) {
    let depth = 0;
    let end = at + 'fc.assert'.length;
    for (; end < source.length; end++) {
      if (source.startsWith('//', end) && /\s/.test(source[end - 1])) end = source.indexOf('\n', end);
      if (source[end] === '(') depth++;
      else if (source[end] === ')' && --depth === 0) break;
    }
    calls.push(source.slice(at, end + 1));
  }
  return calls;
}

describe('property tests', () => {
  it('the call finder sees options, even after nested calls', () => {
    expect(fcAssertCalls('fc.assert(fc.property(a, (x) => f(x)), { numRuns: 5, seed: 1 }); fc.assert(p)'))
      .toEqual(['fc.assert(fc.property(a, (x) => f(x)), { numRuns: 5, seed: 1 })', 'fc.assert(p)']);
    expect(fcAssertCalls('fc.assert(p(() => {\n  // [t, t + W)\n}), { seed: 1 })')).toEqual(['fc.assert(p(() => {\n  // [t, t + W)\n}), { seed: 1 })']);
  });

  it('every fc.assert in test/ names its seed and its number of runs', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of testFiles('test').filter((f) => f !== join('test', 'suite-rules.test.ts'))) {
      for (const call of fcAssertCalls(readFileSync(file, 'utf8'))) {
        seen++;
        if (!/\bseed\b/.test(call) || !/\bnumRuns\b/.test(call)) missing.push(`${file}: ${call.split('\n')[0]}`);
      }
    }
    expect(seen).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });
});
