/**
 * `check --shard i/n`: the shard runs every n-th scenario file (starting at the i-th) and
 * writes its results as a shard file instead of printing them; `merge` puts the shards
 * back in file order and prints, writes and exits exactly as the unsharded check would.
 */
import { createHash } from 'node:crypto';
import { scenarioFileBytes } from '../../scenario/load.js';
import { checkJson } from '../../check/json.js';
import { renderJUnit } from '../../check/junit.js';
import { renderMarkdown } from '../../check/markdown.js';
import { checkPassed, type ScenarioCheck } from '../../check/runner.js';
import type { Shard, ShardFile } from '../../check/shards.js';
import { renderText } from '../../check/text.js';
import { EXIT, UsageError } from '../cli-errors.js';
import type { OutputGuard } from '../io/output-guard.js';
import type { CliIo } from '../io/cli-io.js';
import { fitOut } from '../io/terminal.js';

/** What a check shard carries: its scenarios' results, in file order. */
export interface CheckShardResult {
  readonly checks: ScenarioCheck[];
}

/** Options of a check that every shard must share. */
export interface CheckRunOptions {
  readonly set: readonly string[];
  readonly seed: string | null;
  readonly replications: number;
  readonly baseline: string | null;
  readonly tolerance: readonly string[];
}

/** Refuses the check options that a shard cannot honour alone (they are the merge's job). */
export function checkShardOptions(opts: { report?: string; junit?: string; json?: string; updateBaseline?: boolean }): void {
  for (const [flag, given] of [['--report', opts.report], ['--junit', opts.junit], ['--json', opts.json], ['--update-baseline', opts.updateBaseline]] as const) {
    if (given !== undefined && given !== false) {
      throw new UsageError(`${flag}: expected no ${flag} with --shard (give it to merge, which sees every scenario), got both`);
    }
  }
}

/** SHA-256 of every scenario file of the whole (unsharded) check, in order. */
export function scenarioHashes(files: readonly string[]): string[] {
  return files.map((f) => {
    try {
      return createHash('sha256').update(scenarioFileBytes(f)).digest('hex');
    } catch {
      return 'unreadable';
    }
  });
}

/** Writes a check shard's result file to `out` (or stdout), through `guard`; exit 0 (the verdict is the merge's). */
export async function writeCheckShard(
  checks: ScenarioCheck[],
  meta: { version: string; allFiles: readonly string[]; shard: Shard; items: number[]; run: CheckRunOptions; out?: string },
  io: CliIo,
  guard: OutputGuard,
): Promise<number> {
  const doc: ShardFile<CheckShardResult> = {
    format: 'a2psim-shard',
    format_version: 1,
    kind: 'check',
    a2psim_version: meta.version,
    scenario_sha256: scenarioHashes(meta.allFiles),
    shard: meta.shard,
    points: meta.items,
    total: meta.allFiles.length,
    run: meta.run,
    result: { checks },
  };
  const text = JSON.stringify(doc, null, 2) + '\n';
  if (meta.out !== undefined) guard.write(meta.out, text);
  await guard.commit();
  if (meta.out === undefined) io.stdout(text);
  return EXIT.ok;
}

/** Prints and writes (through `guard`) the merged check as the unsharded run does; its exit code. */
export async function emitMergedCheck(
  files: readonly ShardFile<CheckShardResult>[],
  opts: { json?: string; junit?: string; report?: string },
  io: CliIo,
  guard: OutputGuard,
): Promise<number> {
  if (opts.report !== undefined) throw new UsageError('--report: expected no --report when merging a check (each shard can write its own with --shard off), got one');
  const byItem = files.flatMap((f) => f.result.checks.map((c, k) => ({ item: f.points[k], c })));
  const checks = byItem.sort((a, b) => a.item - b.item).map((x) => x.c);
  const run = files[0].run as CheckRunOptions;
  if (opts.junit !== undefined) guard.write(opts.junit, renderJUnit(checks));
  if (opts.json !== undefined) {
    const doc = checkJson(checks, { version: files[0].a2psim_version, set: run.set, replications: run.replications });
    guard.write(opts.json, JSON.stringify(doc, null, 2) + '\n');
  }
  await guard.commit();
  guard.reportStream(io)(fitOut(io, renderText(checks, io.colour)));
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) guard.append(stepSummary, renderMarkdown(checks));
  return checks.every(checkPassed) ? EXIT.ok : EXIT.thresholdFailed;
}
