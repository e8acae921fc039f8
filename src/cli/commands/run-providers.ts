/**
 * `run --provider a,b,c`, which runs the same scenario under each and prints one side-by-side summary.
 */
import { simulate } from '../../engine/simulate.js';
import { renderProviderComparison } from '../../report/provider-table.js';
import { summarize, type Summary } from '../../report/summary.js';
import type { ProviderId } from '../../rules/providers.js';
import type { SummaryFormat } from '../../report/formats.js';
import type { Scenario } from '../../scenario/model.js';
import { prepareReplay } from '../../traffic/replay.js';
import { UsageError } from '../cli-errors.js';
import { outWidth, printWarnings, type WidthIo } from '../io/terminal.js';
import { countProgress, type ProgressIo } from '../run/progress.js';

/** The `run` options a comparison reads (declared here: run-command.ts imports this file). */
export interface CompareOptions {
  /** The providers to compare (each once, checked by `--provider`'s parser). */
  readonly provider: readonly ProviderId[];
  readonly format: SummaryFormat;
  readonly quiet?: boolean;
  readonly messages?: string;
  readonly timeseries?: string;
  readonly report?: string;
  readonly chart?: boolean;
  readonly replications?: number;
}

/** Where a comparison writes. */
export interface CompareIo extends WidthIo, ProgressIo {
  readonly stdout: (s: string) => void;
}

/**
 * Runs the scenario `load` gives under each provider of the comma list `opts.provider` and
 * prints one summary with a column per provider (`--format json`: the summaries by
 * provider). Output files are per run, so `--messages`, `--timeseries`, `--report` and
 * `--chart` are refused here.
 * @returns the exit code.
 * @throws UsageError for a bad list or an option that writes files; ScenarioError for bad input.
 */
export function compareProviders(load: (provider: ProviderId) => Scenario, opts: CompareOptions, io: CompareIo): number {
  const files = (['messages', 'timeseries', 'report', 'chart', 'replications'] as const).filter((k) => opts[k] !== undefined && opts[k] !== false);
  if (files.length > 0) {
    throw new UsageError(`--provider with a list compares summaries only; run one provider at a time for --${files[0]}`);
  }
  if (opts.format === 'csv') throw new UsageError('--provider with a list: expected --format table or json, got "csv"');
  const progress = countProgress(io, opts.quiet, opts.provider.length);
  let summaries: Summary[];
  try {
    summaries = opts.provider.map((id) => {
      const scenario = load(id);
      const { replay } = prepareReplay(scenario);
      const summary = summarize(simulate(scenario, { replay }));
      progress?.tick();
      return summary;
    });
  } finally {
    progress?.clear();
  }
  for (const s of summaries) printWarnings(io, s.warnings, opts.quiet, `[${s.provider}] `);
  if (opts.format === 'json') {
    io.stdout(JSON.stringify(Object.fromEntries(summaries.map((s) => [s.provider, s])), null, 2) + '\n');
  } else {
    io.stdout(renderProviderComparison(summaries, outWidth(io)));
  }
  return 0;
}
