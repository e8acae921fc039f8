// docs/scale-out.md: each engine's setup is parsed (yaml) and its a2psim commands are run
// as the engine would run them — every shard with its index from the matrix or the
// environment, then the merge — and the merged output must equal one unsharded run.
// In process, on this thread (`--workers 1`): a pool of threads per command cost ~1 s each and
// gives the same bytes (test/cli/pool.test.ts); the unsharded run is the same for all three.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { main } from '../../src/cli/main.js';

const doc = readFileSync('docs/scale-out.md', 'utf8');
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseAllDocuments(m[1]).map((d) => d.toJS()));

/** Splits a shell command line, honouring single quotes, expanding $VARS from `env`. */
function shellWords(line: string, env: Record<string, string>): string[] {
  return [...line.trim().matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2].replace(/\$([A-Z_]+)/g, (_, v: string) => env[v] ?? ''));
}

const VERSION: string = JSON.parse(readFileSync('package.json', 'utf8')).version;

/**
 * The a2psim arguments of a command line (`npx -y a2psim@VERSION ...`, this version), results
 * paths moved into `dir`; a sweep runs on this thread.
 */
function a2psimArgs(line: string, env: Record<string, string>, dir: string): string[] {
  const words = shellWords(line, env);
  expect(words.slice(0, 3)).toEqual(['npx', '-y', `a2psim@${VERSION}`]);
  const args = words.slice(3).map((w) => w.replace(/^\/results\//, `${dir}/`).replace(/^shards\//, `${dir}/`).replace(/^sweep\./, `${dir}/sweep.`));
  return args[0] === 'sweep' ? [...args, '--workers', '1'] : args;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'a2psim', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

/** The output of each unsharded sweep, by its arguments. */
const unsharded = new Map<string, Promise<{ code: number; out: string; err: string }>>();

/** Runs every shard, then the merge; compares the merged CSV with the unsharded sweep. */
async function runSetup(shards: { env: Record<string, string>; line: string }[], mergeLine: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-scale-out-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const s of shards) {
    for (const [k, v] of Object.entries(s.env)) vi.stubEnv(k, v);
    const r = await cli(a2psimArgs(s.line, s.env, dir));
    expect([r.code, r.err]).toEqual([0, '']);
    vi.unstubAllEnvs();
  }
  const merged = await cli(a2psimArgs(mergeLine, {}, dir));
  expect([merged.code, merged.err]).toEqual([0, '']);
  // The same sweep without sharding, to stdout.
  const plain = a2psimArgs(shards[0].line, shards[0].env, dir);
  const cut = plain.indexOf('--shard');
  const args = [...plain.slice(0, cut), ...plain.slice(cut + 4)];
  if (!unsharded.has(args.join(' '))) unsharded.set(args.join(' '), cli(args));
  const whole = await unsharded.get(args.join(' '))!;
  expect([whole.code, whole.err]).toEqual([0, '']);
  expect(readFileSync(join(dir, 'sweep.csv'), 'utf8')).toBe(whole.out);
  expect(readFileSync(join(dir, 'sweep.html'), 'utf8')).toContain('Cheapest passing point (★)');
}

afterEach(() => vi.unstubAllEnvs());

describe('docs/scale-out.md', () => {
  it('GitHub Actions: the matrix shards and the merge job give the unsharded sweep', async () => {
    const wf = yamlBlocks.find((b) => b[0]?.jobs !== undefined)![0];
    const shards: number[] = wf.jobs.sweep.strategy.matrix.shard;
    const run = (steps: { run?: string }[], word: string) => steps.map((s) => s.run ?? '').find((r) => r.startsWith(`npx -y a2psim@${VERSION} ${word}`))!;
    const sweep = run(wf.jobs.sweep.steps, 'sweep');
    expect(wf.jobs.merge.needs).toBe('sweep');
    await runSetup(
      shards.map((i) => ({ env: {}, line: sweep.replace(/\$\{\{ matrix\.shard \}\}/g, String(i)) })),
      run(wf.jobs.merge.steps, 'merge'),
    );
  }, 60_000);

  it('Kubernetes: an Indexed Job of N completions with --shard N, and the merge Job', async () => {
    const job = yamlBlocks.flat().find((d) => d?.kind === 'Job' && d.spec.completionMode !== undefined);
    const merge = yamlBlocks.flat().find((d) => d?.kind === 'Job' && d.metadata.name === 'a2psim-merge');
    expect(job.spec.completionMode).toBe('Indexed');
    const n: number = job.spec.completions;
    const [sh, c, line] = job.spec.template.spec.containers[0].command;
    expect([sh, c]).toEqual(['sh', '-c']);
    expect(line).toContain(`--shard ${n} `);
    await runSetup(
      Array.from({ length: n }, (_, i) => ({ env: { JOB_COMPLETION_INDEX: String(i) }, line })),
      merge.spec.template.spec.containers[0].command[2],
    );
  }, 60_000);

  it('AWS Batch: an array job of size N with --shard N, and the merge job', async () => {
    const array = yamlBlocks.find((b) => b[0]?.arrayProperties !== undefined)![0];
    const merge = yamlBlocks.find((b) => b[0]?.jobName === 'a2psim-merge')![0];
    const n: number = array.arrayProperties.size;
    const line: string = array.containerOverrides.command[2];
    expect(line).toContain(`--shard ${n} `);
    await runSetup(
      Array.from({ length: n }, (_, i) => ({ env: { AWS_BATCH_JOB_ARRAY_INDEX: String(i) }, line })),
      merge.containerOverrides.command[2],
    );
  }, 60_000);
});
