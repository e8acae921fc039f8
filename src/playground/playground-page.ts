/**
 * The playground page: one self-contained HTML document holding the scenario's YAML, the
 * bundled page script and worker (see src/api/web-bundle.ts), uPlot's stylesheet and the
 * report's styles. Pure: the same inputs give the same bytes. No request leaves the page: the
 * worker starts from a Blob of its embedded source.
 */
import { inlineScript, jsonForScript } from '../report/html/escape.js';
import { PAGE_CSS, pageHead } from '../report/html/page.js';

/** The built browser code and styles a page embeds. */
export interface PlaygroundAssets {
  readonly pageJs: string;
  readonly workerJs: string;
  /** uPlot's stylesheet. */
  readonly chartCss: string;
}

/** What the page opens with: the scenario text and the file name its errors cite. */
export interface PlaygroundInput {
  readonly yaml: string;
  /** Base name used in error messages (`default.yaml:14:7 ...`) and as the scenario's default name. */
  readonly file: string;
}

const PLAYGROUND_CSS = `
.thresholds { list-style: none; padding: 0; margin: 4px 0 12px; font-family: ui-monospace, monospace; white-space: pre; }
.thresholds .pass { color: var(--ok); }
.thresholds .fail { color: var(--bad); }
main { max-width: 1500px; }
.pg { display: grid; grid-template-columns: minmax(320px, 5fr) 7fr; gap: 20px; align-items: start; }
@media (max-width: 900px) { .pg { grid-template-columns: 1fr; } }
.knob { display: grid; grid-template-columns: 12em 1fr 6.5em 4.5em; gap: 8px; align-items: center; margin: 0 0 6px; }
.knob label { font-size: 13px; }
.knob input[type=number] { width: 100%; }
.knob .unit { color: var(--muted); font-size: 12px; }
input, button, textarea, select { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 6px; }
input[type=range] { accent-color: var(--accent); }
button { padding: 5px 10px; cursor: pointer; background: var(--panel); }
button:disabled { cursor: not-allowed; opacity: .55; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.editor { position: relative; height: 460px; border: 1px solid var(--border); border-radius: 8px; background: var(--panel); }
.editor pre, .editor textarea { position: absolute; inset: 0; margin: 0; padding: 10px 12px; overflow: auto; white-space: pre;
  font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; tab-size: 2; border: 0; }
.editor textarea { color: transparent; background: transparent; caret-color: var(--fg); resize: none; }
.editor textarea::selection { background: rgba(127, 127, 127, .35); color: transparent; }
.editor pre { pointer-events: none; color: var(--fg); }
.t-c { color: var(--muted); font-style: italic; } .t-k { color: var(--accent); } .t-s { color: var(--ok); }
.t-n, .t-b { color: #0969da; }
@media (prefers-color-scheme: dark) { .t-n, .t-b { color: #79c0ff; } }
.err-line { background: rgba(207, 34, 46, .18); display: inline-block; min-width: 100%; }
#yaml-error { color: var(--bad); font-family: ui-monospace, monospace; font-size: 13px; min-height: 1.5em; white-space: pre-wrap; }
#notice { background: var(--panel); border-left: 4px solid var(--bad); padding: 8px 12px; }
.buttons { display: flex; flex-wrap: wrap; gap: 8px; }
#status { color: var(--muted); min-height: 1.5em; margin: 0 0 8px; }
progress { width: 100%; }
figure.chart { margin: 16px 0 0; }
figcaption { font-weight: 600; margin: 0 0 6px; }
#summary-json { max-height: 320px; overflow: auto; font-size: 12px; background: var(--panel); padding: 8px; }
`;

/** The complete playground page. */
export function renderPlaygroundPage(input: PlaygroundInput, assets: PlaygroundAssets): string {
  return `${pageHead(`a2psim playground — ${input.file}`, assets.chartCss, PAGE_CSS + PLAYGROUND_CSS)}
<body>
<main>
<h1>a2psim playground</h1>
<p class="meta">Move a control or edit the YAML: the scenario runs again in your browser with the same engine as <code>a2psim run</code>. The address holds the scenario, so copying it shares what you see.</p>
<noscript><p class="warn">The playground runs the simulator in JavaScript; please enable it.</p></noscript>
<p id="notice" role="alert" hidden></p>
<div class="pg">
<section aria-labelledby="h-controls">
<h2 id="h-controls">Controls</h2>
<div class="knob"><label for="provider">Provider</label><select id="provider"></select></div>
<div id="knobs" role="group" aria-labelledby="h-controls"></div>
<h2 id="h-yaml">Scenario</h2>
<div class="editor"><pre id="hl" aria-hidden="true"></pre><textarea id="yaml" spellcheck="false" autocapitalize="off" autocomplete="off" aria-labelledby="h-yaml" aria-describedby="yaml-error"></textarea></div>
<p id="yaml-error" role="alert"></p>
<div class="buttons">
<button type="button" id="dl-yaml">Download YAML</button>
<button type="button" id="dl-json">Download summary JSON</button>
<button type="button" id="dl-csv">Download message CSV</button>
<button type="button" id="copy-link">Copy link</button>
</div>
</section>
<section aria-labelledby="h-results">
<h2 id="h-results">Results</h2>
<p id="status" role="status" aria-live="polite">Starting…</p>
<progress id="progress" max="1" value="0" hidden aria-label="Run progress"></progress>
<div id="cards" class="cards"></div>
<p id="failures"></p>
<ul id="thresholds" class="thresholds"></ul>
<div id="charts"></div>
<details><summary>Summary JSON (as <code>a2psim run --format json</code>)</summary><pre id="summary-json"></pre></details>
</section>
</div>
</main>
<script id="pg-data" type="application/json">${jsonForScript(input)}</script>
<script id="pg-worker" type="text/plain">${inlineScript(assets.workerJs)}</script>
<script>${inlineScript(assets.pageJs)}</script>
</body>
</html>
`;
}
