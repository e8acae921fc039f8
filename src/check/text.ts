/**
 * The terminal report of a check: per scenario, each threshold as ✓/✗ with its observed
 * value, then the baseline comparison, then one verdict line. Pure.
 */
import pc from 'picocolors';
import { describeComparison } from './baseline.js';
import { describeObserved } from './evaluate.js';
import { checkPassed, type ScenarioCheck } from './runner.js';

/**
 * The report of one or more scenario checks, ending in a newline.
 * @param colour ✓ green, ✗ and a failed verdict red (ANSI); default off.
 */
export function renderText(checks: readonly ScenarioCheck[], colour = false): string {
  const paint = pc.createColors(colour);
  const out: string[] = [];
  let thresholds = 0;
  let failedThresholds = 0;
  let regressions = 0;
  const regressed: string[] = [];
  for (const c of checks) {
    const runs = c.seeds.length;
    const reps = runs > 1 ? `, ${runs} replications` : '';
    out.push(`${c.file} — ${c.name} (seed ${c.seed}${reps})`);
    if (c.thresholds.length === 0) out.push('  (no expect: thresholds)');
    const width = Math.max(0, ...c.thresholds.map((t) => t.threshold.text.length));
    for (const t of c.thresholds) {
      thresholds++;
      if (!t.pass) failedThresholds++;
      out.push(`  ${t.pass ? paint.green('✓') : paint.red('✗')} ${t.threshold.text.padEnd(width)}  ${describeObserved(t, runs)}`);
    }
    if (c.baselineWritten !== null) out.push(`  baseline written: ${c.baselineWritten}`);
    if (c.baseline !== null) {
      out.push(`  baseline ${c.baseline.file}${runs > 1 ? ` (compared with the mean of ${runs} runs)` : ''}:`);
      for (const x of c.baseline.comparisons) {
        if (x.regression) regressions++;
        out.push(`    ${x.regression ? paint.red(describeComparison(x)) : describeComparison(x)}`);
      }
      const names = c.baseline.comparisons.filter((x) => x.regression).map((x) => x.metric);
      if (names.length > 0) regressed.push(`${c.name}: ${names.join(', ')}`);
    }
  }
  const ok = checks.every(checkPassed);
  const n = checks.length;
  const what = `${failedThresholds} of ${thresholds} threshold${thresholds === 1 ? '' : 's'} failed, ${regressions} baseline regression${regressions === 1 ? '' : 's'} (${n} scenario${n === 1 ? '' : 's'})`;
  out.push(ok ? paint.green(`check passed: ${what}`) : paint.red(`check FAILED: ${what}`));
  if (regressed.length > 0) out.push(paint.red(`regressed: ${regressed.join('; ')}`));
  return out.join('\n') + '\n';
}
