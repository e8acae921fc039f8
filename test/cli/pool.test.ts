// Runs on worker threads give exactly the single-thread output. The workers run the built
// module (dist/bundle/sim-worker.js, built by `npm ci`/`npm run build`).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { JobRunner } from '../../src/cli/parallel/worker-pool.js';
import { parseWorkerCount } from '../../src/cli/options/shared-options.js';
import { readScenarioText, resolveJob, runJob, type RunJob } from '../../src/cli/parallel/jobs.js';

describe('worker pool', () => {
  it('sweep with replications: 2 workers print byte for byte what 1 prints', async () => {
    const args = ['sweep', 'test/fixtures/solve/poisson-queue.yaml', '--vary', 'account.mps.sms=6,8,10,12', '--replications', '3', '--format', 'json'];
    const one = await cli(...args, '--workers', '1');
    const two = await cli(...args, '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.out).toBe(one.out);
  }, 60_000);

  it('a bad sweep point (scenario now resolved on the main thread) is the same one line and exit 2 on 1 and 2 workers', async () => {
    const args = ['sweep', 'test/fixtures/solve/poisson-queue.yaml', '--vary', 'account.mps.sms=6,8,-1,12', '--format', 'json'];
    const one = await cli(...args, '--workers', '1');
    const two = await cli(...args, '--workers', '2');
    expect(one.code).toBe(2);
    expect(one.err.trim().split('\n')).toHaveLength(1);
    expect(two).toEqual(one);
  }, 60_000);

  it('solve with replications: same answer, same runs, same output on 1 and 3 workers', async () => {
    const args = ['solve', 'test/fixtures/solve/poisson-queue.yaml', '--vary', 'account.mps.sms', '--min', '5', '--max', '20', '--replications', '4', '--format', 'json'];
    const one = await cli(...args, '--workers', '1');
    const three = await cli(...args, '--workers', '3');
    expect(three.out).toBe(one.out);
    expect(JSON.parse(one.out).value).toBeGreaterThan(5);
  }, 60_000);

  it('check --replications and run --replications: the same output and JSON on 1 and 2 workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2psim-pool-'));
    const check = (w: string) => cli('check', 'scenarios/otp-burst-tollfree.yaml', 'test/fixtures/solve/poisson-queue.yaml', '--replications', '4', '--workers', w, '--json', join(dir, `${w}.json`));
    const [one, two] = [await check('1'), await check('2')];
    expect(two.out).toBe(one.out);
    expect(readFileSync(join(dir, '2.json'), 'utf8')).toBe(readFileSync(join(dir, '1.json'), 'utf8'));
    const run = (w: string) => cli('run', 'test/fixtures/solve/poisson-queue.yaml', '--replications', '3', '--workers', w, '--format', 'json');
    expect((await run('2')).out).toBe((await run('1')).out);
  }, 60_000);

  it('the pool worker bundle carries the engine but no YAML, schema or CLI library', () => {
    // esbuild marks each bundled file with a `// path` comment. A pool thread loads this file
    // before its first job: zod (~750 kB) came in through the pricing schema's unit price.
    const sources = readFileSync('dist/bundle/sim-worker.js', 'utf8').match(/^\/\/ (src|node_modules)\/\S+/gm) ?? [];
    expect(sources).toContain('// src/engine/simulate.ts');
    expect(sources.filter((x) => /node_modules\/(zod|yaml|commander|cli-table3|tinypool)\/|src\/(cli\/(?!parallel\/sim-worker)|scenario\/(schema|load|pricing))/.test(x))).toEqual([]);
  });

  it('run takes a prefetched result instead of running the job again; a job never asked for is dropped', async () => {
    const file = 'test/fixtures/solve/poisson-queue.yaml';
    const jobs: RunJob[] = [6, 8, 10].map((mps) => ({ file, text: readScenarioText(file), set: [`account.mps.sms=${mps}`], seed: 3 }));
    const runner = new JobRunner(2).warmUp();
    try {
      // Under job 1's settings, a different scenario (job 0's): its summary shows where job 1's result came from.
      runner.prefetch(file, jobs[1].set, resolveJob(jobs[0]));
      runner.prefetch(file, jobs[2].set, resolveJob({ ...jobs[0], seed: 4 }));
      const summaries = await runner.run(jobs);
      expect(summaries[1]).toEqual(runJob(jobs[0]));
      expect(summaries[1]).not.toEqual(runJob(jobs[1]));
      // Job 2 was prefetched under another seed: another job, so run ran job 2 itself.
      expect([summaries[0], summaries[2]]).toEqual([runJob(jobs[0]), runJob(jobs[2])]);
    } finally {
      await runner.close();
    }
  }, 60_000);

  it.each(['0', 'x', '257'])('--workers %s is refused', (v) => {
    expect(() => parseWorkerCount(v)).toThrow(`--workers: expected an integer from 1 to 256, got "${v}"`);
  });
});
