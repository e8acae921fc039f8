/**
 * The markdown job summary of a check (appended to `$GITHUB_STEP_SUMMARY`): a headline
 * and one table row per threshold and per baseline regression. Pure.
 */
import { describeTolerance, describeValues } from './baseline.js';
import { describeObserved } from './evaluate.js';
import { checkPassed, type ScenarioCheck } from './runner.js';

/** Escapes plain text for a markdown table cell: HTML, markdown punctuation, pipes, newlines. */
export function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#~])/g, '\\$1')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

/**
 * A code span in a table cell. Entities are not decoded inside code spans, so only the
 * table's `|` is escaped (GFM removes the backslash before the span is built); a
 * backtick in the text becomes a quote, since it would end the span.
 */
export function codeCell(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}\``;
}

const code = codeCell;

/**
 * The markdown of a check. Baseline metrics appear only when they regressed (the JUnit
 * and JSON outputs list all of them), so the table stays readable.
 */
export function renderMarkdown(checks: readonly ScenarioCheck[]): string {
  let total = 0;
  let failed = 0;
  const rows: string[] = [];
  for (const c of checks) {
    const runs = c.seeds.length;
    const where = `${escapeCell(c.name)}<br>${code(c.file)}`;
    for (const t of c.thresholds) {
      total++;
      if (!t.pass) failed++;
      rows.push(`| ${t.pass ? '✅' : '❌'} | ${where} | ${code(t.threshold.text)} | ${escapeCell(describeObserved(t, runs))} |`);
    }
    for (const x of c.baseline?.comparisons ?? []) {
      total++;
      if (!x.regression) continue;
      failed++;
      rows.push(`| ❌ | ${where} | ${code(`baseline ${x.metric}`)} | ${escapeCell(`${describeValues(x)} (${describeTolerance(x)})`)} |`);
    }
  }
  const ok = checks.every(checkPassed);
  const head = ok
    ? `### ✅ a2psim check: all ${total} checks passed in ${checks.length} scenario${checks.length === 1 ? '' : 's'}`
    : `### ❌ a2psim check: ${failed} of ${total} checks failed in ${checks.length} scenario${checks.length === 1 ? '' : 's'}`;
  return [head, '', '| | Scenario | Check | Result |', '|---|---|---|---|', ...rows, ''].join('\n') + '\n';
}
