/**
 * The playground page: the scenario's YAML in an editor, controls generated from it, and
 * the summary and charts of a run in a Web Worker after each change. The URL fragment
 * holds the scenario, so the address is a link to what the page shows.
 */
import { parseDocument, type Document } from 'yaml';
import type uPlot from 'uplot';
import type { Summary } from '../../report/summary.js';
import { decodeFragment, encodeFragment } from '../fragment.js';
import { knobsOf, PROVIDER_CHOICES, providerOf, setKnob, setProvider, type Knob } from '../knobs.js';
import type { ProviderId } from '../../rules/providers.js';
import { MAX_CSV_MESSAGES, type WorkerReply, type WorkerRequest } from '../protocol.js';
import { drawCharts } from './charts.js';
import { createEditor } from './editor.js';
import { showKnobs } from './knob-view.js';
import { showSummary, showThresholds } from './view.js';

/** Wait this long after the last keystroke or slider move before running. */
const DEBOUNCE_MS = 120;
/** Show the progress bar only for runs longer than this. */
const PROGRESS_AFTER_MS = 250;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
};

const embedded = JSON.parse($('pg-data').textContent ?? '{}') as { yaml: string; file: string };
const workerUrl = URL.createObjectURL(new Blob([$('pg-worker').textContent ?? ''], { type: 'text/javascript' }));
const area = $<HTMLTextAreaElement>('yaml');
const markError = createEditor(area, $('hl'));
const root = document.documentElement;

const state = {
  doc: parseDocument(embedded.yaml) as Document,
  knobs: [] as Knob[],
  runId: 0,
  busy: false,
  worker: null as unknown as Worker, // set by start()
  summary: null as Summary | null,
  summaryJson: '',
  charts: [] as uPlot[],
  data: null as import('../../report/html/data.js').ReportData | null,
};
let timer: ReturnType<typeof setTimeout> | undefined;
let progressTimer: ReturnType<typeof setTimeout> | undefined;

function status(text: string): void {
  $('status').textContent = text;
}

function notice(text: string): void {
  const n = $('notice');
  n.textContent = text;
  n.hidden = text === '';
}

function setPhase(phase: 'running' | 'ready' | 'invalid' | 'bug'): void {
  root.dataset.state = phase;
}

function onReply(reply: WorkerReply): void {
  if (reply.id !== state.runId) return;
  switch (reply.kind) {
    case 'progress': {
      const bar = $<HTMLProgressElement>('progress');
      bar.value = reply.fraction;
      status(`Running… ${Math.round(reply.fraction * 100)}% of the scenario's time, ${reply.submitted.toLocaleString('en-US')} messages so far`);
      document.dispatchEvent(new CustomEvent('a2psim-progress', { detail: reply }));
      return;
    }
    case 'done': {
      finishRun();
      state.summaryJson = reply.summaryJson;
      state.summary = JSON.parse(reply.summaryJson) as Summary;
      state.data = reply.data;
      showSummary(state.summary, reply.summaryJson, { cards: $('cards'), failures: $('failures'), json: $('summary-json') });
      showThresholds($('thresholds'), reply.thresholds);
      state.charts = drawCharts($('charts'), reply.data, state.charts);
      const n = state.summary.totals.submitted;
      $<HTMLButtonElement>('dl-csv').disabled = n > MAX_CSV_MESSAGES;
      $('dl-csv').title = n > MAX_CSV_MESSAGES ? `The message CSV is offered up to ${MAX_CSV_MESSAGES.toLocaleString('en-US')} messages; use a2psim run --messages` : '';
      status(`Simulated ${n.toLocaleString('en-US')} messages in ${Math.round(reply.ms).toLocaleString('en-US')} ms.`);
      setPhase('ready');
      return;
    }
    case 'invalid':
      finishRun();
      markError(reply.line);
      $('yaml-error').textContent = reply.message;
      status('The scenario has an error; the results below are from the last good version.');
      setPhase('invalid');
      return;
    case 'bug':
      finishRun();
      $('yaml-error').textContent = `a2psim bug (please report): ${reply.message}`;
      setPhase('bug');
      return;
    case 'csv':
      return;
    default:
      reply satisfies never;
  }
}

function finishRun(): void {
  state.busy = false;
  clearTimeout(progressTimer);
  $('progress').hidden = true;
}

function newWorker(): Worker {
  const w = new Worker(workerUrl);
  w.onmessage = (ev: MessageEvent<WorkerReply>) => onReply(ev.data);
  w.onerror = (ev) => {
    ev.preventDefault();
    finishRun();
    $('yaml-error').textContent = `a2psim bug (please report): the worker failed: ${ev.message}`;
    setPhase('bug');
  };
  return w;
}

/** Stops a run in flight: its worker is terminated and replaced; a late reply of it is ignored. */
function cancel(): void {
  if (!state.busy) return;
  state.worker.terminate();
  state.worker = newWorker();
  finishRun();
  root.dataset.cancelled = String(Number(root.dataset.cancelled ?? '0') + 1);
}

/** Runs the current YAML, cancelling a run still in flight. */
function runNow(): void {
  cancel();
  state.runId += 1;
  state.busy = true;
  setPhase('running');
  markError(0);
  $('yaml-error').textContent = '';
  clearTimeout(progressTimer);
  progressTimer = setTimeout(() => {
    $('progress').hidden = false;
  }, PROGRESS_AFTER_MS);
  const req: WorkerRequest = { kind: 'run', id: state.runId, yaml: area.value, file: embedded.file };
  state.worker.postMessage(req);
}

/** A change: cancels the run in flight at once, and runs the new text after a short pause. */
function schedule(): void {
  cancel();
  history.replaceState(null, '', encodeFragment(area.value));
  setPhase('running');
  clearTimeout(timer);
  timer = setTimeout(runNow, DEBOUNCE_MS);
}

function refreshKnobs(): void {
  state.doc = parseDocument(area.value);
  if (state.doc.errors.length > 0) return; // the worker reports the error; the knobs keep their last values
  state.knobs = knobsOf(state.doc);
  showKnobs($('knobs'), state.knobs, onKnob);
  $<HTMLSelectElement>('provider').value = providerOf(state.doc);
}

function onProvider(id: ProviderId): void {
  if (state.doc.errors.length > 0) return;
  area.value = setProvider(area.value, state.doc, id);
  area.dispatchEvent(new Event('input'));
  refreshKnobs();
  schedule();
}

function onKnob(k: Knob, value: number): void {
  const current = state.knobs.find((c) => c.id === k.id);
  if (current === undefined || state.doc.errors.length > 0) return;
  area.value = setKnob(area.value, state.doc, current, value);
  area.dispatchEvent(new Event('input'));
  state.doc = parseDocument(area.value);
  state.knobs = knobsOf(state.doc);
  schedule();
}

function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

const base = (): string => (state.summary?.scenario ?? 'scenario').replace(/[^\w.-]+/g, '_');

function downloadCsv(): void {
  const w = new Worker(workerUrl);
  status('Writing the message CSV…');
  w.onmessage = (ev: MessageEvent<WorkerReply>) => {
    const r = ev.data;
    if (r.kind === 'progress') return;
    w.terminate();
    if (r.kind === 'csv') {
      download(`${base()}-messages.csv`, r.csv);
      status(`Message CSV: ${r.rows.toLocaleString('en-US')} rows.`);
    } else status(r.kind === 'invalid' || r.kind === 'bug' ? r.message : 'The message CSV could not be written.');
  };
  const req: WorkerRequest = { kind: 'csv', id: 0, yaml: area.value, file: embedded.file };
  w.postMessage(req);
}

function start(): void {
  state.worker = newWorker();
  const fragment = decodeFragment(location.hash);
  let yaml = embedded.yaml;
  if (fragment.kind === 'yaml') yaml = fragment.yaml;
  else if (fragment.kind === 'bad') notice(`This link's scenario could not be read (${fragment.reason}); showing the default scenario instead.`);
  area.value = yaml;
  area.dispatchEvent(new Event('input'));
  area.addEventListener('input', (ev) => {
    if (!ev.isTrusted) return; // our own redraw after a knob change
    refreshKnobs();
    schedule();
  });
  $('dl-yaml').addEventListener('click', () => download(embedded.file, new Blob([area.value], { type: 'application/yaml' })));
  $('dl-json').addEventListener('click', () => download(`${base()}-summary.json`, new Blob([state.summaryJson], { type: 'application/json' })));
  $('dl-csv').addEventListener('click', downloadCsv);
  const provider = $<HTMLSelectElement>('provider');
  provider.replaceChildren(...PROVIDER_CHOICES.map((id) => new Option(id, id)));
  provider.addEventListener('change', () => onProvider(provider.value as ProviderId));
  $('copy-link').addEventListener('click', () => {
    navigator.clipboard.writeText(location.href).then(
      () => status('Link copied.'),
      () => status('Could not copy; the address bar holds the link.'),
    );
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (state.data !== null) state.charts = drawCharts($('charts'), state.data, state.charts);
  });
  refreshKnobs();
  if (fragment.kind !== 'yaml') history.replaceState(null, '', encodeFragment(yaml));
  runNow();
}

start();
