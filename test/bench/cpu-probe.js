// Loaded with `node --import`: at exit, writes the process's CPU time (user + system, all
// threads, in seconds) to $A2PSIM_BENCH_CPU_FILE, and the in-process time of the jobs (from
// the first `a2psim:jobs-start` User Timing mark, made when a command creates its job runner
// and pool, to the last `a2psim:jobs-done`, made when a batch's last result is in; seconds)
// to $A2PSIM_BENCH_JOBS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.A2PSIM_BENCH_CPU_FILE;
const jobsFile = process.env.A2PSIM_BENCH_JOBS_FILE;
if (file || jobsFile) {
  process.on('exit', () => {
    if (file) {
      const u = process.cpuUsage();
      writeFileSync(file, String((u.user + u.system) / 1e6));
    }
    if (jobsFile) {
      const start = performance.getEntriesByName('a2psim:jobs-start', 'mark')[0];
      const done = performance.getEntriesByName('a2psim:jobs-done', 'mark').at(-1);
      writeFileSync(jobsFile, start && done ? String((done.startTime - start.startTime) / 1000) : '');
    }
  });
}
