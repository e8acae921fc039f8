// Preloaded (`node --import`) into the CLI by test/cli/interrupt.test.ts, so that the
// progress and stop-signal tests behave the same on a fast idle machine and a loaded one
// while simulating only a small scenario:
//
// - The wall clock runs fast: each performance.now() is A2PSIM_TEST_TICK_MS (default 20)
//   later than the one before, as if every slice of events took that long. The CLI
//   (src/cli/run/interactive.ts) then yields to the event loop every few slices and redraws
//   its progress line, however quickly the run really goes.
// - With A2PSIM_TEST_HOLD=1, the run's first visit to the event loop (a setImmediate) is
//   held until a stop signal (SIGINT, SIGTERM or SIGHUP) arrives: the run is then certainly
//   under way when the test sends the signal. The CLI's own handler runs in the same emit
//   as the one here, before the held turn resumes; were it broken, the run would simply go
//   on to its end, and the test would fail. With A2PSIM_TEST_HOLD_FILE=PATH too, that file
//   is created once the run is held, so a test knows when to send the signal.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const tick = Number(process.env.A2PSIM_TEST_TICK_MS ?? 20);
let clock = 0;
performance.now = () => (clock += tick);

if (process.env.A2PSIM_TEST_HOLD === '1') {
  const realSetImmediate = globalThis.setImmediate;
  let held = false;
  globalThis.setImmediate = (fn, ...args) => {
    if (held) return realSetImmediate(fn, ...args);
    held = true;
    const keepAlive = setInterval(() => {}, 1 << 30);
    const release = () => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, release);
      clearInterval(keepAlive);
      realSetImmediate(fn, ...args);
    };
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, release);
    if (process.env.A2PSIM_TEST_HOLD_FILE) writeFileSync(process.env.A2PSIM_TEST_HOLD_FILE, 'held');
    return undefined;
  };
}
