/**
 * The command line: commander wiring, one place that turns errors into exit codes.
 * Bad input (ScenarioError, UsageError, commander usage errors) is one line on stderr and
 * exit 2; anything else is a bug and is printed in full.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ScenarioError } from '../scenario/errors.js';
import { loadScenarioFile } from '../scenario/load.js';
import { renderRulebook } from '../report/rulebook-table.js';
import { EXIT, UsageError } from './errors.js';
import { abortAll } from './output.js';
import { runCommand, type CliIo } from './run.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

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

  program
    .command('run')
    .description('simulate a scenario and print its report')
    .argument('<scenario>', 'scenario YAML file')
    .option('--format <format>', 'summary format: table | json', 'table')
    .option('--messages <file>', 'write one CSV row per message')
    .option('--bom', 'start the CSV with a UTF-8 byte-order mark (Excel)')
    .option('--delimiter <char>', 'CSV field delimiter', ',')
    .option('--seed <n>', 'override the scenario seed')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('-q, --quiet', 'no warnings or progress on stderr')
    .action(async (file: string, opts) => setCode(await runCommand(file, opts, io)));

  program
    .command('validate')
    .description('check scenario files without running them')
    .argument('<scenarios...>', 'scenario YAML files')
    .action((files: string[]) => {
      for (const f of files) {
        loadScenarioFile(f);
        io.stdout(`ok ${f}\n`);
      }
      setCode(EXIT.ok);
    });

  program
    .command('rules')
    .description('print the rulebook: limits, caps and failure codes')
    .action(() => {
      io.stdout(renderRulebook());
      setCode(EXIT.ok);
    });

  return program;
}

/** Runs the CLI on `argv` (as process.argv) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    abortAll();
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help'
        ? EXIT.ok
        : EXIT.badInput;
    }
    if (e instanceof ScenarioError || e instanceof UsageError) {
      io.stderr(`a2psim: ${e.message}\n`);
      return EXIT.badInput;
    }
    throw e;
  }
}

function defaultIo(): CliIo {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    stderrIsTTY: process.stderr.isTTY === true,
  };
}
