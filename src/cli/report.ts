/**
 * Writing HTML reports: one file for `run --report FILE`, or a directory of reports with
 * an index page (for `check --report DIR`). Every file is written atomically.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulationResult } from '../engine/simulate.js';
import { chartAssets } from '../report/html/assets.js';
import { renderIndexPage, type IndexRow } from '../report/html/index-page.js';
import { renderReport, type CollectedSeries } from '../report/html/report.js';
import { summarize, type Summary } from '../report/summary.js';
import { errnoText, OutputError } from './errors.js';
import { writeFileAtomic } from './output.js';


/** Writes the HTML report of one run to `path`. */
export function writeReport(path: string, result: SimulationResult, series: CollectedSeries, summary?: Summary): void {
  writeFileAtomic(path, renderReport(result, series, chartAssets(), summary));
}

/** One scenario's run for {@link writeReports}. */
export interface ReportEntry {
  /** Where the scenario came from (its file path), shown on the index. */
  readonly source: string;
  readonly result: SimulationResult;
  /** The series collected during the run, e.g. `reportObserver(scenario)`. */
  readonly series: CollectedSeries;
  /** Whether its thresholds passed; omit when not evaluated. */
  readonly passed?: boolean;
  /** More for its index row: failed thresholds, regressions, means over replications. */
  readonly index?: Pick<IndexRow, 'thresholdsFailed' | 'regressions' | 'means'>;
}

/** A file name from a scenario name: lower-case letters, digits, `-`, `_` and `.`. */
export function reportFileName(name: string, taken: Set<string>): string {
  const base = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|-+$/g, '') || 'scenario';
  let file = `${base}.html`;
  for (let n = 2; taken.has(file) || file === 'index.html'; n++) file = `${base}-${n}.html`;
  taken.add(file);
  return file;
}

/**
 * Writes one report per entry into `dir` (created if missing), named after the scenario
 * (`default-morning.html`, `default-morning-2.html` for a second one of that name), and
 * `index.html` linking them in entry order. Returns the paths written, index last.
 */
export function writeReports(dir: string, entries: readonly ReportEntry[]): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new OutputError(dir, errnoText(e));
  }
  const taken = new Set<string>();
  const rows: IndexRow[] = [];
  const written: string[] = [];
  for (const e of entries) {
    const summary = summarize(e.result);
    const href = reportFileName(summary.scenario, taken);
    writeReport(join(dir, href), e.result, e.series, summary);
    written.push(join(dir, href));
    rows.push({ ...e.index, href, source: e.source, summary, passed: e.passed });
  }
  const index = join(dir, 'index.html');
  writeFileAtomic(index, renderIndexPage(rows));
  written.push(index);
  return written;
}
