/**
 * The one way a command writes files. Before any work, a command declares to an
 * {@link OutputGuard} the files it reads (scenarios, replay files, shards, baselines) and
 * the files it will write, each under the option that names it; the guard then refuses, with
 * one line and exit 2, an output that is an input or another output (same real path or same
 * device and inode, through any symlink or hard link; a dangling symlink by the file it names),
 * an empty name, and a file option whose name ends in `/` (that names a folder). Outputs are
 * opened only through the guard, as `NAME.partial` files (see output.ts: an existing file's
 * mode is kept, devices and pipes are written in place, a pipe without a reader is an error
 * within a second), and take their final names together in {@link OutputGuard.commit}, which
 * is a stop point: a command stopped by a signal commits nothing.
 *
 * {@link OUTPUT_OPTIONS} lists every option of every command that names a file it writes;
 * test/cli/output-guard.test.ts walks the CLI's own command definitions against it, so a
 * command or file option added without the guard fails that test.
 */
import { fstatSync } from 'node:fs';
import { AtomicFile, appendToFile, STDOUT_PATH } from './output.js';
import { checkOutputs, type NamedFile } from './output-paths.js';
import { UsageError } from '../cli-errors.js';
import { stopPoint } from './stop.js';

/** What an output option names: a file, or a folder whose files the command declares one by one. */
export type OutputKind = 'file' | 'dir' | 'file-or-dir';

/**
 * Every option (or environment variable) that names a file or folder a command writes, by
 * command. Every command of the CLI has an entry, if only `{}`.
 */
export const OUTPUT_OPTIONS: Readonly<Record<string, Readonly<Record<string, OutputKind>>>> = {
  run: { '--messages': 'file', '--timeseries': 'file', '--report': 'file' },
  validate: {},
  // --baseline is written with --update-baseline (else read); GITHUB_STEP_SUMMARY is appended to.
  check: { '--junit': 'file', '--json': 'file', '--report': 'dir', '--out': 'file', '--baseline': 'file-or-dir', GITHUB_STEP_SUMMARY: 'file' },
  solve: { GITHUB_STEP_SUMMARY: 'file' },
  sweep: { '--out': 'file', '--report': 'file', GITHUB_STEP_SUMMARY: 'file' },
  merge: { '--out': 'file', '--report': 'file', '--json': 'file', '--junit': 'file', GITHUB_STEP_SUMMARY: 'file' },
  compare: {},
  schema: {},
  playground: { '--out': 'file' },
  rules: {},
  completion: {},
};

/**
 * Options that name a file a command only reads, or that speak of writing without naming a
 * path (the test's heuristic flags them; each says why it is no output of its own).
 */
export const NOT_OUTPUT_OPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  check: {
    '--update-baseline': 'a switch: it makes --baseline an output',
    '--shard': 'the shard index i/n; its result file is --out',
  },
  sweep: { '--shard': 'the shard index i/n; its result file is --out' },
};

/** An output as a command declares it: the option naming it (a key of {@link OUTPUT_OPTIONS}) and the path. */
export interface DeclaredOutput {
  readonly option: string;
  readonly path: string;
  /** How messages name it, when not by the option (`--update-baseline`). */
  readonly role?: string;
}

/** The argument that names standard output as a file: `-`. */
export const STDOUT_ARG = '-';

/**
 * Where an output named `-` is written: {@link STDOUT_PATH}, standard output, as a device
 * (written in place at the commit, never renamed over; see output.ts), so no file named `-`
 * is ever created.
 */
export { STDOUT_PATH };

/** The path an output argument is written to: {@link STDOUT_PATH} for `-`, else itself. */
export const outputPath = (path: string): string => (path === STDOUT_ARG ? STDOUT_PATH : path);

/**
 * The path an input argument is compared by: standard input for `-` when it is a regular
 * file (`< s.yaml`), so that output cannot overwrite it; else itself (a pipe or a terminal
 * is never written to by a file output).
 */
function inputPath(path: string): string {
  if (path !== STDOUT_ARG && path !== '<stdin>') return path;
  try {
    return fstatSync(0).isFile() ? '/dev/stdin' : path;
  } catch {
    return path;
  }
}

let active: OutputGuard | null = null;

/** The outputs of the command running now (for the line a stop signal prints). */
export const activeOutputs = (): readonly string[] => active?.paths ?? [];

/** The files one command writes; see the module comment. */
export class OutputGuard {
  private readonly declared: DeclaredOutput[] = [];
  private inputs: NamedFile[] = [];
  private readonly staged: AtomicFile[] = [];

  private constructor(readonly command: string) {}

  /**
   * Declares a command's inputs and outputs and refuses unsafe ones.
   * @throws UsageError (exit 2) for an output that is an input or another output, an empty
   *   name, or a file option ending in `/`. Nothing is created then.
   */
  static declare(command: string, inputs: readonly NamedFile[], outputs: readonly DeclaredOutput[]): OutputGuard {
    const table = OUTPUT_OPTIONS[command];
    if (table === undefined) throw new Error(`OutputGuard: command ${command} is not in OUTPUT_OPTIONS`);
    const guard = new OutputGuard(command);
    const onStdout = outputs.filter((o) => o.path === STDOUT_ARG);
    if (onStdout.length > 1) {
      throw new UsageError(`${onStdout[1].role ?? onStdout[1].option}: expected one output on standard output (-), got ${onStdout[0].role ?? onStdout[0].option} - too`);
    }
    for (const out of outputs) {
      const kind = table[out.option];
      if (kind === undefined) throw new Error(`OutputGuard: ${command} ${out.option} is not in OUTPUT_OPTIONS`);
      const role = out.role ?? out.option;
      const path = outputPath(out.path);
      if (out.path === '') throw new UsageError(`${role}: expected a file name, got ""`);
      if (kind === 'file' && out.path.endsWith('/')) {
        throw new UsageError(`${role}: expected a file name, got ${out.path} (a name ending in / names a folder)`);
      }
      if (kind !== 'file' && out.path === STDOUT_ARG) throw new UsageError(`${role}: expected a folder, got - (standard output holds one file only)`);
      guard.declared.push({ ...out, path });
    }
    guard.addInputs(inputs);
    active = guard;
    return guard;
  }

  /** Paths of the declared outputs, in declaration order (`-` as {@link STDOUT_PATH}). */
  get paths(): string[] {
    return this.declared.map((o) => o.path);
  }

  /**
   * The option of the declared output that goes to standard output (`-`), if any: the
   * command then prints its own report to stderr, or refuses to print data of its own
   * there too.
   */
  get stdoutOption(): string | undefined {
    return this.declared.find((o) => o.path === STDOUT_PATH)?.option;
  }

  /** Where the command prints its own text report: stdout, or stderr when a declared file takes stdout. */
  reportStream(io: { readonly stdout: (s: string) => void; readonly stderr: (s: string) => void }): (s: string) => void {
    return this.stdoutOption === undefined ? io.stdout : io.stderr;
  }

  /**
   * Declares more inputs, found once the first ones were read (replay files named by a
   * scenario), and checks every output against all of them. @throws UsageError as `declare`
   */
  addInputs(inputs: readonly NamedFile[]): void {
    this.inputs = [...this.inputs, ...inputs.map((f) => ({ ...f, path: inputPath(f.path) }))];
    checkOutputs(this.inputs, this.declared.map((o) => ({ path: o.path, role: o.role ?? o.option })));
  }

  private checkDeclared(given: string): void {
    const path = outputPath(given);
    if (!this.declared.some((o) => o.path === path)) throw new Error(`OutputGuard: ${this.command} writes ${path}, which it did not declare`);
  }

  /** Opens a declared output as its `NAME.partial`; the caller commits or aborts it. @throws OutputError */
  open(path: string): AtomicFile {
    this.checkDeclared(path);
    return new AtomicFile(outputPath(path));
  }

  /** Writes a whole declared output to its partial file; {@link commit} gives it its name. @throws OutputError */
  write(path: string, text: string): void {
    const f = this.open(path);
    this.staged.push(f);
    f.write(text);
  }

  /**
   * Gives every file written with {@link write} its final name, after a stop point: when a
   * stop signal came, every partial file is removed and {@link Stopped} is thrown instead.
   * @throws OutputError, Stopped
   */
  async commit(): Promise<void> {
    try {
      await stopPoint();
    } catch (e) {
      this.abort();
      throw e;
    }
    this.commitNow();
  }

  /** {@link commit} without the stop point (a command whose files are all written by now, with no signal heard). @throws OutputError */
  commitNow(): void {
    try {
      for (const f of this.staged) f.commit();
    } finally {
      this.abort();
    }
  }

  /** Appends to a declared output that must exist (GITHUB_STEP_SUMMARY). @throws OutputError */
  append(path: string, text: string): void {
    this.checkDeclared(path);
    appendToFile(outputPath(path), text);
  }

  /** Removes every partial file written with {@link write} and not committed. Never throws. */
  abort(): void {
    for (const f of this.staged.splice(0)) f.abort();
  }
}
