// Preloaded (`node --import`) into the CLI by the Ctrl-C test (test/cli/interrupt.test.ts):
// slows the interactive run down to a standstill after its first slice of events, until the
// process gets SIGINT. The run is then certainly "under way" when the test presses Ctrl-C,
// however fast or loaded the machine, and the scenario can stay small.
//
// src/cli/interactive.ts yields to the event loop between slices with setImmediate; the
// first such turn is held here, later ones pass straight through. On SIGINT the CLI's own
// handler runs in the same emit as this one, before the held turn resumes; if that handler
// failed to stop the run, the run would simply go on to its end (and the test would fail).
const realSetImmediate = globalThis.setImmediate;
let held = false;
globalThis.setImmediate = (fn, ...args) => {
  if (held) return realSetImmediate(fn, ...args);
  held = true;
  const keepAlive = setInterval(() => {}, 1 << 30);
  process.once('SIGINT', () => {
    clearInterval(keepAlive);
    realSetImmediate(fn, ...args);
  });
  return undefined;
};
