/**
 * The report's "Bottleneck" section: the binding constraint in plain words, then each
 * relaxation tried by the what-if and its outcome, then each constraint's share of the
 * waiting, its expiries and its rejections. Pure.
 */
import type { Bottlenecks } from '../bottleneck.js';
import { escapeHtml as esc } from './escape.js';

const int = (n: number): string => n.toLocaleString('en-US');

/** The section as HTML; empty for a summary without bottlenecks (one read back from an old file). */
export function bottleneckSection(b: Bottlenecks | undefined): string {
  if (b === undefined) return '';
  const rows = b.constraints
    .map(
      (c) =>
        `<tr><td>${esc(c.constraint)}</td><td class="num">${c.stages === 0 ? '-' : int(c.stages)}</td>` +
        `<td class="num">${int(c.wait_seconds)}</td><td class="num">${(c.share * 100).toFixed(1)}%</td>` +
        `<td class="num">${int(c.expired)}</td><td class="num">${int(c.rejected)}</td></tr>`,
    )
    .join('\n');
  const table =
    b.constraints.length === 0
      ? ''
      : `<table><caption>Where the waiting happened</caption><thead><tr><th>constraint</th><th class="num">stages</th>` +
        `<th class="num">wait (message-seconds)</th><th class="num">share</th><th class="num">expired there</th>` +
        `<th class="num">rejected</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  const w = b.what_if;
  const trials =
    w === undefined || w.trials.length === 0
      ? ''
      : `<table><caption>What if each limit were relaxed (each a separate run)</caption><thead><tr><th>constraint</th><th>change</th>` +
        `<th class="num">delivered</th><th class="num">failed</th><th class="num">drain time (s)</th><th class="num">mean wait (s)</th></tr></thead><tbody>\n` +
        [{ constraint: 'this run', change: '-', ...w.base }, ...w.trials]
          .map(
            (t) =>
              `<tr><td>${esc(t.constraint)}</td><td>${esc(t.change)}</td><td class="num">${int(t.delivered)}</td><td class="num">${int(t.failed)}</td>` +
              `<td class="num">${t.drain_time ?? '-'}</td><td class="num">${t.mean_wait ?? '-'}</td></tr>`,
          )
          .join('\n') +
        `\n</tbody></table>`;
  const how = b.note === undefined ? '' : ` <span class="note">(${esc(b.note)})</span>`;
  const waiting = b.by_waiting === undefined ? '' : `<p>By share of waiting: ${esc(b.by_waiting)}</p>\n`;
  return `<h2>Bottleneck</h2>\n<p class="bottleneck"><b>${esc(b.binding)}</b>${how}</p>\n${waiting}${trials}${table}`;
}
