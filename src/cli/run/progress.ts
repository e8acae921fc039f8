/**
 * The progress line of long work, on an interactive stderr only (not with `-q`, not in CI):
 * for one run ({@link ProgressBar}) a bar of virtual time, messages simulated per wall
 * second and an ETA; for many runs — replications, sweep points, solve, check over many
 * files ({@link CountProgress}) — runs done of the total, runs per second and an ETA.
 * Redrawn in place (carriage return, then the line, then clear to its end), at most once
 * per `intervalMs` of wall time, never wider than the terminal less one column (so it never
 * wraps and leaves no trail), and cleared at the end so that nothing of it stays on the
 * terminal. The wall clock is injected, so the renderer is testable.
 */
import { performance } from 'node:perf_hooks';

/** True when `env` says we run in CI: `CI` is set to anything but "", "0" or "false". */
export function inCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** When to show progress: an interactive stderr, not `--quiet`, not in CI. */
export function progressWanted(quiet: boolean | undefined, stderrIsTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  return quiet !== true && stderrIsTTY === true && !inCi(env);
}

/** "HH:MM:SS" of a virtual time in ms (hours may exceed 24). */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** A wall-clock duration for the ETA: "42s", "3m05s", "1h02m". */
export function etaText(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
}

/** A rate with a k/M suffix: 950, 12.3k, 2.31M. */
export function rateText(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(1)}k`;
  return String(Math.round(perSecond));
}

export interface ProgressOptions {
  /** Minimum wall time between redraws, ms (default 100: at most 10 per second). */
  readonly intervalMs?: number;
  /** Characters in the bar at most (default 24); fewer, or none, when the line would not fit. */
  readonly width?: number;
  /** Columns of the terminal (default 80): the line takes at most one less. */
  readonly columns?: number;
}

/** Fewest cells a bar is drawn with (a shorter one says nothing). */
const MIN_BAR = 8;

/**
 * One progress line within `columns - 1` characters: `[bar]` (of `fraction`, at most
 * `barCells` cells; none when `fraction` is null) then `parts`, two spaces apart. When the
 * line does not fit, the parts at the indices `dropFirst` are left out, in that order,
 * until a bar of at least {@link MIN_BAR} cells fits; then the bar itself goes, and what
 * still does not fit is cut at the end.
 */
export function fitProgressLine(fraction: number | null, barCells: number, parts: readonly string[], columns: number, dropFirst: readonly number[] = []): string {
  const room = Math.max(1, columns - 1);
  const dropped = new Set<number>();
  const rest = (): string => parts.filter((p, i) => p !== '' && !dropped.has(i)).join('  ');
  const minBar = Math.min(MIN_BAR, barCells);
  for (const i of [...dropFirst, -1]) {
    const text = rest();
    if (fraction !== null && text.length + 4 + minBar <= room) {
      const cells = Math.min(barCells, room - text.length - 4);
      const full = Math.round(fraction * cells);
      return `[${'#'.repeat(full)}${'-'.repeat(cells - full)}]  ${text}`;
    }
    if (fraction === null && text.length <= room) return text;
    if (i >= 0) dropped.add(i);
  }
  const chars = [...rest()];
  return chars.length <= room ? chars.join('') : chars.slice(0, room).join('');
}

/** The terminal text that redraws the line in place: carriage return, the line, clear to its end. */
const redraw = (line: string): string => `\r${line}\x1b[K`;

/**
 * One line of progress on a terminal, redrawn in place at most every `intervalMs` of wall
 * time and cut to `columns`: what {@link ProgressBar} and {@link CountProgress} share.
 */
abstract class ProgressLine {
  protected startWallMs: number;
  protected lastDrawMs = -Infinity;
  private drawn = false;
  protected readonly intervalMs: number;
  protected readonly width: number;
  protected readonly columns: number;

  /**
   * @param write receives terminal text (stderr)
   * @param wallMs the wall clock, ms (monotonic)
   */
  constructor(
    protected readonly write: (s: string) => void,
    protected readonly wallMs: () => number,
    options: ProgressOptions,
  ) {
    this.startWallMs = wallMs();
    this.intervalMs = options.intervalMs ?? 100;
    this.width = options.width ?? 24;
    this.columns = options.columns ?? 80;
  }

  /** True when the last draw was less than the interval before `now`. */
  protected throttled(now: number): boolean {
    return now - this.lastDrawMs < this.intervalMs;
  }

  /** Draws `line` at wall time `now`. */
  protected drawLine(line: string, now: number): void {
    this.lastDrawMs = now;
    this.drawn = true;
    this.write(redraw(line));
  }

  /** Erases the line if anything was drawn (the next update draws it again). */
  clear(): void {
    if (this.drawn) this.write('\r\x1b[K');
    this.drawn = false;
  }
}

/** The progress of one simulation: `[bar]  42%  08:12 / 10:00  120,000 msgs  40k msg/s  ETA 3s`. */
export class ProgressBar extends ProgressLine {
  /**
   * @param write receives terminal text (stderr)
   * @param wallMs the wall clock, ms (monotonic)
   * @param totalMs virtual length of the run, ms (the traffic window or `until`); > 0
   */
  constructor(
    write: (s: string) => void,
    wallMs: () => number,
    private readonly totalMs: number,
    options: ProgressOptions = {},
  ) {
    super(write, wallMs, options);
  }

  /**
   * Redraws the line for virtual time `virtualMs` and `messages` so far, unless throttled
   * (`force`: even then — the state when the simulation ends and the files are written).
   */
  update(virtualMs: number, messages: number, force = false): void {
    const now = this.wallMs();
    if (!force && this.throttled(now)) return;
    this.drawLine(this.line(virtualMs, messages, now - this.startWallMs), now);
  }

  /** The text of the line (no control characters). */
  line(virtualMs: number, messages: number, elapsedWallMs: number): string {
    const fraction = this.totalMs > 0 ? Math.min(1, virtualMs / this.totalMs) : 1;
    const pct = `${Math.floor(fraction * 100)}%`.padStart(4);
    const rate = elapsedWallMs > 0 ? `${rateText((messages * 1000) / elapsedWallMs)} msg/s` : '';
    let eta = '';
    if (virtualMs > this.totalMs) eta = 'draining queues';
    else if (fraction > 0 && elapsedWallMs > 0) eta = `ETA ${etaText((elapsedWallMs * (1 - fraction)) / fraction)}`;
    const parts = [pct, `${clockText(virtualMs)} / ${clockText(this.totalMs)}`, `${messages.toLocaleString('en-US')} msgs`, rate, eta];
    // Narrow terminals lose the message count first, then the rate, then the clock.
    return fitProgressLine(fraction, this.width, parts, this.columns, [2, 3, 1]);
  }
}

/** Runs per second: one decimal below 10 (a sweep does a few a second), else as {@link rateText}. */
export function runRateText(perSecond: number): string {
  return perSecond < 10 ? perSecond.toFixed(1) : rateText(perSecond);
}

/**
 * The progress of many runs (replications, sweep points, solve's values, check's files):
 * `[bar]  12/80 runs  3.4 runs/s  ETA 20s`. Drawn when it starts and at the last run
 * (whatever the throttle), so a display that appears always shows where the work is; with
 * no known total (solve's search), the count and rate alone.
 */
export class CountProgress extends ProgressLine {
  private done = 0;

  /**
   * @param write receives terminal text (stderr)
   * @param wallMs the wall clock, ms (monotonic)
   * @param total runs to do; null when not known in advance
   * @param unit what is counted, plural ("runs")
   */
  constructor(
    write: (s: string) => void,
    wallMs: () => number,
    private readonly total: number | null,
    private readonly unit = 'runs',
    options: ProgressOptions = {},
  ) {
    super(write, wallMs, options);
  }

  /** Draws the line at 0 done (the clock of the rate and ETA starts now). */
  start(): void {
    this.startWallMs = this.wallMs();
    this.draw(this.startWallMs);
  }

  /** Counts `n` more runs done and redraws, unless throttled (never at the last run). */
  tick(n = 1): void {
    this.done += n;
    const now = this.wallMs();
    if (this.throttled(now) && this.done !== this.total) return;
    this.draw(now);
  }

  private draw(now: number): void {
    this.drawLine(this.line(this.done, now - this.startWallMs), now);
  }

  /** The text of the line for `done` runs after `elapsedWallMs` (no control characters). */
  line(done: number, elapsedWallMs: number): string {
    const total = this.total;
    const rate = elapsedWallMs > 0 && done > 0 ? `${runRateText((done * 1000) / elapsedWallMs)} ${this.unit}/s` : '';
    if (total === null) return fitProgressLine(null, 0, [`${done.toLocaleString('en-US')} ${this.unit}`, rate], this.columns, [1]);
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const eta = done > 0 && done < total && elapsedWallMs > 0 ? `ETA ${etaText((elapsedWallMs * (total - done)) / done)}` : '';
    const count = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${this.unit}`;
    return fitProgressLine(fraction, this.width, [count, rate, eta], this.columns, [1]);
  }
}

/** What a progress display reads of a command's io (run.ts's CliIo satisfies it). */
export interface ProgressIo {
  readonly stderr: (s: string) => void;
  /** True when stderr is an interactive terminal. */
  readonly stderrIsTTY?: boolean;
  /** Columns of stderr (80 when unknown). */
  readonly stderrColumns?: number;
}

/**
 * The count display of a command's runs, started, when {@link progressWanted} (an
 * interactive stderr, not `quiet`, not in CI); else null.
 * @param total runs to do; null when not known in advance (solve's search)
 */
export function countProgress(io: ProgressIo, quiet: boolean | undefined, total: number | null, env: Readonly<Record<string, string | undefined>> = process.env): CountProgress | null {
  if (!progressWanted(quiet, io.stderrIsTTY, env)) return null;
  const p = new CountProgress(io.stderr, () => performance.now(), total, 'runs', { columns: io.stderrColumns });
  p.start();
  return p;
}

/**
 * Runs `work` (jobs on `runner`) under a progress line of `total` runs (null: not known in
 * advance) on an interactive stderr, cleared when the work ends, however it ends.
 */
export async function withProgress<T>(io: ProgressIo, quiet: boolean | undefined, total: number | null, runner: { onDone: (() => void) | null }, work: () => Promise<T>): Promise<T> {
  const progress = countProgress(io, quiet, total);
  runner.onDone = () => progress?.tick();
  try {
    return await work();
  } finally {
    runner.onDone = null;
    progress?.clear();
  }
}
