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
import { AtomicFile, appendToFile } from './output.js';
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
  solve: {},
  sweep: { '--out': 'file', '--report': 'file' },
  merge: { '--out': 'file', '--report': 'file', '--json': 'file', '--junit': 'file', GITHUB_STEP_SUMMARY: 'file' },
  compare: {},
  schema: {},
  playground: { '--out': 'file' },
  rules: {},
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
    for (const out of outputs) {
      const kind = table[out.option];
      if (kind === undefined) throw new Error(`OutputGuard: ${command} ${out.option} is not in OUTPUT_OPTIONS`);
      const role = out.role ?? out.option;
      if (out.path === '') throw new UsageError(`${role}: expected a file name, got ""`);
      if (kind === 'file' && out.path.endsWith('/')) {
        throw new UsageError(`${role}: expected a file name, got ${out.path} (a name ending in / names a folder)`);
      }
      guard.declared.push(out);
    }
    guard.addInputs(inputs);
    active = guard;
    return guard;
  }

  /** Paths of the declared outputs, in declaration order. */
  get paths(): string[] {
    return this.declared.map((o) => o.path);
  }

  /**
   * Declares more inputs, found once the first ones were read (replay files named by a
   * scenario), and checks every output against all of them. @throws UsageError as `declare`
   */
  addInputs(inputs: readonly NamedFile[]): void {
    this.inputs = [...this.inputs, ...inputs];
    checkOutputs(this.inputs, this.declared.map((o) => ({ path: o.path, role: o.role ?? o.option })));
  }

  private checkDeclared(path: string): void {
    if (!this.declared.some((o) => o.path === path)) throw new Error(`OutputGuard: ${this.command} writes ${path}, which it did not declare`);
  }

  /** Opens a declared output as its `NAME.partial`; the caller commits or aborts it. @throws OutputError */
  open(path: string): AtomicFile {
    this.checkDeclared(path);
    return new AtomicFile(path);
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
    appendToFile(path, text);
  }

  /** Removes every partial file written with {@link write} and not committed. Never throws. */
  abort(): void {
    for (const f of this.staged.splice(0)) f.abort();
  }
}
