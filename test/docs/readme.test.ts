// The README's scenario examples are real scenarios: they load, and the worked example's
// numbers are what a run prints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { simulate } from '../../src/engine/simulate.js';
import { summarize } from '../../src/report/summary.js';
import { renderTable } from '../../src/report/table.js';

const readme = readFileSync('README.md', 'utf8');
/** The first ```yaml block after `heading`. */
const yamlAfter = (heading: string): string => {
  const from = readme.indexOf(heading);
  const start = readme.indexOf('```yaml\n', from) + '```yaml\n'.length;
  return readme.slice(start, readme.indexOf('```', start));
};

describe('README', () => {
  it('the scenario reference is a valid scenario', () => {
    const sc = parseScenario(yamlAfter('## Scenario reference'), 'README.md');
    expect(sc.name).toBe('otp-morning-burst');
    expect(sc.expect).toHaveLength(3);
  });

  it('the worked example is scenarios/otp-burst-tollfree.yaml and gives 305 delivered, 695 expired', () => {
    const block = yamlAfter('## A worked example');
    const file = readFileSync('scenarios/otp-burst-tollfree.yaml', 'utf8');
    expect(file).toContain(block.trim().split('\n').slice(0, 3).join('\n'));
    const result = simulate(parseScenario(block, 'README.md'));
    expect([result.total.delivered, result.total.failed]).toEqual([305, 695]);
    expect(readme).toContain('│     1,000 │       305 │    695 │');
    // The README shows the run's first tables as the command prints them.
    const printed = renderTable(summarize(result)).split('\n').slice(2, 19).join('\n');
    expect(readme).toContain(printed);
  });
});
