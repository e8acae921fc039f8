// Golden files: every example scenario's summary JSON with its fixed seed, compared to
// test/golden/summary/<name>.json. Regenerate on purpose with UPDATE_GOLDEN=1.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { simulate } from '../../src/engine/simulate.js';
import { summarize } from '../../src/report/summary.js';
import { renderTable } from '../../src/report/table.js';

const dir = join(import.meta.dirname, '..', 'golden', 'summary');
const scenarios = readdirSync(join(import.meta.dirname, '..', '..', 'scenarios')).filter((f) => f.endsWith('.yaml'));

describe('golden summaries of the example scenarios', () => {
  it.each(scenarios)('%s', (file) => {
    const sc = loadScenarioFile(join('scenarios', file));
    const summary = summarize(simulate(sc));
    const json = JSON.stringify(summary, null, 2) + '\n';
    const golden = join(dir, `${basename(file, '.yaml')}.json`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, json);
    expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run test/report`).toBe(true);
    expect(json).toBe(readFileSync(golden, 'utf8'));
    // The table renders every scenario and states its totals.
    expect(renderTable(summary)).toContain(summary.totals.submitted.toLocaleString('en-US'));
  });
});
