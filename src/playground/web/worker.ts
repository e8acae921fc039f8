/**
 * The playground's Web Worker: the CLI's own loader, engine and summary, bundled by
 * esbuild. It parses the YAML, refuses a run too large as `run` does, simulates in
 * slices (posting progress between them) and posts the summary JSON and chart data.
 */
import { startSimulation } from '../../engine/simulate.js';
import { CsvMessageSink } from '../../report/message-csv/message-csv.js';
import { reportData, reportObserver } from '../../report/html/report.js';
import { summarize } from '../../report/summary.js';
import { withWhatIf } from '../../report/what-if.js';
import { formatValue, holds, parseThreshold } from '../../check/expr.js';
import { observe } from '../../check/metric-values.js';
import { ScenarioError } from '../../scenario/errors.js';
import { parseScenario } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/model.js';
import { checkRunSize, DEFAULT_MAX_MESSAGES } from '../../cli/options/run-size.js';
import { UsageError } from '../../cli/cli-errors.js';
import { MAX_CSV_MESSAGES, type WorkerReply, type WorkerRequest } from '../protocol.js';

/** Events per slice between progress messages. */
const SLICE_EVENTS = 50_000;

const post = (reply: WorkerReply): void => (self as unknown as Worker).postMessage(reply);

function run(req: WorkerRequest, scenario: Scenario): void {
  const t0 = performance.now();
  const series = reportObserver(scenario);
  const sim = startSimulation(scenario, { observer: series });
  const span = scenario.untilMs ?? scenario.durationMs;
  while (!sim.advance(SLICE_EVENTS)) {
    post({ kind: 'progress', id: req.id, fraction: span > 0 ? Math.min(1, sim.nowMs / span) : 0, submitted: sim.submitted });
  }
  const result = sim.finish();
  // The bottleneck by what-if, as `a2psim run` names it (the summary JSON is the CLI's, byte for byte).
  const summary = withWhatIf(summarize(result), result);
  const data = reportData(result, series, summary);
  // The scenario's thresholds, judged as `a2psim check` judges them.
  const thresholds = scenario.expect.map((text) => {
    const t = parseThreshold(text);
    const o = observe(summary, t.ref);
    if (o.value === null) return { text, pass: false, observed: o.reason };
    return { text, pass: holds(o.value, t.op, t.value), observed: `observed ${formatValue(o.value, t.ref.def.kind, t.percent)}` };
  });
  post({ kind: 'done', id: req.id, summaryJson: JSON.stringify(summary, null, 2) + '\n', data, ms: performance.now() - t0, thresholds });
}

function csv(req: WorkerRequest, scenario: Scenario): void {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  // The sink reuses its buffer: keep a copy of each chunk.
  const sink = new CsvMessageSink((c) => chunks.push(c.slice()), scenario.startEpochMs, scenario.rules.logIncomingMessages);
  const sim = startSimulation(scenario, { sink });
  while (!sim.advance(SLICE_EVENTS)) {
    if (sim.submitted > MAX_CSV_MESSAGES) throw new UsageError(`message CSV: expected at most ${MAX_CSV_MESSAGES.toLocaleString('en-US')} messages, got more`);
  }
  sim.finish();
  sink.end();
  post({ kind: 'csv', id: req.id, csv: new Blob(chunks, { type: 'text/csv' }), rows: sink.rowCount });
}

self.onmessage = (ev: MessageEvent<WorkerRequest>): void => {
  const req = ev.data;
  try {
    const scenario = parseScenario(req.yaml, req.file);
    if (scenario.traffic.some((t) => t.arrival.kind === 'replay')) {
      throw new UsageError(`${req.file}: replay traffic reads a CSV file, which the playground cannot open; run it with a2psim run`);
    }
    checkRunSize(scenario, DEFAULT_MAX_MESSAGES);
    if (req.kind === 'run') run(req, scenario);
    else csv(req, scenario);
  } catch (e) {
    if (e instanceof ScenarioError) post({ kind: 'invalid', id: req.id, message: e.message, line: e.line, column: e.column });
    else if (e instanceof UsageError) post({ kind: 'invalid', id: req.id, message: e.message, line: 0, column: 0 });
    else post({ kind: 'bug', id: req.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
};
