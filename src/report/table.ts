/**
 * The terminal report: the summary tables (see summary-tables.ts) drawn with cli-table3
 * without vertical borders and with one rule under each header, so that by default every
 * line fits an 80-column terminal (`wide` adds the columns that do not). Colour, when
 * asked, comes from picocolors. Returns a string; the CLI decides where it goes.
 */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { Summary } from './summary.js';
import { fmtInt, isNumeric, runTimes, summaryTables, type TextTable } from './summary-tables.js';

/** Options of {@link renderTable}. */
export interface RenderOptions {
  /** Every column, whatever the width (`run --wide`). */
  readonly wide?: boolean;
  /** ANSI colour for failures and warnings (the CLI decides: NO_COLOR, FORCE_COLOR, TTY). */
  readonly colour?: boolean;
  /** UTC offset of the scenario's `start`, minutes: clock times are shown in it. Default 0. */
  readonly utcOffsetMinutes?: number;
  /** Columns the report must fit unless `wide`; default 80. */
  readonly width?: number;
}

const GAP = 2;
const CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '─', 'mid-mid': '─'.repeat(GAP), right: '', 'right-mid': '',
  middle: ' '.repeat(GAP),
};

/**
 * Draws one table the way the terminal report does: no vertical borders, a rule under the
 * header, none between rows. When it would be wider than `width` (null: no limit), its
 * widest text column (a name, a reason) is narrowed and wraps; numbers keep their width.
 * `paint` may colour a cell (its width is measured without the colour codes).
 */
export function drawTable(t: TextTable, width: number | null = 80, paint: (col: number, text: string) => string = (_, x) => x): string {
  const cols = t.head.length;
  const widest = (i: number): number => Math.max(t.head[i].length, ...t.rows.map((r) => r[i].length));
  const natural = Array.from({ length: cols }, (_, i) => widest(i));
  const total = natural.reduce((a, b) => a + b, 0) + GAP * (cols - 1);
  const text = natural.map((w, i) => (isNumeric(t, i) ? -1 : w));
  const wrapCol = text.indexOf(Math.max(...text));
  const narrowed = width === null ? natural[wrapCol] : Math.max(8, natural[wrapCol] - (total - width));
  const colWidths = natural.map((_, i) => (i === wrapCol ? narrowed : null));
  // Wrap between words when every word fits the narrowed column, else anywhere (long ids).
  const words = t.rows.flatMap((r) => (wrapCol >= 0 ? r[wrapCol].split(' ') : []));
  const onWords = words.every((w) => w.length <= narrowed);
  const table = new Table({
    head: [...t.head],
    chars: CHARS,
    ...(width !== null && total > width && text[wrapCol] > 0 ? { colWidths, wordWrap: true, wrapOnWordBoundary: onWords } : {}),
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 0 },
    colAligns: t.head.map((_, i) => (isNumeric(t, i) ? 'right' : 'left')),
  });
  table.push(...t.rows.map((r) => r.map((cell, i) => paint(i, cell))));
  return table.toString().replace(/ +$/gm, '');
}

/** Greedy word wrap of `text` to lines of at most `width` characters (continuations indented 2). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `  ${word}`;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** Renders the summary for a terminal. */
export function renderTable(s: Summary, options: RenderOptions = {}): string {
  const c = pc.createColors(options.colour === true);
  const width = options.wide ? null : (options.width ?? 80);
  const when = runTimes(s, options.utcOffsetMinutes ?? 0);
  const out: string[] = [`a2psim — ${s.scenario} (seed ${s.seed})`, `start ${when.start}   run ended after ${when.ranFor}`, when.lastOut];
  // The binding constraint, in plain words (absent in a summary read back from an older version).
  if (s.bottlenecks !== undefined) {
    const how = s.bottlenecks.note === undefined ? '' : ` (${s.bottlenecks.note})`;
    out.push(...wrap(`bottleneck: ${s.bottlenecks.binding}${how}`, width ?? Infinity));
  }
  if (s.cost !== undefined) {
    const { currency, run, monthly } = s.cost;
    out.push(`cost: ${run.total} ${currency} this run; ${monthly.total} ${currency} a month (${monthly.runs} runs, numbers, MPS)`);
  }
  for (const t of summaryTables(s, { wide: options.wide })) {
    const failedCol = t.head.indexOf('failed');
    const paint = (i: number, text: string): string =>
      (i === failedCol && text !== '0') || (t.caption === 'Failures' && i === 0) ? c.red(text) : text;
    out.push('', t.caption, drawTable(t, width, paint));
    if (t.caption === 'Totals' && s.inbound > 0) {
      out.push(`inbound messages replayed (received, not throttled, not in the totals): ${fmtInt(s.inbound)}`);
    }
    if (t.caption === 'Totals' && s.messages !== undefined) {
      const m = s.messages;
      out.push(
        `client retries: ${fmtInt(m.total)} messages in ${fmtInt(m.attempts)} attempts (the table counts attempts)`,
        `messages: ${fmtInt(m.delivered)} delivered, ${fmtInt(m.failed)} lost, ${fmtInt(m.queued)} pending`,
      );
    }
  }
  // With one failure code, every "failed" column is that code: the hint would add nothing.
  if (!options.wide && Object.keys(s.failures).length > 1) out.push(c.dim('(failures by code for each carrier, sender and traffic: --wide)'));
  if (s.warnings.length > 0) {
    out.push('', c.yellow('Warnings'), ...s.warnings.map((w) => c.yellow(wrap(`! ${w}`, (width ?? Infinity) - 2).map((l) => `  ${l}`).join('\n'))));
  }
  return out.join('\n') + '\n';
}
