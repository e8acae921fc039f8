// Preloaded into each benchmark child (`node --import`): when the process exits, writes its
// peak resident set size (KiB, from process.resourceUsage().maxRSS) to the file named by
// A2PSIM_BENCH_RSS_FILE. Portable (no /usr/bin/time) and keeps the child's stdout clean.
import { writeFileSync } from 'node:fs';

const target = process.env.A2PSIM_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
