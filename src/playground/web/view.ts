/**
 * The summary shown after each run: cards for the totals and waits (as the HTML report
 * shows them), failures by code, and the summary JSON exactly as `run --format json`.
 */
import { fmtDuration } from '../../report/duration.js';
import type { Summary } from '../../report/summary.js';
import type { ThresholdLine } from '../protocol.js';

const int = (n: number): string => n.toLocaleString('en-US');

function card(key: string, value: string, sub?: string): HTMLElement {
  const div = document.createElement('div');
  div.className = 'card';
  div.dataset.key = key;
  const k = document.createElement('div');
  k.className = 'k';
  k.textContent = key;
  const v = document.createElement('div');
  v.className = 'v';
  v.textContent = value;
  if (sub !== undefined) {
    const s = document.createElement('span');
    s.className = 'sub';
    s.textContent = ` ${sub}`;
    v.append(s);
  }
  div.append(k, v);
  return div;
}

/** Fills the cards, the failures line and the JSON block from one run's summary. */
export function showSummary(s: Summary, json: string, els: { cards: HTMLElement; failures: HTMLElement; json: HTMLElement }): void {
  const t = s.totals;
  const pct = t.submitted === 0 ? '–' : `${((100 * t.delivered) / t.submitted).toFixed(1)}%`;
  els.cards.replaceChildren(
    card('submitted', int(t.submitted)),
    card('delivered', int(t.delivered), pct),
    card('failed', int(t.failed)),
    card('still queued', int(t.queued)),
    card('wait p50', fmtDuration(s.wait.p50, true)),
    card('wait p95', fmtDuration(s.wait.p95, true)),
    card('wait p99', fmtDuration(s.wait.p99, true)),
    card('last out', fmtDuration(s.drain_time)),
  );
  const codes = Object.entries(s.failures);
  els.failures.textContent =
    codes.length === 0 ? 'No failures.' : `Failures: ${codes.map(([code, f]) => `${int(f.count)} × ${code} (${f.reason})`).join('; ')}.`;
  if (s.warnings.length > 0) els.failures.textContent += ` Warnings: ${s.warnings.join('; ')}`;
  els.json.textContent = json;
}

/** The scenario's thresholds with ✓ or ✗ and what was observed, as `a2psim check` prints them. */
export function showThresholds(list: HTMLElement, lines: readonly ThresholdLine[]): void {
  list.replaceChildren(
    ...lines.map((t) => {
      const li = document.createElement('li');
      li.className = t.pass ? 'pass' : 'fail';
      li.textContent = `${t.pass ? '✓' : '✗'} ${t.text}  ${t.observed}`;
      return li;
    }),
  );
}
