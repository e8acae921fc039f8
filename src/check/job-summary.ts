/**
 * GitHub job summaries (appended to `$GITHUB_STEP_SUMMARY`) of a sweep and of a solve, as
 * `check` writes its own (markdown.ts): a headline marked ✅ or ❌, then a table or the
 * report. Pure.
 */
import { codeCell, escapeCell } from './markdown.js';
import type { SweepResult } from './sweep.js';

/** Most sweep points listed in a job summary (the rest are counted). */
export const MAX_SUMMARY_POINTS = 100;

/** A metric mean as the summary shows it: a few significant digits, `–` when there is none. */
function showMean(v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  return Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toPrecision(4)));
}

/**
 * The job summary of a sweep: how many points pass, the cheapest passing one when priced,
 * and a row per point (✅/❌, its values, the failed thresholds, up to four metrics).
 */
export function renderSweepMarkdown(r: SweepResult): string {
  const passing = r.points.filter((p) => p.pass).length;
  const ok = passing > 0;
  const head = `### ${ok ? '✅' : '❌'} a2psim sweep — ${escapeCell(r.scenario)}: ${passing} of ${r.points.length} point${r.points.length === 1 ? '' : 's'} pass${r.points.length === 1 && passing === 1 ? 'es' : ''}`;
  const best = r.cheapest === null ? undefined : r.points.find((p) => p.index === r.cheapest);
  const lines = [head, ''];
  if (best !== undefined) lines.push(`Cheapest passing point (★): ${r.parameters.map((p) => codeCell(`${p.path}=${best.values[p.path]}`)).join(', ')}`, '');
  if (r.expect.length > 0) lines.push(`Thresholds: ${r.expect.map(codeCell).join(', ')}`, '');
  const metrics = r.metrics.slice(0, 4);
  lines.push(
    `| | ${r.parameters.map((p) => codeCell(p.path)).join(' | ')} | failed thresholds | ${metrics.map(codeCell).join(' | ')} |`,
    `|---|${r.parameters.map(() => '---|').join('')}---|${metrics.map(() => '---:|').join('')}`,
  );
  for (const p of r.points.slice(0, MAX_SUMMARY_POINTS)) {
    const mark = `${p.pass ? '✅' : '❌'}${p.index === r.cheapest ? ' ★' : ''}`;
    const failed = p.failed.map((f) => codeCell(f.threshold)).join(' ');
    lines.push(`| ${mark} | ${r.parameters.map((par) => escapeCell(String(p.values[par.path]))).join(' | ')} | ${failed} | ${metrics.map((m) => showMean(p.metrics[m]?.mean)).join(' | ')} |`);
  }
  const more = r.points.length - MAX_SUMMARY_POINTS;
  if (more > 0) lines.push('', `… and ${more} more point${more === 1 ? '' : 's'} (see the sweep's CSV or JSON).`);
  return lines.join('\n') + '\n\n';
}

/** The job summary of a command whose report is text (`solve`): a marked headline and the report as a code block. */
export function renderTextMarkdown(ok: boolean, title: string, report: string): string {
  const fence = '```';
  return `### ${ok ? '✅' : '❌'} ${escapeCell(title)}\n\n${fence}text\n${report.replace(/`{3,}/g, "'''").trimEnd()}\n${fence}\n\n`;
}
