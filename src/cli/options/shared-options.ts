/**
 * The options several commands take, each defined once: a commander {@link Option} built by
 * one function (the help text may differ by command, the flag, parser and message do not).
 * Each value is parsed when commander reads it, by the option's own parser, so a command
 * receives numbers, ids and checked words; a bad value is a {@link UsageError} with the
 * house message (`--flag: expected ..., got "text"`), which `main` prints as one line with
 * exit 2. Choices are checked by the parser rather than by commander's `.choices()`, whose
 * message ("error: option ... is invalid. Allowed choices are ...") and help suffix differ
 * from the CLI's.
 */
import { Option } from 'commander';
import { PROVIDER_IDS, providerId, type ProviderId } from '../../rules/providers.js';
import { UsageError } from '../cli-errors.js';
import { parseNumberOption } from './number-option.js';
import { parseMaxMessages } from './run-size.js';

/** Appends a repeated option's value to the ones before it. */
export const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

/** "a or b" for two words, "one of a, b, c" for more. */
const expectedOf = (choices: readonly string[]): string => (choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `one of ${choices.join(', ')}`);

/**
 * Parses a word that must be one of `choices`.
 * @throws UsageError `FLAG: expected one of a, b, c, got "x"` (`expected a or b` for two).
 */
export function parseChoice<T extends string>(flag: string, choices: readonly T[], text: string): T {
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`${flag}: expected ${expectedOf(choices)}, got ${JSON.stringify(text)}`);
  return text as T;
}

/** An option whose value is one of `choices`, `fallback` when absent. */
function choiceOption<T extends string>(flags: string, description: string, choices: readonly T[], fallback: T): Option {
  const flag = flags.split(' ')[0];
  return new Option(flags, description).default(fallback).argParser((v: string) => parseChoice(flag, choices, v));
}

/** What `solve` prints. */
export const SOLVE_FORMATS = ['table', 'json'] as const;
export type SolveFormat = (typeof SOLVE_FORMATS)[number];
/** What `validate` prints. */
export const VALIDATE_FORMATS = ['text', 'json'] as const;
/** What `sweep` and `merge` print. */
export const SWEEP_FORMATS = ['csv', 'json'] as const;
export type SweepFormat = (typeof SWEEP_FORMATS)[number];

/** `--format`: one of `choices`, `choices[0]` when absent. */
export const formatOption = <T extends string>(choices: readonly T[], description: string): Option => choiceOption('--format <format>', description, choices, choices[0]);

/** Parses `--seed`: a non-negative integer. */
export const parseSeed = (v: string): number => parseNumberOption('--seed', v, { integer: true, min: 0 });

/** `--seed`: replaces the scenario's seed. */
export const seedOption = (): Option => new Option('--seed <n>', 'override the scenario seed').argParser(parseSeed);

/** `--set` (repeatable): overrides one scenario field. */
export const setOption = (): Option => new Option('--set <path=value>', 'override a scenario field (repeatable)').default([]).argParser(collect);

/** `--max-messages`: refuse a run estimated larger (default one billion). */
export const maxMessagesOption = (): Option => new Option('--max-messages <n>', 'refuse a run estimated to submit more messages (default 1e9)').argParser(parseMaxMessages);

/**
 * The provider named by `--provider` (any letter case), as its id.
 * @throws UsageError for a name that is not a provider.
 */
export function parseProvider(name: string): ProviderId {
  const id = providerId(name);
  if (id === undefined) throw new UsageError(`--provider: expected one of ${PROVIDER_IDS.join(', ')}, got ${JSON.stringify(name)}`);
  return id;
}

/**
 * Parses `run --provider a,b,c`: one provider, or a comma list of distinct ones to compare.
 * @throws UsageError for a name that is not a provider or one named twice.
 */
export function parseProviderList(text: string): ProviderId[] {
  if (!text.includes(',')) return [parseProvider(text)];
  const ids = text.split(',').map((s) => parseProvider(s.trim()));
  if (new Set(ids).size !== ids.length) throw new UsageError(`--provider: expected each provider once, got ${JSON.stringify(text)}`);
  return ids;
}

const PROVIDER_HELP = `whose rules apply: ${PROVIDER_IDS.join(', ')} (run: a comma list compares them side by side)`;

/** `--provider` of the commands that run scenarios (and of `rules`): one provider's id. */
export const providerOption = (description = PROVIDER_HELP): Option => new Option('--provider <name>', description).argParser(parseProvider);

/** `run --provider`: one provider or a comma list to compare, as ids. */
export const providerListOption = (): Option => new Option('--provider <name>', PROVIDER_HELP).argParser(parseProviderList);

/** Most replications a command accepts. */
export const MAX_REPLICATIONS = 10_000;

/** Parses `--replications`: an integer from 1 to {@link MAX_REPLICATIONS}. */
export const parseReplications = (v: string): number => parseNumberOption('--replications', v, { integer: true, min: 1, max: MAX_REPLICATIONS });

/** `--replications`: runs per scenario or point (1 when absent). */
export const replicationsOption = (description: string): Option => new Option('--replications <n>', description).argParser(parseReplications);

/** Most worker threads a command accepts. */
export const MAX_WORKERS = 256;

/** Parses `--workers`: an integer from 1 to {@link MAX_WORKERS} (capped at the usable CPUs when the pool starts). */
export const parseWorkerCount = (v: string): number => parseNumberOption('--workers', v, { integer: true, min: 1, max: MAX_WORKERS });

/** `--workers`: worker threads (default: one per core). */
export const workersOption = (forWhat: string): Option => new Option('--workers <n>', `worker threads for ${forWhat} (default: one per core; 1 = this thread only)`).argParser(parseWorkerCount);

/** `--tolerance` (repeatable), shared by `check` and `compare`. */
export const toleranceOption = (): Option =>
  new Option('--tolerance <metric=value>', 'allowed worsening, e.g. wait_p95=+10%, delivered_ratio=-0.5pp (repeatable)').default([]).argParser(collect);

/** `--expect` (repeatable): thresholds replacing the scenario's. */
export const expectOption = (description: string): Option => new Option('--expect <threshold>', description).default([]).argParser(collect);

/** `--no-what-if`: the bottleneck by share of waiting, without re-runs. */
export const noWhatIfOption = (description: string): Option => new Option('--no-what-if', description);

/** `-q, --quiet`. */
export const quietOption = (description: string): Option => new Option('-q, --quiet', description);

/** `--shard <i/n>`. */
export const shardOption = (what: string): Option =>
  new Option('--shard <i/n>', `${what} and write a shard result file (n alone: i from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX)`);

/** What the scenario-running commands read of `--seed`, `--set`, `--max-messages` and `--provider`. */
export interface OverrideOptions {
  readonly seed?: number;
  readonly set: readonly string[];
  readonly maxMessages?: number;
  readonly provider?: ProviderId;
}
