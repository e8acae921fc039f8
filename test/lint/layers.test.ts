// The layer check of `npm run lint:deps` (.ci/dependency-cruiser.cjs) fails on an import that
// runs back up and on a cycle, and passes on imports that run down: shown on a small
// project written to a temporary folder and cruised with the same rules.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)('../../.ci/dependency-cruiser.cjs') as {
  forbidden: unknown[];
  options: Record<string, unknown>;
};

/** Cruises `files` (path → source) with the project's rules; returns the violated rule names. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext" } }');
  const options = { ...config.options, baseDir: dir, validate: true, ruleSet: { forbidden: config.forbidden } };
  const out = await cruise(['src'], options as never);
  const result = out.output as ICruiseResult;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('layer boundaries (dependency-cruiser)', () => {
  it('pass imports that run down: cli → engine → scenario → rules', async () => {
    expect(
      await violations({
        'src/rules/codes.ts': 'export const A = 1;\n',
        'src/scenario/model.ts': "import { A } from '../rules/codes.js';\nexport const B = A;\n",
        'src/engine/network.ts': "import { B } from '../scenario/model.js';\nexport const C = B;\n",
        'src/cli/main.ts': "import { C } from '../engine/network.js';\nexport const D = C;\n",
      }),
    ).toEqual([]);
  });

  it('fail a type-only import that runs up (rules → scenario) and a cycle in cli', async () => {
    const found = await violations({
      'src/scenario/model.ts': 'export type Carrier = string;\n',
      'src/rules/rulebook.ts': "import type { Carrier } from '../scenario/model.js';\nexport const c: Carrier = 'att';\n",
      'src/cli/run.ts': "import { b } from './interactive.js';\nexport const a = () => b;\n",
      'src/cli/interactive.ts': "import { a } from './run.js';\nexport const b = () => a;\n",
    });
    expect(found).toContain('no-upward-from-rules: src/rules/rulebook.ts → src/scenario/model.ts');
    expect(found.some((v) => /^no-circular: src\/cli\/(run|interactive)\.ts/.test(v))).toBe(true);
  });

  it('fail an engine module that reads a provider profile, pass one that uses the shared words', async () => {
    const found = await violations({
      'src/rules/codes.ts': 'export const CODES = [];\n',
      'src/rules/plivo/index.ts': 'export const PLIVO = {};\n',
      'src/engine/network.ts': "import { CODES } from '../rules/codes.js';\nimport { PLIVO } from '../rules/plivo/index.js';\nexport const n = [CODES, PLIVO];\n",
    });
    expect(found).toEqual(['engine-reads-no-rulebook: src/engine/network.ts → src/rules/plivo/index.ts']);
  });
}, 60_000);
