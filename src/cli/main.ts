/**
 * The command line: commander wiring, one place that turns errors into exit codes.
 * Bad input (ScenarioError, UsageError, commander usage errors) is one line on stderr and
 * exit 2; anything else is a bug and is printed in full.
 */
import { readFileSync } from 'node:fs';
import { Argument, Command, CommanderError, type Option } from 'commander';
import pc from 'picocolors';
import { ScenarioError } from '../scenario/errors.js';
import { errnoText, EXIT, OutputError, UsageError } from './cli-errors.js';
import { abortAll } from './io/output.js';
import { activeOutputs } from './io/output-guard.js';
import { listenForStop, STOP_SIGNALS, Stopped } from './io/stop.js';
import type { CliIo } from './io/cli-io.js';
import {
  collect, expectOption, formatOption, maxMessagesOption, noWhatIfOption, providerListOption, providerOption, quietOption, replicationsOption,
  parseChoice, seedOption, setOption, shardOption, SOLVE_FORMATS, VALIDATE_FORMATS, SWEEP_FORMATS, toleranceOption, workersOption,
} from './options/shared-options.js';
import { RULEBOOK_FORMAT_NAMES, SUMMARY_FORMAT_NAMES } from '../report/formats.js';
import { DEFAULT_PROVIDER, PROVIDER_IDS } from '../rules/providers.js';
import { fitProgram } from './commands/help-surface.js';
import { terminalWidth } from './io/terminal.js';

// Each command loads its modules when it runs (dynamic import), so that `--version`,
// `--help` and a small command do not pay for the parsers, the engine and the report
// (issue 16: start-up).

/** The shells `completion` writes a script for. */
const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** `--seed`, `--set`, `--max-messages` and `--provider`, shared by the commands that run scenarios. */
const withOverrides = (cmd: Command, provider: Option = providerOption()): Command =>
  cmd.addOption(seedOption()).addOption(setOption()).addOption(maxMessagesOption()).addOption(provider);

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Builds the program; `setCode` receives each command's exit code. */
export function buildProgram(io: CliIo, setCode: (code: number) => void): Command {
  const program = new Command('a2psim')
    .description('Discrete-event simulator of A2P SMS/MMS throughput')
    .version(version())
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  withOverrides(program.command('run'), providerListOption())
    .description('simulate a scenario and print its report')
    .argument('<scenario>', 'scenario YAML file')
    .addOption(formatOption(SUMMARY_FORMAT_NAMES, 'summary format: table | json | csv'))
    .option('--messages <file>', 'write one CSV row per message')
    .option('--timeseries <file>', 'write counts and queue depths per interval as CSV')
    .option('--interval <duration>', 'time-series interval, e.g. 30s, 1m, 1h', '1m')
    .option('--bom', 'start the CSV with a UTF-8 byte-order mark (Excel)')
    .option('--delimiter <char>', 'CSV field delimiter', ',')
    .addOption(quietOption('no warnings or progress on stderr'))
    .option('--report <file>', 'write a self-contained HTML report with charts')
    .option('--chart', 'draw total queue depth over time under the table')
    .option('--wide', 'every column of the table, wider than 80 columns')
    .addOption(noWhatIfOption('name the bottleneck by share of waiting, without re-running the scenario with each limit relaxed'))
    .addOption(replicationsOption('run N derived seeds; print every metric as mean ± 95% half-width'))
    .addOption(workersOption('--replications'))
    .action(async (file: string, opts) => setCode(await (await import('./commands/run-command.js')).runCommand(file, opts, io)));

  withOverrides(program.command('validate'))
    .description('check scenario files and their replay files without running them')
    .argument('<scenarios...>', 'scenario YAML files, directories or quoted globs')
    .addOption(formatOption(VALIDATE_FORMATS, 'text | json: every file with its errors (file, line, column, path, expected, got)'))
    .action(async (files: string[], opts) => setCode((await import('./commands/validate-command.js')).validateCommand(files, opts, io)));

  withOverrides(program.command('check'))
    .addOption(toleranceOption())
    .description('run scenarios and evaluate their expect: thresholds (exit 0 pass, 1 fail, 2 bad input)')
    .argument('<scenarios...>', 'scenario YAML files, directories or quoted globs such as "scenarios/**/*.yaml"')
    .addOption(replicationsOption('run N derived seeds; thresholds apply to the mean (95% CI shown)'))
    .option('--baseline <file|dir/>', 'compare with a saved summary (run --format json); a directory holds NAME.json per scenario')
    .option('--update-baseline', 'write the baseline from this run instead of comparing')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write all results as JSON')
    .option('--report <dir>', 'write an HTML report per scenario and an index.html into DIR')
    .addOption(quietOption('no warnings or progress on stderr'))
    .addOption(workersOption('the replications'))
    .addOption(shardOption('check every n-th file from the i-th'))
    .addOption(expectOption("threshold to judge instead of each scenario's expect: (repeatable)"))
    .option('--out <file>', 'with --shard: write the shard result file here instead of stdout')
    .action(async (files: string[], opts) => setCode(await (await import('./commands/check-command.js')).checkCommand(files, opts, io, version())));

  withOverrides(program.command('solve'))
    .description('find the smallest value of a parameter at which every expect: threshold holds (exit 0 found, 1 none, 2 bad input)')
    .argument('<scenario>', 'scenario YAML file')
    .option('--vary <path>', 'the scenario field to search, e.g. account.mps.sms (with --objective cost: PATH=v1,v2,... or PATH=a..b:step, repeatable)', collect, [])
    .option('--objective <objective>', 'value (default): the smallest passing value; cost: the cheapest passing point of the --vary grid under pricing:')
    .option('--min <a>', 'smallest value to try')
    .option('--max <b>', 'largest value to try')
    .option('--step <s>', 'spacing of the values from --min (default 1)')
    .option('--values <a,b,...>', 'the values to try, in order, instead of --min/--max')
    .option('--maximize', 'find the largest value that passes instead (e.g. a traffic rate)')
    .addOption(replicationsOption('runs per value; a threshold holds when its 95% bound does'))
    .addOption(expectOption("threshold to meet instead of the scenario's expect: (repeatable)"))
    .addOption(formatOption(SOLVE_FORMATS, 'table | json'))
    .addOption(workersOption('the runs'))
    .addOption(noWhatIfOption('name the bottleneck by share of waiting, without re-running with each limit relaxed'))
    .addOption(quietOption('no progress or notes on stderr'))
    .action(async (file: string, opts) => setCode(await (await import('./commands/solve-command.js')).solveCommand(file, opts, io, version())));

  withOverrides(program.command('sweep'))
    .description('run every point of a grid of parameter values; tidy CSV or JSON, HTML report (exit 0 some point passes, 1 none, 2 bad input)')
    .argument('<scenario>', 'scenario YAML file')
    .option('--vary <path=values>', 'a parameter and its values: PATH=v1,v2,... or PATH=a..b:step (repeatable)', collect, [])
    .addOption(replicationsOption('runs per point; a threshold holds when its 95% bound does'))
    .addOption(expectOption("threshold to judge instead of the scenario's expect: (repeatable)"))
    .addOption(formatOption(SWEEP_FORMATS, 'csv | json'))
    .option('--metric <name>', 'report this metric (repeatable; default: counts, ratios, waits, drain time, failed[CODE])', collect, [])
    .option('--out <file>', 'write the CSV or JSON to FILE instead of stdout')
    .option('--report <file>', 'write an HTML sweep report')
    .addOption(shardOption('run every n-th point from the i-th'))
    .addOption(workersOption('the runs'))
    .addOption(noWhatIfOption('name the bottleneck by share of waiting, without re-running with each limit relaxed'))
    .addOption(quietOption('no progress or notes on stderr'))
    .action(async (file: string, opts) => setCode(await (await import('./commands/sweep-command.js')).sweepCommand(file, opts, io, version())));

  program
    .command('merge')
    .description('merge the shard result files of a sweep or check run with --shard; prints what the unsharded run prints')
    .argument('<files...>', 'shard result files (or globs)')
    .addOption(formatOption(SWEEP_FORMATS, 'sweep: csv | json'))
    .option('--out <file>', 'sweep: write the CSV or JSON to FILE instead of stdout')
    .option('--report <file>', 'sweep: write the HTML sweep report')
    .option('--json <file>', 'check: write all results as JSON')
    .option('--junit <file>', 'check: write a JUnit XML report')
    .action(async (files: string[], opts) => setCode(await (await import('./commands/merge-command.js')).mergeCommand(files, opts, io)));

  program
    .command('compare')
    .addOption(toleranceOption())
    .description('compare two summaries (run --format json); exit 1 when a metric regressed')
    .argument('<baseline>', 'baseline summary JSON')
    .argument('<current>', 'new summary JSON')
    .addOption(quietOption('no warnings on stderr'))
    .action(async (base: string, current: string, opts) => setCode((await import('./commands/compare-command.js')).compareCommand(base, current, opts, io)));

  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of scenario files, for editor completion')
    .action(async () => {
      io.stdout((await import('../scenario/json-schema.js')).scenarioJsonSchema());
      setCode(EXIT.ok);
    });

  program
    .command('playground')
    .description('write (or serve) a self-contained page to edit and run a scenario in the browser')
    .argument('[scenario]', 'scenario YAML file (default: the bundled default scenario)')
    .option('--out <file>', 'HTML file to write (default playground.html unless --serve)')
    .option('--serve [port]', 'serve the page on 127.0.0.1 (default port 4173; 0 = any free port)')
    .action(async (file: string | undefined, opts) => setCode(await (await import('./commands/playground-command.js')).playgroundCommand(file, opts, io)));

  program
    .command('rules')
    .description('print the rulebook: limits, caps, failure codes and assumptions, with sources')
    .option('--wide', 'every column, with the source of every row (wider than 80 columns)')
    .addOption(providerOption(`whose rules: ${PROVIDER_IDS.join(', ')}`).default(DEFAULT_PROVIDER))
    .addOption(formatOption(RULEBOOK_FORMAT_NAMES, 'table, or json: every number with its source (url, date read, sentence or assumption)'))
    .action(async (opts) => setCode(await (await import('./commands/rules-command.js')).rulesCommand(opts, io)));

  program
    .command('completion')
    .description('print a shell completion script (commands, their options, files)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS).argParser((v: string) => parseChoice('<shell>', SHELLS, v)))
    .addHelpText('after', '\nLoad it with: source <(a2psim completion bash)   (zsh: the same; fish: a2psim completion fish | source)')
    .action(async (shell: string) => {
      io.stdout((await import('./commands/completion-command.js')).completionScript(program, shell));
      setCode(EXIT.ok);
    });

  return fitProgram(program, io);
}

/**
 * Runs the CLI on `argv` (as process.argv) and returns the exit code. Stop signals are
 * listened for while the command runs (see io/stop.ts): one stops it at its next stop point,
 * with one line and 128 + N.
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let code: number = EXIT.ok;
  io = { ...io }; // `--no-color` turns this copy's colour off, never the caller's
  const program = buildProgram(io, (c) => (code = c));
  const stopListening = listenForStop();
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    abortAll();
    if (e instanceof Stopped) {
      const files = activeOutputs();
      const by = e.signal === 'SIGINT' ? '' : ` by ${e.signal}`;
      io.stderr(`a2psim: interrupted${by}${files.length === 0 ? '' : `; ${files.join(', ')} not written`}\n`);
      return STOP_SIGNALS[e.signal];
    }
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help'
        ? EXIT.ok
        : EXIT.badInput;
    }
    // A device or FIFO output whose reader went away (`--messages /dev/stdout | head`).
    if (e instanceof OutputError && e.reason.startsWith('EPIPE')) return EXIT.ok;
    if (e instanceof ScenarioError || e instanceof UsageError) {
      io.stderr(`a2psim: ${e.message}\n`);
      return EXIT.badInput;
    }
    throw e;
  } finally {
    stopListening();
  }
}

/**
 * Stdout closed by its reader (`a2psim rules | head`) ends the command quietly with exit 0,
 * as Unix tools do; any other write error on stdout (`> /dev/full`: ENOSPC, EIO) is one line
 * on stderr and exit 2. Output files are already committed or are removed.
 */
export function quietOnEpipe(stream: NodeJS.WritableStream, exit: (code: number) => void, stderr: (s: string) => void = (s) => void process.stderr.write(s)): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    abortAll();
    if (e.code === 'EPIPE') return exit(EXIT.ok);
    stderr(`a2psim: stdout: cannot write (${errnoText(e)})\n`);
    exit(EXIT.badInput);
  });
}

function defaultIo(): CliIo {
  quietOnEpipe(process.stdout, (code) => process.exit(code));
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    columns: terminalWidth(process.stdout),
    stderrColumns: terminalWidth(process.stderr),
    stderrIsTTY: process.stderr.isTTY === true,
    colour: stdoutColour(),
  };
}

/**
 * Colour on stdout: picocolors decides (NO_COLOR and --no-color turn it off, FORCE_COLOR on, a
 * terminal gets it), except that a pipe gets none unless FORCE_COLOR asks — picocolors alone
 * would colour piped output whenever CI is set — and `FORCE_COLOR=0` (or `false`) turns it
 * off, as Node and chalk read it (picocolors takes any FORCE_COLOR as on).
 */
export function stdoutColour(env: NodeJS.ProcessEnv = process.env, isTTY = process.stdout.isTTY === true, supported = pc.isColorSupported): boolean {
  const force = env.FORCE_COLOR;
  if (force === '0' || force === 'false') return false;
  return supported && (isTTY || Boolean(force));
}
