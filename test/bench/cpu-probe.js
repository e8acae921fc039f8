// Loaded with `node --import`: at exit, writes the process's CPU time (user + system, all
// threads, in seconds) to $A2PSIM_BENCH_CPU_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.A2PSIM_BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.cpuUsage();
    writeFileSync(file, String((u.user + u.system) / 1e6));
  });
}
