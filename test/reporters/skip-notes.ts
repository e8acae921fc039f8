/**
 * A vitest reporter (vitest.config.ts) that ends the run's summary with every test skipped
 * with a reason (`ctx.skip(note)`), grouped by reason: the default reporter only counts
 * skipped tests, and a skip that needs an action (install Chromium) must not go unnoticed.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** A skipped test: its file and full name, and the note it was skipped with. */
export interface SkippedTest {
  readonly name: string;
  readonly note: string;
}

/** The text printed after the summary: one block per note, each test under it. */
export function skipNotesText(skipped: readonly SkippedTest[]): string {
  const byNote = new Map<string, string[]>();
  for (const t of skipped) byNote.set(t.note, [...(byNote.get(t.note) ?? []), t.name]);
  return [...byNote].map(([note, names]) =>
    `\n SKIPPED ${names.length} test${names.length > 1 ? 's' : ''}: ${note}\n${names.map((n) => `   ↓ ${n}\n`).join('')}`).join('');
}

export default class SkipNotesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped: SkippedTest[] = [];
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const r = t.result();
        if (r.state === 'skipped' && r.note) skipped.push({ name: `${m.moduleId.replace(`${process.cwd()}/`, '')} > ${t.fullName}`, note: r.note });
      }
    }
    process.stdout.write(skipNotesText(skipped));
  }
}
