/**
 * What every command shares at the surface (issue 25): help fitted to the terminal's width
 * with one or two examples and the docs page of each command, commander's usage errors in
 * the house format (`a2psim: unknown option '--bogus' (see a2psim run --help)`, exit 2 by
 * main), and `--no-color` accepted anywhere on the line.
 */
import type { Command } from 'commander';
import { fitText } from '../../report/fit-width.js';
import { outWidth } from '../io/terminal.js';

/** Examples and the docs page of one command (the program itself under ''). */
interface CommandHelp {
  readonly examples: readonly string[];
  /** Where the command is documented: a page of docs/ or a section of the README (shipped with the package). */
  readonly docs: string;
}

/**
 * Help added under each command's options. Every example is a command line that works from
 * a checkout (bundled scenarios); docs name a file of the repository (checked by a test).
 */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  '': {
    examples: ['a2psim run scenarios/default.yaml', 'a2psim run --help'],
    docs: 'docs/index.md',
  },
  run: {
    examples: ['a2psim run scenarios/default.yaml', 'a2psim run scenarios/default.yaml --replications 10'],
    docs: 'docs/outputs.md',
  },
  validate: {
    examples: ['a2psim validate scenarios/', 'a2psim validate "scenarios/**/*.yaml"'],
    docs: 'docs/ci.md',
  },
  check: {
    examples: ['a2psim check scenarios/ --junit junit.xml', 'a2psim check scenarios/default.yaml --replications 10'],
    docs: 'docs/ci.md',
  },
  solve: {
    examples: ['a2psim solve scenarios/default.yaml --vary account.mps.sms --min 1 --max 100'],
    docs: 'docs/solve-and-sweep.md',
  },
  sweep: {
    examples: ['a2psim sweep scenarios/default.yaml --vary account.mps.sms=5,10,20 --report sweep.html'],
    docs: 'docs/solve-and-sweep.md',
  },
  merge: {
    examples: ['a2psim merge shard-*.json --report sweep.html'],
    docs: 'docs/scale-out.md',
  },
  compare: {
    examples: ['a2psim compare before.json after.json --tolerance wait_p95=+10%'],
    docs: 'docs/ci.md',
  },
  schema: {
    examples: ['a2psim schema > scenario.schema.json'],
    docs: 'docs/ci.md',
  },
  playground: {
    examples: ['a2psim playground --serve', 'a2psim playground scenarios/default.yaml --out play.html'],
    docs: 'docs/see-the-run.md#playground',
  },
  rules: {
    examples: ['a2psim rules --provider twilio', 'a2psim rules --format json'],
    docs: 'docs/rules.md',
  },
};

/** The text under a command's help: its examples and docs page, wrapped to `width`. */
export function helpFooter(name: string, width: number): string {
  const h = COMMAND_HELP[name];
  if (h === undefined) return '';
  const lines = ['', 'Examples:', ...h.examples.map((e) => `  ${e}`), '', `Docs: ${h.docs}`];
  // An example wraps with a deeper indent, so it still reads as one command.
  return fitText(lines.join('\n'), width, 4);
}

/** The command's name as `a2psim NAME` (the program itself: `a2psim`). */
const fullName = (cmd: Command): string => (cmd.parent === null ? cmd.name() : `${fullName(cmd.parent)} ${cmd.name()}`);

/**
 * A commander error (`error: unknown option '--bogus'` and, maybe, `(Did you mean --seed?)`)
 * as one line in the house format, pointing to the command's help.
 */
export function houseError(commanderText: string, cmd: Command): string {
  const [first, ...rest] = commanderText.trim().split('\n');
  const message = first.replace(/^error: /, '').replace(/\.$/, '');
  const hint = rest.join(' ').trim().replace(/^\((.*)\)$/, '$1');
  return `a2psim: ${message}${hint === '' ? '' : `; ${hint.charAt(0).toLowerCase()}${hint.slice(1)}`} (see ${fullName(cmd)} --help)\n`;
}

/** Every command under `cmd`, itself included. */
const tree = (cmd: Command): Command[] => [cmd, ...cmd.commands.flatMap(tree)];

/**
 * Fits `program` (built, with its commands) to the terminal: help at stdout's width with
 * the short command terms of the list, examples and docs under each command's help, usage
 * errors in the house format, and a global `--no-color` (it turns `io.colour` off before
 * the command runs; `NO_COLOR` and `FORCE_COLOR=0` already do).
 */
export function fitProgram(program: Command, io: { readonly columns?: number; colour?: boolean }): Command {
  const width = outWidth(io);
  program.option('--no-color', 'no colour on stdout (as NO_COLOR=1 or FORCE_COLOR=0)');
  program.hook('preAction', () => {
    if (program.opts().color === false) io.colour = false;
  });
  for (const cmd of tree(program)) {
    cmd.configureHelp({
      helpWidth: width,
      // Wrap descriptions even beside a long option name (commander's own floor is 40).
      minWidthToWrap: 16,
      // The command list names each command with its arguments, not `[options]`, so that
      // the descriptions have room.
      subcommandTerm: (sub) => `${sub.name()} ${sub.usage().replace('[options]', '')}`.replace(/ +/g, ' ').trim(),
    });
    cmd.configureOutput({ outputError: (text, write) => write(houseError(text, cmd)) });
    const name = cmd.parent === null ? '' : cmd.name();
    if (COMMAND_HELP[name] !== undefined) cmd.addHelpText('after', () => helpFooter(name, width));
  }
  return program;
}
