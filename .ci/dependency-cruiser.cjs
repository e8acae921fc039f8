/**
 * Layer boundaries of a2psim (STYLE.md): rules < scenario < stages/traffic < engine <
 * report < check < cli < api (the library entry). A module may import its own layer or a lower one, never a higher
 * one, and no import cycle is allowed. Run by `npm run lint:deps` (and .ci/run); test/lint/layers.test.ts shows it failing.
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
