/**
 * The output formats, each registered once with its renderer: what `run` prints a summary
 * as (`--format table | json | csv`) and what `rules` prints the rulebook as (`table | json`).
 * The option's choices are these tables' keys, so a new format is one entry here and the
 * compiler asks for it wherever a format is rendered (`Record<Format, ...>`). Renderers are
 * loaded when used, so that naming the formats (the CLI's options at start-up) loads none.
 */
import type { Provider } from '../rules/provider.js';
import type { Summary } from './summary.js';

/** What a summary renderer may use besides the summary. */
export interface SummaryRenderOptions {
  /** Table: every column, wider than 80 columns. */
  readonly wide?: boolean;
  /** Table: ANSI colour. */
  readonly colour?: boolean;
  /** Table: the scenario's UTC offset for the clock times. */
  readonly utcOffsetMinutes?: number;
  /** Table: the width to fit (80 when absent). */
  readonly width?: number;
  /** Table: whether the warnings were printed on stderr (the table then points to them). */
  readonly warningsShown?: boolean;
  /** CSV: the field delimiter (default `,`). */
  readonly delimiter?: string;
  /** CSV: start with a UTF-8 byte-order mark. */
  readonly bom?: boolean;
}

/** Renders a summary in one format. */
export type SummaryRenderer = (summary: Summary, options: SummaryRenderOptions) => Promise<string>;

/** Every format of a run's summary, in the order the help lists them. */
export const SUMMARY_FORMATS = {
  table: async (s, o) => (await import('./table.js')).renderTable(s, { wide: o.wide, colour: o.colour, utcOffsetMinutes: o.utcOffsetMinutes, width: o.width, warningsShown: o.warningsShown }),
  json: async (s) => JSON.stringify(s, null, 2) + '\n',
  csv: async (s, o) => (await import('./summary-csv.js')).summaryCsv(s, { delimiter: o.delimiter, bom: o.bom }),
} as const satisfies Record<string, SummaryRenderer>;

/** A summary format's name. */
export type SummaryFormat = keyof typeof SUMMARY_FORMATS;

/** The summary formats' names: `table`, `json`, `csv`. */
export const SUMMARY_FORMAT_NAMES = Object.keys(SUMMARY_FORMATS) as SummaryFormat[];

/** Renders the rulebook of a provider in one format. */
export type RulebookRenderer = (provider: Provider, options: { readonly wide: boolean; readonly width: number }) => Promise<string>;

/** Every format of the rulebook (`a2psim rules`). */
export const RULEBOOK_FORMATS = {
  table: async (p, o) => (await import('./rulebook-table.js')).renderRulebook({ wide: o.wide, width: o.width }, p),
  json: async (p) => (await import('./rulebook-json.js')).renderRulebookJson(p),
} as const satisfies Record<string, RulebookRenderer>;

/** A rulebook format's name. */
export type RulebookFormat = keyof typeof RULEBOOK_FORMATS;

/** The rulebook formats' names: `table`, `json`. */
export const RULEBOOK_FORMAT_NAMES = Object.keys(RULEBOOK_FORMATS) as RulebookFormat[];
