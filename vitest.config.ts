/**
 * Vitest settings for `npm test` (the whole suite but test/slow/) and, through
 * vitest.slow.config.ts, for `npm run test:slow` (the long checks in test/slow/).
 *
 * The suite must pass on a loaded 2-core machine: tests are kept small (no test simulates
 * more than ~200,000 messages), every test that spawns a process sets its own timeout, and
 * the default timeouts below are sized for a machine with its cores busy elsewhere. They are
 * a margin, not a budget: an idle run of the slowest test takes a few seconds.
 */
import { configDefaults, defineConfig } from 'vitest/config';

/** Settings shared with vitest.slow.config.ts. */
export const shared = {
  /** Builds dist/ once before any test file runs: the CLI tests spawn bin/a2psim.js. */
  globalSetup: ['test/global-setup.ts'],
  /**
   * Vitest's default is one worker less than the cores: a single worker on a 2-core machine.
   * Two halve the idle wall time (the suite is CPU-bound); under load the margins below hold.
   */
  maxWorkers: 2,
  /**
   * Test files share their worker's module cache instead of importing the sources again, file
   * by file (vitest's default isolation): a third less CPU for the whole suite (issue 23). Tests
   * must therefore undo what they change in shared state (process.env, injected writers,
   * cwd) — they do, in afterEach/finally; `npm run test:shuffle` runs the files in a random
   * order to catch one that does not.
   */
  isolate: false,
  testTimeout: 30_000,
  hookTimeout: 60_000,
  /** The default summary, then every test skipped with a reason (e.g. Chromium missing). */
  reporters: ['default', './test/reporters/skip-notes.ts'],
};

export default defineConfig({
  test: {
    ...shared,
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/slow/**'],
  },
});
