/**
 * Writing HTML reports: a directory of reports with an index page (for `check --report
 * DIR`), through the command's output guard (every file is declared before the run and
 * written atomically). `run --report FILE` writes its one report in run/run-files.ts.
 */
import { join } from 'node:path';
import type { SimulationResult } from '../../engine/simulate.js';
import { chartAssets } from '../../report/html/assets.js';
import { renderIndexPage, type IndexRow } from '../../report/html/index-page.js';
import { renderReport, type CollectedSeries } from '../../report/html/report.js';
import { summarize } from '../../report/summary.js';
import type { OutputGuard } from './output-guard.js';

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
 * The files `check --report DIR` writes for scenarios named `names`, in order: one report
 * each (`default-morning.html`, `default-morning-2.html` for a second one of that name), then
 * `index.html`. Known before the run, so that the output guard sees every one of them.
 */
export function reportPaths(dir: string, names: readonly string[]): string[] {
  return reportHrefs(names).map((f) => join(dir, f));
}

function reportHrefs(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return [...names.map((n) => reportFileName(n, taken)), 'index.html'];
}

/**
 * Writes one report per entry into `dir` (created if missing) at its {@link reportPaths}
 * name and `index.html` linking them in entry order, through `guard` (which must have them
 * declared; the caller commits). Returns the paths written, index last.
 */
export function writeReports(dir: string, entries: readonly ReportEntry[], guard: OutputGuard): string[] {
  const summaries = entries.map((e) => summarize(e.result));
  const hrefs = reportHrefs(summaries.map((s) => s.scenario));
  const paths = hrefs.map((f) => join(dir, f));
  const rows: IndexRow[] = entries.map((e, i) => {
    guard.write(paths[i], renderReport(e.result, e.series, chartAssets(), summaries[i]));
    return { ...e.index, href: hrefs[i], source: e.source, summary: summaries[i], passed: e.passed };
  });
  guard.write(paths[entries.length], renderIndexPage(rows));
  return paths;
}
