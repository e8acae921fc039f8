/**
 * The report's "Bottleneck" section: the binding constraint in plain words, then each
 * constraint's share of the waiting, its expiries and its rejections. Pure.
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
  return `<h2>Bottleneck</h2>\n<p class="bottleneck"><b>${esc(b.binding)}</b></p>\n${table}`;
}
