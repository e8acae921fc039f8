// Preloaded into a replay benchmark child (`node --import`): when the process exits, writes
// its CPU time and peak RSS as JSON ({ userMs, systemMs, maxRssKb }, from
// process.resourceUsage()) to the file named by A2PSIM_BENCH_USAGE_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.A2PSIM_BENCH_USAGE_FILE;
if (target) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000, maxRssKb: u.maxRSS }));
  });
}
