// The layer check of `npm run lint:deps` (.ci/dependency-cruiser.cjs) fails on an import that
// runs back up and on a cycle, and passes on imports that run down: shown on a small
// project written to a temporary folder and cruised with the same rules.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  try {
    const out = await cruise(['src'], options as never);
    const result = out.output as ICruiseResult;
    return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

describe('cli/ folders import one way (dependency-cruiser)', () => {
  const CLI_FOLDERS = cliFolders();
  /** A leaf module of each cli/ part a rule names (`main` is cli/main.ts). */
  const target = (name: string): string => (name === 'main' ? 'src/cli/main.ts' : `src/cli/${name}/leaf.ts`);
  const leaf = 'export const x = 1;\n';

  it('has a rule for every folder of src/cli', () => {
    const folders = readdirSync('src/cli', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(CLI_FOLDERS.map(([f]) => f).sort()).toEqual(folders.sort());
  });

  it('fail every planted upward import between cli folders, each by its folder rule', async () => {
    const files: Record<string, string> = {};
    const expected: string[] = [];
    for (const [folder, , not] of CLI_FOLDERS) {
      for (const name of not) {
        const from = `src/cli/${folder}/plant-${name}.ts`;
        const to = target(name);
        files[to] = leaf;
        files[from] = `import { x } from '${name === 'main' ? '../main.js' : `../${name}/leaf.js`}';\nexport const y = x;\n`;
        expected.push(`cli-${folder}-imports-down: ${from} → ${to}`);
      }
    }
    const found = await violations(files);
    expect(expected.length).toBeGreaterThan(30);
    expect(found.filter((v) => v.startsWith('cli-')).sort()).toEqual(expected.sort());
  });

  it('pass imports that run down: commands → run → io → cli-errors, parallel → io, main → commands', async () => {
    expect(
      await violations({
        'src/cli/cli-errors.ts': leaf,
        'src/cli/io/output.ts': "import { x } from '../cli-errors.js';\nexport const a = x;\n",
        'src/cli/run/run-files.ts': "import { a } from '../io/output.js';\nexport const b = a;\n",
        'src/cli/parallel/worker-pool.ts': "import { a } from '../io/output.js';\nexport const c = a;\n",
        'src/cli/commands/run-command.ts': "import { b } from '../run/run-files.js';\nimport { c } from '../parallel/worker-pool.js';\nexport const d = [b, c];\n",
        'src/cli/main.ts': "import { d } from './commands/run-command.js';\nexport const e = d;\n",
      }),
    ).toEqual([]);
  });

  it('fail an engine, stage or report module that imports cli/, a cli root module that imports a cli folder, and the message CSV importing the HTML report', async () => {
    const found = await violations({
      'src/cli/io/output.ts': leaf,
      'src/engine/network.ts': "import { x } from '../cli/io/output.js';\nexport const a = x;\n",
      'src/stages/route.ts': "import { x } from '../cli/io/output.js';\nexport const b = x;\n",
      'src/report/table.ts': "import { x } from '../cli/io/output.js';\nexport const c = x;\n",
      'src/cli/cli-errors.ts': "import { x } from './io/output.js';\nexport const d = x;\n",
      'src/report/html/page.ts': leaf,
      'src/report/message-csv/message-csv.ts': "import { x } from '../html/page.js';\nexport const e = x;\n",
    });
    for (const from of ['src/engine/network.ts', 'src/stages/route.ts', 'src/report/table.ts']) {
      expect(found).toContain(`nothing-below-imports-cli: ${from} → src/cli/io/output.ts`);
    }
    expect(found).toContain('cli-root-imports-nothing-of-cli: src/cli/cli-errors.ts → src/cli/io/output.ts');
    expect(found).toContain('message-csv-apart-from-html: src/report/message-csv/message-csv.ts → src/report/html/page.ts');
  });
}, 60_000);

/** The cli/ folders of the config and what each may not import. */
function cliFolders(): Array<[string, string, string[]]> {
  const rules = config.forbidden as Array<{ name: string; comment: string; from: { path: string }; to: { path: string } }>;
  return rules
    .filter((r) => /^cli-.+-imports-down$/.test(r.name))
    .map((r) => {
      const folder = /^cli-(.+)-imports-down$/.exec(r.name)![1];
      const not = /^\^src\/cli\/\((.*)\)$/.exec(r.to.path)![1].split('|').map((p) => (p === 'main[.]ts$' ? 'main' : p.replace(/\/$/, '')));
      return [folder, r.comment, not];
    });
}
