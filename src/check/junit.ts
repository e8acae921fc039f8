/**
 * JUnit XML of a check: one `<testsuite>` per scenario, one `<testcase>` per threshold and
 * per baseline metric, a `<failure>` (with the observed value) for each that failed — the
 * structure CI systems (GitHub, GitLab, Jenkins) read. Pure. Outputs carry no wall-clock
 * time, so the same check gives the same bytes.
 */
import { describeComparison, describeTolerance, describeValues } from './baseline.js';
import { describeObserved } from './evaluate.js';
import type { ScenarioCheck } from './runner.js';

/**
 * Escapes text for XML content and attribute values: `& < > " '` become entities, and
 * characters XML 1.0 cannot carry at all (controls other than tab, newline and carriage
 * return; lone surrogates; U+FFFE/U+FFFF) become U+FFFD. Newlines and tabs in attributes
 * are written as character references so that they survive attribute normalisation.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');

interface Case {
  name: string;
  failure: string | null;
  detail: string;
}

function casesOf(c: ScenarioCheck): Case[] {
  const runs = c.seeds.length;
  const cases: Case[] = c.thresholds.map((t) => {
    const observed = describeObserved(t, runs);
    return { name: t.threshold.text, failure: t.pass ? null : `${observed}; expected ${t.threshold.text}`, detail: observed };
  });
  for (const x of c.baseline?.comparisons ?? []) {
    const line = describeComparison(x);
    const failure = x.regression ? `regression of ${x.metric} against ${c.baseline?.file}: ${describeValues(x)} (${describeTolerance(x)})` : null;
    cases.push({ name: `baseline ${x.metric}`, failure, detail: line });
  }
  return cases;
}

/** The JUnit XML document of a check (UTF-8, ending in a newline). */
export function renderJUnit(checks: readonly ScenarioCheck[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = checks.map(casesOf);
  const tests = all.reduce((n, cs) => n + cs.length, 0);
  const failures = all.reduce((n, cs) => n + cs.filter((x) => x.failure !== null).length, 0);
  out.push(`<testsuites${attrs({ name: 'a2psim check', tests, failures, errors: 0 })}>`);
  checks.forEach((c, i) => {
    const cases = all[i];
    const failed = cases.filter((x) => x.failure !== null).length;
    out.push(`  <testsuite${attrs({ name: c.name, tests: cases.length, failures: failed, errors: 0, skipped: 0, file: c.file })}>`);
    out.push('    <properties>');
    out.push(`      <property${attrs({ name: 'file', value: c.file })}/>`);
    out.push(`      <property${attrs({ name: 'sha256', value: c.sha256 })}/>`);
    out.push(`      <property${attrs({ name: 'seed', value: c.seed })}/>`);
    out.push(`      <property${attrs({ name: 'replications', value: c.seeds.length })}/>`);
    out.push('    </properties>');
    for (const x of cases) {
      const head = `    <testcase${attrs({ name: x.name, classname: c.name, file: c.file })}`;
      if (x.failure === null) {
        out.push(`${head}>`, `      <system-out>${escapeXml(x.detail)}</system-out>`, '    </testcase>');
      } else {
        out.push(`${head}>`, `      <failure${attrs({ message: x.failure, type: 'threshold' })}>${escapeXml(x.failure)}</failure>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  });
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
