/**
 * `a2psim merge FILES...`: reassembles the result files of a run split with `--shard` (a
 * sweep's or a check's) and prints exactly what the unsharded run prints. Files from
 * different a2psim versions, scenarios, options or shard counts, a shard twice or one
 * missing, are refused with exit 2.
 */
import { readFileSync } from 'node:fs';
import { checkShardSet, MergeError, type ShardFile } from '../check/shards.js';
import { cheapestPoint, type SweepResult } from '../check/sweep.js';
import { EXIT, UsageError } from './errors.js';
import { expandFiles } from './files.js';
import type { CliIo } from './run.js';
import { checkSweepFormat, emitSweep, sweepOutputs } from './sweep.js';
import { emitMergedCheck, type CheckShardResult } from './check-shard.js';
import { OutputGuard } from './output-guard.js';
import type { NamedFile } from './output-paths.js';

export interface MergeOptions {
  format: string;
  out?: string;
  report?: string;
  json?: string;
  junit?: string;
}

/** Reads one shard file. @throws UsageError for an unreadable file or one that is not a shard file. */
function readShardFile(path: string): ShardFile<unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new UsageError(`${path}: expected an a2psim shard file (JSON), got ${why}`);
  }
  const f = doc as Partial<ShardFile<unknown>> | null;
  if (f === null || typeof f !== 'object' || f.format !== 'a2psim-shard') {
    throw new UsageError(`${path}: expected an a2psim shard file (written by sweep or check with --shard), got another file`);
  }
  if (f.format_version !== 1) throw new UsageError(`${path}: expected shard file format_version 1, got ${JSON.stringify(f.format_version)}`);
  return f as ShardFile<unknown>;
}

/** The scenario files a shard names (a sweep's one, a check's every one): inputs the merge must not overwrite. */
function scenarioFiles(f: ShardFile<unknown>): NamedFile[] {
  const r = f.result as { file?: unknown; checks?: { file?: unknown }[] } | null;
  const files = [r?.file, ...(Array.isArray(r?.checks) ? r.checks.map((c) => c?.file) : [])];
  return files.filter((x): x is string => typeof x === 'string' && x !== '').map((path) => ({ path, role: 'a scenario file of the shards' }));
}

/** The `merge` command. Returns the exit code of the merged run. */
export async function mergeCommand(patterns: readonly string[], opts: MergeOptions, io: CliIo): Promise<number> {
  const names = expandFiles(patterns);
  const files = names.map(readShardFile);
  const stepSummary = process.env.GITHUB_STEP_SUMMARY || undefined;
  const guard = OutputGuard.declare(
    'merge',
    [...names.map((path) => ({ path, role: 'a shard file being merged' })), ...files.flatMap(scenarioFiles)],
    [
      ...sweepOutputs(opts),
      ...(opts.json === undefined ? [] : [{ option: '--json', path: opts.json }]),
      ...(opts.junit === undefined ? [] : [{ option: '--junit', path: opts.junit }]),
      ...(stepSummary === undefined ? [] : [{ option: 'GITHUB_STEP_SUMMARY', path: stepSummary }]),
    ],
  );
  try {
    checkShardSet(files, names);
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(e.message);
    throw e;
  }
  // Shard order does not matter: items go back to their places.
  const order = files.map((f, i) => i).sort((a, b) => files[a].shard.index - files[b].shard.index);
  if (files[0].kind === 'check') {
    return emitMergedCheck(order.map((i) => files[i] as ShardFile<CheckShardResult>), opts, io, guard);
  }
  checkSweepFormat(opts.format);
  const results = order.map((i) => files[i].result as SweepResult);
  const points = results.flatMap((r) => r.points).sort((a, b) => a.index - b.index);
  const merged: SweepResult = { ...results[0], points, cheapest: cheapestPoint(points, results[0].parameters) };
  const code = await emitSweep(merged, opts, io, guard);
  return code === EXIT.ok ? EXIT.ok : code;
}
