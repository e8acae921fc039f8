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
import { fitText } from './fit-width.js';

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
  /**
   * Whether the run's warnings were printed on stderr (false under `--quiet`): the table
   * then points to them, or says how to see them. Default true.
   */
  readonly warningsShown?: boolean;
}

/** The one line a table keeps about `n` warnings printed (or, under `-q`, not printed) on stderr. */
export function warningsPointer(n: number, shown: boolean): string {
  const what = `${n} warning${n === 1 ? '' : 's'}`;
  return shown ? `! ${what} on stderr` : `! ${what} (not shown with -q)`;
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
 * When that is not enough (many wide number columns), the columns are split over several
 * tables, each under the caption marked "(continued)" and each repeating the first column
 * when it names the rows. `paint` may colour a cell (its width is measured without the
 * colour codes).
 */
export function drawTable(t: TextTable, width: number | null = 80, paint: (col: number, text: string) => string = (_, x) => x): string {
  const groups = width === null ? [] : columnGroups(t, width);
  if (groups.length <= 1) return drawOne(t, width, paint);
  return groups
    .map((cols, k) => {
      const numeric = cols.map((i) => isNumeric(t, i));
      const from = numeric.indexOf(true);
      const sub: TextTable = {
        ...t,
        head: cols.map((i) => t.head[i]),
        rows: t.rows.map((r) => cols.map((i) => r[i])),
        numericFrom: from < 0 ? cols.length : from,
        numericTo: from < 0 ? cols.length : numeric.lastIndexOf(true) + 1,
      };
      const drawn = drawOne(sub, width, (c, x) => paint(cols[c], x));
      return k === 0 ? drawn : `\n${t.caption} (continued)\n${drawn}`;
    })
    .join('\n');
}

/** Natural width of each column: its widest cell or heading. */
const naturalWidths = (t: TextTable): number[] => t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => r[i].length)));

/** Narrowest a wrapped text column is made (below this a name reads as fragments). */
const MIN_WRAPPED = 8;

/**
 * The columns of each table `t` is drawn as: one group when it fits `width` (narrowing its
 * widest text column to no less than {@link MIN_WRAPPED}), else groups filled greedily from
 * the left, each starting with column 0 when that column is a label (not a number).
 */
function columnGroups(t: TextTable, width: number): number[][] {
  const natural = naturalWidths(t);
  const sum = (cols: readonly number[]): number => cols.reduce((a, i) => a + natural[i], 0) + GAP * (cols.length - 1);
  const all = natural.map((_, i) => i);
  const total = sum(all);
  const text = natural.map((w, i) => (isNumeric(t, i) ? -1 : w));
  const slack = Math.max(...text) - MIN_WRAPPED;
  if (total <= width || (slack > 0 && total - slack <= width)) return [all];
  const key = isNumeric(t, 0) ? [] : [0];
  const groups: number[][] = [];
  let group = [...key];
  for (const i of all.slice(key.length)) {
    if (group.length > key.length && sum([...group, i]) > width) {
      groups.push(group);
      group = [...key];
    }
    group.push(i);
  }
  groups.push(group);
  return groups;
}

/** {@link drawTable} of a table that is not split. */
function drawOne(t: TextTable, width: number | null, paint: (col: number, text: string) => string): string {
  const cols = t.head.length;
  const natural = naturalWidths(t);
  const total = natural.reduce((a, b) => a + b, 0) + GAP * (cols - 1);
  const text = natural.map((w, i) => (isNumeric(t, i) ? -1 : w));
  const wrapCol = text.indexOf(Math.max(...text));
  const narrowed = width === null ? natural[wrapCol] : Math.max(MIN_WRAPPED, natural[wrapCol] - (total - width));
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

/** Renders the summary for a terminal. */
export function renderTable(s: Summary, options: RenderOptions = {}): string {
  const c = pc.createColors(options.colour === true);
  const width = options.wide ? null : (options.width ?? 80);
  const when = runTimes(s, options.utcOffsetMinutes ?? 0);
  const out: string[] = [`a2psim — ${s.scenario} (seed ${s.seed})`, `start ${when.start}   run ended after ${when.ranFor}`, when.lastOut];
  // The drawn tables (fitted by drawTable); every other line is prose, wrapped at the end.
  const tables = new Set<string>();
  // The binding constraint, in plain words (absent in a summary read back from an older version).
  if (s.bottlenecks !== undefined) {
    const how = s.bottlenecks.note === undefined ? '' : ` (${s.bottlenecks.note})`;
    out.push(`bottleneck: ${s.bottlenecks.binding}${how}`); // wrapped with the other prose below
  }
  if (s.cost !== undefined) {
    const { currency, run, monthly } = s.cost;
    out.push(`cost: ${run.total} ${currency} this run; ${monthly.total} ${currency} a month (${monthly.runs} runs, numbers, MPS)`);
  }
  for (const t of summaryTables(s, { wide: options.wide })) {
    const failedCol = t.head.indexOf('failed');
    const paint = (i: number, text: string): string =>
      (i === failedCol && text !== '0') || (t.caption === 'Failures' && i === 0) ? c.red(text) : text;
    const drawn = drawTable(t, width, paint);
    tables.add(drawn);
    out.push('', t.caption, drawn);
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
  // The warnings themselves go to stderr, once; the table only says that there are some.
  if (s.warnings.length > 0) out.push('', c.yellow(warningsPointer(s.warnings.length, options.warningsShown !== false)));
  return out.map((l) => (tables.has(l) ? l : fitText(l, width ?? Infinity))).join('\n') + '\n';
}
