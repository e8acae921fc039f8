// Bench (issue 4): write the message CSV of a 2,000,000-message run and print the peak
// RSS of the process. Needs `npm run build` first. Usage:
//   node test/bench/csv-rows.js [rows=2000000] [out=/tmp/a2psim-bench-messages.csv]
import { rmSync, statSync } from 'node:fs';
import { parseScenario } from '../../dist/scenario/load.js';
import { executeInteractive } from '../../dist/cli/run/interactive.js';

const rows = Number(process.argv[2] ?? 2_000_000);
const out = process.argv[3] ?? '/tmp/a2psim-bench-messages.csv';
const perSecond = 1000;
// Ten short codes at 100/s each behind a 1000/s account: no queueing, so memory held by
// the engine stays flat and the figure is the CSV path's.
const numbers = Array.from({ length: 10 }, (_, i) => `  - { id: sc${i}, number: "5550${i}", type: short_code, country: US }`).join('\n');
const scenario = parseScenario(
  `name: bench-csv
duration: ${Math.ceil(rows / perSecond)}s
account: { mps: { sms: ${perSecond} } }
numbers:
${numbers}
traffic:
  - name: load
    from: [${Array.from({ length: 10 }, (_, i) => `sc${i}`).join(', ')}]
    arrival: { kind: constant, rate: ${perSecond}/s }
    text: "Your code is 123456, valid for 10 minutes. =Not a formula"
`,
  'bench-csv.yaml',
);
const t0 = process.hrtime.bigint();
const { summary } = await executeInteractive(scenario, { messages: out }, { stderr: () => undefined });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const size = statSync(out).size;
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`rows: ${summary.totals.submitted}`);
console.log(`file: ${(size / 1e6).toFixed(1)} MB`);
console.log(`time: ${seconds.toFixed(1)} s (${Math.round(summary.totals.submitted / seconds)} rows/s)`);
console.log(`peak RSS: ${peakMb.toFixed(1)} MB`);
rmSync(out, { force: true });
