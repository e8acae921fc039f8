// The README's examples are real: its worked example prints exactly what the tool prints, and
// so does the error example of docs/scenario.md (the README's "Scenario reference" before),
// whose reference scenario loads; every run and rules example of the README and docs/ fits an
// 80-column terminal.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { simulate } from '../../src/engine/simulate.js';
import { main } from '../../src/cli/main.js';
import { runRecords } from '../helpers/scenario.js';

const readme = readFileSync('README.md', 'utf8');
const scenarioPage = readFileSync('docs/scenario.md', 'utf8');
const DOCS = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
/** The first ```yaml block after `heading` in `text` (the README's by default). */
const yamlAfter = (heading: string, text = readme): string => {
  const from = text.indexOf(heading);
  expect(from, `a section "${heading}"`).toBeGreaterThanOrEqual(0);
  const start = text.indexOf('```yaml\n', from) + '```yaml\n'.length;
  return text.slice(start, text.indexOf('```', start));
};
/** The terminal block (```) of `text` that starts with the command `$ cmd`, without that line. */
const printedBlock = (cmd: string, text = readme): string => {
  const start = text.indexOf('```\n$ ' + cmd + '\n');
  expect(start, `a block for "$ ${cmd}"`).toBeGreaterThan(0);
  const body = start + '```\n$ '.length + cmd.length + 1;
  return text.slice(body, text.indexOf('```', body));
};
/** The terminal blocks of `a2psim run` and `a2psim rules` in `text`: ``` blocks whose first line is `$ … run|rules …`. */
const terminalBlocks = (text: string): string[] =>
  [...text.matchAll(/```\n(\$ [^]*?)```/g)].map((m) => m[1]).filter((b) => /^\$ (node \S*a2psim\.js|a2psim) (run|rules)\b/.test(b));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'a2psim', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const width = (text: string): number => Math.max(...text.split('\n').map((l) => [...l].length));

describe('README', () => {
  it('the scenario reference (docs/scenario.md) is a valid scenario', () => {
    const sc = parseScenario(yamlAfter('# Scenario reference', scenarioPage), 'docs/scenario.md');
    expect(sc.name).toBe('otp-morning-burst');
    expect(sc.expect).toHaveLength(3);
  });

  it('the worked example is scenarios/otp-burst-tollfree.yaml and prints exactly what the README shows', async () => {
    const block = yamlAfter('## A worked example');
    const file = readFileSync('scenarios/otp-burst-tollfree.yaml', 'utf8');
    expect(file).toContain(block.trim().split('\n').slice(0, 3).join('\n'));
    const result = simulate(parseScenario(block, 'README.md'));
    expect([result.total.delivered, result.total.failed]).toEqual([305, 695]);
    const run = await cli('run', 'scenarios/otp-burst-tollfree.yaml');
    expect(run.code).toBe(0);
    expect(printedBlock('node bin/a2psim.js run scenarios/otp-burst-tollfree.yaml')).toBe(run.stdout);
  }, 60_000);

  it('the error example (docs/scenario.md) shows the one line the loader reports for the bad.yaml shown', () => {
    const bad = yamlAfter('**Errors.**', scenarioPage);
    const shown = printedBlock('node bin/a2psim.js run bad.yaml', scenarioPage).trimEnd().split('\n');
    expect(shown).toHaveLength(1);
    let message = '';
    try {
      parseScenario(bad, 'bad.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      message = (e as Error).message;
    }
    expect(shown[0]).toBe(`a2psim: ${message}`);
  });

  it('says that a message rejected by the T-Mobile cap has used a TPM slot, which is what the model does', () => {
    expect(readme).toMatch(/rejected by the cap has\s+already passed the TPM queue, so it \*\*has used a TPM slot\*\*/);
    // TPM 10/min to T-Mobile, daily cap 5, 20 messages at once: 10 leave the TPM stage at
    // 0 s (5 delivered, 5 rejected by the cap), the other 10 at 60 s, all rejected then.
    const sc = parseScenario(`
account: { mps: { sms: 100 } }
brand: { vetting_score: 80, campaigns: [{ id: c, use_case: dedicated }] }
numbers: [{ id: lc, number: "+14155550100", type: long_code, country: US, campaign: c }]
carriers: { att: 0, tmobile: 1, verizon: 0, other: 0 }
rules: { tpm: { tmobile: 10 }, tpd: 5 }
traffic: [{ name: t, from: lc, arrival: { kind: burst, count: 20 } }]
`, 'cap.yaml');
    const { records } = runRecords(sc);
    const rejectedAt = records.filter((r) => r.code === 'tmobile_daily_cap').map((r) => r.endMs);
    expect(records.filter((r) => r.status === 'delivered')).toHaveLength(5);
    expect(rejectedAt).toEqual([...new Array(5).fill(0), ...new Array(10).fill(60_000)]);
  });

  it('every run and rules example of the README and docs/ fits 80 columns (one-line errors aside: they are one line by contract)', () => {
    expect(terminalBlocks(readme).length).toBeGreaterThanOrEqual(1);
    const blocks = DOCS.flatMap((f) => terminalBlocks(readFileSync(f, 'utf8')).map((b) => ({ f, b })));
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    for (const { f, b } of blocks) {
      const shown = b.split('\n').filter((l) => !l.startsWith('a2psim: ')).join('\n');
      expect(width(shown), `${f}: ${b.split('\n')[0]}`).toBeLessThanOrEqual(80);
    }
  });

  it('`npm start` prints a report that fits 80 columns', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
    const args = pkg.scripts.start.split(' ');
    expect(args.slice(0, 3)).toEqual(['node', 'bin/a2psim.js', 'run']);
    const run = await cli(...args.slice(2));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Totals');
    expect(width(run.stdout)).toBeLessThanOrEqual(80);
    expect(width(run.stderr === '' ? ' ' : run.stderr)).toBeLessThanOrEqual(80);
  }, 60_000);
});
