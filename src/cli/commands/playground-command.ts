/**
 * `a2psim playground [SCENARIO] [--out FILE.html] [--serve [PORT]]`: writes the playground
 * page for a scenario (the bundled default one without an argument), or serves it on
 * 127.0.0.1. The scenario is loaded with the CLI's loader first, so a bad one is refused
 * here with the same one-line message the page would show.
 */
import { createServer, type Server } from 'node:http';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { loadScenarioFile } from '../../scenario/load.js';
import { playgroundAssets } from '../../playground/playground-assets.js';
import { renderPlaygroundPage } from '../../playground/playground-page.js';
import { UsageError } from '../cli-errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { replayInputs } from '../io/inputs.js';
import { parseNumberOption } from '../options/number-option.js';
import { OutputGuard } from '../io/output-guard.js';
import type { CliIo } from '../io/cli-io.js';
import { fitOut } from '../io/terminal.js';

export interface PlaygroundOptions {
  /** Output HTML file; default `playground.html` unless serving. */
  out?: string;
  /** `--serve` alone is `true` (default port); `--serve 8080` gives the port as text. */
  serve?: boolean | string;
}

/** The scenario the playground opens with when none is named. */
export const DEFAULT_SCENARIO = fileURLToPath(new URL('scenarios/default.yaml', PACKAGE_ROOT));
/** Port of `--serve` without a number. */
export const DEFAULT_PORT = 4173;

/** Parses `--serve [PORT]`: an integer from 0 (any free port) to 65535. */
export function parsePort(v: boolean | string | undefined): number | null {
  if (v === undefined || v === false) return null;
  if (v === true) return DEFAULT_PORT;
  return parseNumberOption('--serve', v, { integer: true, min: 0, max: 65_535, expected: 'a port from 0 to 65535' });
}

/**
 * The page for the scenario file `path`; `loaded` is told the scenario once it is checked
 * (before the page is built). @throws ScenarioError for a bad scenario
 */
export function playgroundHtml(path: string, loaded: (scenario: ReturnType<typeof loadScenarioFile>) => void = () => undefined): string {
  loaded(loadScenarioFile(path));
  return renderPlaygroundPage({ yaml: readFileSync(path, 'utf8'), file: basename(path) }, playgroundAssets());
}

/** Serves `html` at every path on 127.0.0.1:`port`; resolves with the server once listening. */
export function servePage(html: string, port: number): Promise<Server> {
  const body = Buffer.from(html, 'utf8');
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new UsageError(`--serve: cannot listen on 127.0.0.1:${port} (${e.code ?? e.message})`)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The `playground` command. Writes the page (atomically) or serves it; with `--serve` the
 * returned promise resolves once the server listens, and the process runs until stopped.
 */
export async function playgroundCommand(path: string | undefined, opts: PlaygroundOptions, io: CliIo): Promise<number> {
  const port = parsePort(opts.serve);
  const file = path ?? DEFAULT_SCENARIO;
  const out = opts.out ?? (port === null ? 'playground.html' : undefined);
  const guard = OutputGuard.declare('playground', [{ path: file, role: 'the scenario file' }], out === undefined ? [] : [{ option: '--out', path: out }]);
  // The page embeds only the scenario, but its replay files are the user's data all the same.
  const html = playgroundHtml(file, (scenario) => guard.addInputs(replayInputs(scenario)));
  if (out !== undefined) {
    guard.write(out, html);
    await guard.commit();
    guard.reportStream(io)(fitOut(io, `wrote ${out} (${Math.round(Buffer.byteLength(html) / 1024).toLocaleString('en-US')} KiB); open it in a browser`) + '\n');
  }
  if (port !== null) {
    const server = await servePage(html, port);
    const address = server.address();
    const actual = typeof address === 'object' && address !== null ? address.port : port;
    io.stdout(`playground at http://127.0.0.1:${actual}/ (Ctrl-C to stop)\n`);
  }
  return 0;
}
