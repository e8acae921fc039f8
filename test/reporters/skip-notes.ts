/**
 * A vitest reporter (vitest.config.ts) that ends the run's summary with every test skipped
 * with a reason (`ctx.skip(note)`), grouped by reason: the default reporter only counts
 * skipped tests, and a skip that needs an action (install Chromium) must not go unnoticed.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipNotesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const byNote = new Map<string, string[]>();
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const r = t.result();
        if (r.state !== 'skipped' || !r.note) continue;
        const names = byNote.get(r.note) ?? [];
        names.push(`${m.moduleId.replace(`${process.cwd()}/`, '')} > ${t.fullName}`);
        byNote.set(r.note, names);
      }
    }
    for (const [note, names] of byNote) {
      process.stdout.write(`\n SKIPPED ${names.length} test${names.length > 1 ? 's' : ''}: ${note}\n${names.map((n) => `   ↓ ${n}\n`).join('')}`);
    }
  }
}
