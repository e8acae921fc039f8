import { readFileSync, writeFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { compareSummaries } from '../../src/check/baseline.js';
import { parseTolerance } from '../../src/check/tolerance.js';
import { escapeXml, renderJUnit } from '../../src/check/junit.js';
import { renderMarkdown } from '../../src/check/markdown.js';
import { checkScenario, type ScenarioCheck } from '../../src/check/runner.js';
import { renderText } from '../../src/check/text.js';
import { scenarioOf } from '../helpers/scenario.js';

const GOLDEN = new URL('../golden/check-summary.md', import.meta.url);
const FAQ = (name: string, expect: string[]) => `
name: ${JSON.stringify(name)}
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: burst, from: [tf1], arrival: { kind: burst, count: 100 }, expiry: 10 }
expect:
${expect.map((e) => `  - ${JSON.stringify(e)}`).join('\n')}
`;

function check(name: string, file: string, expect: string[], baseline = false): ScenarioCheck {
  const sc = scenarioOf(FAQ(name, expect));
  const { summaries, ...run } = checkScenario(sc, file, 1, 'ab'.repeat(32));
  const worse = { ...run.summary, wait: { ...run.summary.wait, p95: 12 } };
  const comparisons = baseline ? compareSummaries(worse, summaries, [parseTolerance('wait_p95=+10%')]) : [];
  // The baseline here is "better" in nothing but wait_p95 being worse: nothing regresses…
  return { ...run, baseline: baseline ? { file: 'base.json', comparisons } : null, baselineWritten: null };
}

function checks(): ScenarioCheck[] {
  const a = check('faq <burst> & "co" | x', 'scenarios/faq.yaml', ['failed[420] == 45', 'failed[420] == 0', 'delivered_ratio >= 55%']);
  const b = check('second', 'scenarios/b.yaml', ['wait_p95 <= 30s'], true);
  // …so make one regression by hand, to see it reported.
  const comparisons = b.baseline!.comparisons.map((c) => (c.metric === 'delivered' ? { ...c, baseline: 60, regression: true } : c));
  return [a, { ...b, baseline: { file: 'base.json', comparisons } }];
}

const asArray = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

describe('JUnit XML', () => {
  it('is well-formed with testsuites / testsuite per scenario / testcase per check / failure with the observed value', () => {
    const xml = renderJUnit(checks());
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const root = doc.testsuites;
    expect(root).toMatchObject({ name: 'a2psim check', tests: '15', failures: '2', errors: '0' });
    const suites = asArray(root.testsuite);
    expect(suites.map((s) => s.name)).toEqual(['faq <burst> & "co" | x', 'second']);
    expect(suites[0]).toMatchObject({ tests: '3', failures: '1', file: 'scenarios/faq.yaml' });
    const cases = asArray(suites[0].testcase);
    expect(cases.map((c) => c.name)).toEqual(['failed[420] == 45', 'failed[420] == 0', 'delivered_ratio >= 55%']);
    expect(cases[0].failure).toBeUndefined();
    expect(cases[1].failure).toMatchObject({ type: 'threshold', message: 'observed 45; expected failed[420] == 0' });
    const props = asArray(suites[0].properties.property);
    expect(props.find((p) => p.name === 'sha256').value).toBe('ab'.repeat(32));
    const second = asArray(suites[1].testcase);
    expect(second).toHaveLength(12); // 1 threshold + 11 baseline metrics
    const failed = second.filter((c) => c.failure !== undefined);
    expect(failed.map((c) => c.name)).toEqual(['baseline delivered']);
    expect(failed[0].failure.message).toBe('regression of delivered against base.json: 60 → 55: -5 (-8.3%) (tolerance 0)');
  });

  it('escapes markup, quotes and characters XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(escapeXml('x\u0000y\u001bz\ud800')).toBe('x\ufffdy\ufffdz\ufffd');
    expect(escapeXml('a\nb\tc')).toBe('a&#10;b&#9;c');
    expect(escapeXml('😀 ü')).toBe('😀 ü');
    const sc = check('bad \u0001 name <x>', 'f.yaml', ['queued == 0']);
    const xml = renderJUnit([sc]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites.testsuite.name).toBe('bad \ufffd name <x>');
  });
});

describe('markdown job summary', () => {
  it('matches the golden file', () => {
    const md = renderMarkdown(checks());
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, md);
    expect(md).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('says all passed when nothing failed', () => {
    const md = renderMarkdown([check('ok', 'ok.yaml', ['failed[420] == 45'])]);
    expect(md.split('\n')[0]).toBe('### ✅ a2psim check: all 1 checks passed in 1 scenario');
  });
});

describe('terminal report', () => {
  it('prints ✓/✗ with the observed value and a verdict', () => {
    const text = renderText([check('faq', 'scenarios/faq.yaml', ['failed[420] == 45', 'failed[420] == 0'])]);
    expect(text).toBe(
      [
        'scenarios/faq.yaml — faq (seed 1)',
        '  ✓ failed[420] == 45  observed 45',
        '  ✗ failed[420] == 0   observed 45',
        'check FAILED: 1 of 2 thresholds failed, 0 baseline regressions (1 scenario)',
        '',
      ].join('\n'),
    );
  });
});
