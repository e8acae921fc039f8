// docs/development.md's "Source map" cannot go stale: every folder of src/ that holds
// TypeScript has its line, every path the map names exists, and the layer order it states
// is the one `npm run lint:deps` enforces (.ci/dependency-cruiser.cjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const page = readFileSync('docs/development.md', 'utf8');

/** The "## Source map" section of a page. */
function mapSection(text: string): string {
  const from = text.indexOf('\n## Source map\n');
  expect(from, 'docs/development.md has a "## Source map" section').toBeGreaterThan(0);
  const end = text.indexOf('\n## ', from + 1);
  return text.slice(from, end < 0 ? undefined : end);
}

/** The paths the map names: the first word of each line of its fenced block. */
function mapped(section: string): string[] {
  const block = /^```\n([\s\S]*?)^```/m.exec(section)?.[1] ?? '';
  return block.split('\n').filter((l) => l.trim() !== '').map((l) => l.split(/\s+/)[0]);
}

/** Every folder under `root` (itself included) that holds a .ts file, as `root/a/b/`. */
function tsFolders(root: string): string[] {
  const entries = readdirSync(root, { withFileTypes: true });
  const here = entries.some((e) => e.isFile() && e.name.endsWith('.ts')) ? [`${root}/`] : [];
  return [...here, ...entries.filter((e) => e.isDirectory()).flatMap((e) => tsFolders(join(root, e.name)))];
}

/** What is wrong with a map: folders it leaves out, paths that do not exist. */
function problems(paths: readonly string[], folders: readonly string[]): string[] {
  return [
    ...folders.filter((f) => !paths.includes(f)).map((f) => `${f} is not in the map`),
    ...paths.filter((p) => !existsSync(p)).map((p) => `${p} does not exist`),
  ];
}

describe('docs/development.md: Source map', () => {
  const section = mapSection(page);
  const folders = tsFolders('src').filter((f) => f !== 'src/');

  it('names every folder of src/ that holds TypeScript, and only paths that exist', () => {
    expect(folders.length).toBeGreaterThan(10);
    expect(folders).toContain('src/playground/web/shims/');
    expect(problems(mapped(section), folders)).toEqual([]);
  });

  it('a folder left out, or one that no longer exists, fails', () => {
    const paths = mapped(section).filter((p) => p !== 'src/stages/');
    expect(problems([...paths, 'src/gone/'], folders)).toEqual(['src/stages/ is not in the map', 'src/gone/ does not exist']);
  });

  it('states the layer order of .ci/dependency-cruiser.cjs', () => {
    // One "no-upward-from-…" rule per layer but the top one, bottom first; the last rule's
    // target is the top layer.
    const config = createRequire(import.meta.url)('../../.ci/dependency-cruiser.cjs') as { forbidden: { name: string; from: { path?: string }; to: { path?: string } }[] };
    const upward = config.forbidden.filter((r) => r.name.startsWith('no-upward-from-'));
    const folders = (path = '') => /^\^src\/\(([\w|]+)\)\/$/.exec(path)?.[1].split('|') ?? [`? ${path}`];
    const layers = [...upward.map((r) => folders(r.from.path)), folders(upward.at(-1)?.to.path)];
    expect(layers.length).toBeGreaterThan(5);
    expect(section).toContain(`\n${layers.map((l) => l.join('/')).join(' < ')}\n`);
  });
});
