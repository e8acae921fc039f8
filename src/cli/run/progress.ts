/**
 * The progress line of long runs, on an interactive stderr only: a bar of virtual time,
 * messages simulated per wall second, and an ETA. Redrawn in place (carriage return),
 * at most once per `intervalMs` of wall time, and cleared at the end so that nothing of it
 * stays on the terminal. The wall clock is injected, so the renderer is testable.
 */

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
  /** Characters in the bar (default 24). */
  readonly width?: number;
}

export class ProgressBar {
  private readonly startWallMs: number;
  private lastDrawMs = -Infinity;
  private drawn = false;
  private readonly intervalMs: number;
  private readonly width: number;

  /**
   * @param write receives terminal text (stderr)
   * @param wallMs the wall clock, ms (monotonic)
   * @param totalMs virtual length of the run, ms (the traffic window or `until`); > 0
   */
  constructor(
    private readonly write: (s: string) => void,
    private readonly wallMs: () => number,
    private readonly totalMs: number,
    options: ProgressOptions = {},
  ) {
    this.startWallMs = wallMs();
    this.intervalMs = options.intervalMs ?? 100;
    this.width = options.width ?? 24;
  }

  /** Redraws the line for virtual time `virtualMs` and `messages` so far, unless throttled. */
  update(virtualMs: number, messages: number): void {
    const now = this.wallMs();
    if (now - this.lastDrawMs < this.intervalMs) return;
    this.lastDrawMs = now;
    this.drawn = true;
    this.write(`\r${this.line(virtualMs, messages, now - this.startWallMs)}\x1b[K`);
  }

  /** Erases the line if anything was drawn. */
  clear(): void {
    if (this.drawn) this.write('\r\x1b[K');
    this.drawn = false;
  }

  /** The text of the line (no control characters). */
  line(virtualMs: number, messages: number, elapsedWallMs: number): string {
    const fraction = this.totalMs > 0 ? Math.min(1, virtualMs / this.totalMs) : 1;
    const full = Math.round(fraction * this.width);
    const bar = '#'.repeat(full) + '-'.repeat(this.width - full);
    const pct = `${Math.floor(fraction * 100)}%`.padStart(4);
    const rate = elapsedWallMs > 0 ? `${rateText((messages * 1000) / elapsedWallMs)} msg/s` : '';
    let eta = '';
    if (virtualMs > this.totalMs) eta = 'draining queues';
    else if (fraction > 0 && elapsedWallMs > 0) eta = `ETA ${etaText((elapsedWallMs * (1 - fraction)) / fraction)}`;
    return [`[${bar}]`, pct, `${clockText(virtualMs)} / ${clockText(this.totalMs)}`, `${messages.toLocaleString('en-US')} msgs`, rate, eta]
      .filter((p) => p !== '')
      .join('  ');
  }
}
