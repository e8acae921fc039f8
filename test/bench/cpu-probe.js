// Preloaded into a benchmark child (`node --import`): when the process exits, writes its
// CPU time (user + system, ms) and peak RSS (KiB) as JSON to A2PSIM_BENCH_CPU_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.A2PSIM_BENCH_CPU_FILE;
if (target) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
  });
}
