/**
 * `a2psim merge FILES...`: reassembles the result files of a run split with `--shard` (a
 * sweep's or a check's) and prints exactly what the unsharded run prints. Files from
 * different a2psim versions, scenarios, options or shard counts, a shard twice or one
 * missing, are refused with exit 2.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { checkShardResult } from '../../check/shard-result.js';
import { checkShardSet, MergeError, type ShardFile } from '../../check/shards.js';
import { cheapestPoint, type SweepResult } from '../../check/sweep.js';
import { errnoText, EXIT, UsageError } from '../cli-errors.js';
import { expandFiles, SHARD_FILES } from '../io/files.js';
import type { CliIo } from '../io/cli-io.js';
import type { SweepFormat } from '../options/shared-options.js';
import { checkSweepStdout, emitSweep, sweepOutputs } from './sweep-command.js';
import { emitMergedCheck, type CheckShardResult } from '../parallel/check-shard.js';
import { OutputGuard } from '../io/output-guard.js';
import type { NamedFile } from '../io/output-paths.js';

export interface MergeOptions {
  format: SweepFormat;
  out?: string;
  report?: string;
  json?: string;
  junit?: string;
}

/** Largest shard file read (a 100,000-point sweep in one shard is about 250 MB), under V8's longest string. */
export const MAX_SHARD_BYTES = 500_000_000;

/**
 * A shard file's text: a regular file only (a FIFO or device is refused without blocking:
 * it is opened non-blocking and checked before any read), of at most {@link MAX_SHARD_BYTES}.
 * @throws UsageError `PATH: cannot read shard file (EACCES: permission denied)` and the like.
 */
function readShardText(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UsageError(`${path}: cannot read shard file (${errnoText(e)})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UsageError(`${path}: expected a shard file (a regular file), got ${kindOf(st)}`);
    if (st.size > MAX_SHARD_BYTES) {
      throw new UsageError(`${path}: expected a shard file of at most ${MAX_SHARD_BYTES / 1e6} MB, got ${(st.size / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`);
    }
    const bytes = Buffer.alloc(st.size);
    let got = 0;
    for (let n = -1; n !== 0 && got < st.size; got += n) n = readSync(fd, bytes, got, st.size - got, got);
    if (!isUtf8(bytes.subarray(0, got))) throw new UsageError(`${path}: expected a shard file (UTF-8 JSON), got bytes that are not UTF-8`);
    return bytes.toString('utf8', 0, got);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${path}: cannot read shard file (${errnoText(e)})`);
  } finally {
    closeSync(fd);
  }
}

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Reads one shard file. @throws UsageError for an unreadable file or one that is not a shard file. */
function readShardFile(path: string): ShardFile<unknown> {
  let doc: unknown;
  const text = readShardText(path);
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: expected a shard file (JSON written by sweep or check with --shard), got invalid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const f = doc as Partial<ShardFile<unknown>> | null;
  if (f === null || typeof f !== 'object' || f.format !== 'a2psim-shard') {
    throw new UsageError(`${path}: expected a shard file (written by sweep or check with --shard), got another file`);
  }
  if (f.format_version !== 1) throw new UsageError(`${path}: expected shard file format_version 1, got ${JSON.stringify(f.format_version)}`);
  const shapeOk =
    (f.kind === 'sweep' || f.kind === 'check') &&
    typeof f.a2psim_version === 'string' &&
    Array.isArray(f.scenario_sha256) && f.scenario_sha256.every((h) => typeof h === 'string') &&
    typeof f.shard === 'object' && f.shard !== null && isIndex(f.shard.index) && isIndex(f.shard.count) &&
    Array.isArray(f.points) && f.points.every(isIndex) && isIndex(f.total) && 'result' in f;
  if (!shapeOk) throw new UsageError(`${path}: expected a shard file with kind, a2psim_version, scenario_sha256, shard, points, total and result, got a header missing one`);
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
  const names = expandFiles(patterns, SHARD_FILES);
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
    files.forEach((f, i) => checkShardResult(f, names[i]));
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(e.message);
    throw e;
  }
  // Shard order does not matter: items go back to their places.
  const order = files.map((f, i) => i).sort((a, b) => files[a].shard.index - files[b].shard.index);
  if (files[0].kind === 'check') {
    if (opts.out !== undefined) throw new UsageError('--out: expected no --out when merging check shards (use --json or --junit), got one');
    return emitMergedCheck(order.map((i) => files[i] as ShardFile<CheckShardResult>), opts, io, guard);
  }
  checkSweepStdout(opts.format, opts);
  for (const [flag, given] of [['--junit', opts.junit], ['--json', opts.json]] as const) {
    if (given !== undefined) throw new UsageError(`${flag}: expected no ${flag} when merging sweep shards (it is for check shards; use --out with --format json, or --report), got one`);
  }
  const results = order.map((i) => files[i].result as SweepResult);
  const points = results.flatMap((r) => r.points).sort((a, b) => a.index - b.index);
  const merged: SweepResult = { ...results[0], points, cheapest: cheapestPoint(points, results[0].parameters) };
  const code = await emitSweep(merged, opts, io, guard);
  return code === EXIT.ok ? EXIT.ok : code;
}
