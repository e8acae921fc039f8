/**
 * Layer boundaries of a2psim (STYLE.md): rules < scenario < stages/traffic < engine <
 * report < check < cli < api (the library entry). A module may import its own layer or a lower one, never a higher
 * one, and no import cycle is allowed; inside cli/ its folders import one way too (CLI_FOLDERS). Run by
 * `npm run lint:deps` (and .ci/run); test/lint/layers.test.ts shows each rule failing.
 */
const LAYERS = [
  ['rules'],
  ['scenario'],
  ['stages', 'traffic'],
  ['engine'],
  ['report'],
  ['check'],
  ['cli', 'playground'],
  ['api'],
];

/** Folders of every layer above the i-th, as one path alternation. */
const above = (i) => `^src/(${LAYERS.slice(i + 1).flat().join('|')})/`;

/**
 * Inside cli/, the same one-way order between its folders (the root's cli-errors.ts and
 * package-root.ts sit under all of them): each folder lists what it may not import. The
 * commands sit on the shared pieces; main.ts wires the commands; start/ loads main.
 */
const CLI_FOLDERS = [
  ['options', 'shared option definitions and their parsers', ['io', 'csv-thread', 'run', 'parallel', 'commands', 'start', 'main']],
  ['io', 'streams, output files, paths, stop signals', ['options', 'csv-thread', 'run', 'parallel', 'commands', 'start', 'main']],
  ['csv-thread', 'the message-CSV writer thread', ['options', 'run', 'parallel', 'commands', 'start', 'main']],
  ['run', 'one simulation on this thread and the files it writes', ['parallel', 'commands', 'start', 'main']],
  ['parallel', 'the worker pool, its jobs and shards', ['run', 'csv-thread', 'commands', 'start', 'main']],
  ['commands', 'one file per command (and its parts)', ['start', 'main']],
  ['start', 'start-up: turns on the compile cache and loads the bundled CLI', ['options', 'io', 'csv-thread', 'run', 'parallel', 'commands']],
];

/** cli/ paths of the named folders (`main` is cli/main.ts). */
const cliPaths = (names) => `^src/cli/(${names.map((n) => (n === 'main' ? 'main[.]ts$' : `${n}/`)).join('|')})`;

module.exports = {
  forbidden: [
    ...LAYERS.slice(0, -1).map((folders, i) => ({
      name: `no-upward-from-${folders.join('-')}`,
      comment: `${folders.join('/')} sits below ${LAYERS.slice(i + 1).flat().join(', ')}: it may not import them`,
      severity: 'error',
      from: { path: `^src/(${folders.join('|')})/` },
      to: { path: above(i) },
    })),
    {
      name: 'nothing-below-imports-cli',
      comment: 'the engine, the stages, the report and the checks are used by the CLI, never the other way',
      severity: 'error',
      from: { path: '^src/(rules|scenario|stages|traffic|engine|report|check)/' },
      to: { path: '^src/cli/' },
    },
    ...CLI_FOLDERS.map(([folder, what, not]) => ({
      name: `cli-${folder}-imports-down`,
      comment: `cli/${folder}/ (${what}) may not import cli/ ${not.join(', ')}`,
      severity: 'error',
      from: { path: `^src/cli/${folder}/` },
      to: { path: cliPaths(not) },
    })),
    {
      name: 'cli-root-imports-nothing-of-cli',
      comment: "cli/'s root modules (cli-errors.ts, package-root.ts) sit under every cli folder; only main.ts sits above",
      severity: 'error',
      from: { path: '^src/cli/[^/]+[.]ts$', pathNot: '^src/cli/main[.]ts$' },
      to: { path: '^src/cli/.+/' },
    },
    {
      name: 'message-csv-apart-from-html',
      comment: 'report/message-csv/ (the message CSV) shares nothing with the HTML report',
      severity: 'error',
      from: { path: '^src/report/message-csv/' },
      to: { path: '^src/report/html/' },
    },
    {
      name: 'stages-traffic-apart',
      comment: 'stages and traffic share a layer but do not depend on each other',
      severity: 'error',
      from: { path: '^src/(stages|traffic)/' },
      to: { path: '^src/(stages|traffic)/', pathNot: '^src/$1/' },
    },
    {
      name: 'engine-reads-no-rulebook',
      comment: 'the engine and stages see rules only as merged into the scenario at load; they may use the shared words (vocabulary, failure codes)',
      severity: 'error',
      from: { path: '^src/(engine|stages)/' },
      to: { path: '^src/rules/', pathNot: '^src/rules/(codes|vocabulary)[.]ts$' },
    },
    {
      name: 'no-circular',
      comment: 'import cycles hide which module is the lower one',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
