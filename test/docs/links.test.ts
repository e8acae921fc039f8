// Every relative link in README.md and docs/*.md resolves: the file exists and, with a
// #fragment, has that heading (the checks are in links.ts). A section moved from one page to
// another cannot leave a link to its old place behind.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anchors, brokenLinks, links, slug } from './links.js';

const DOCS = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('links in README.md and docs/', () => {
  it('every relative link names an existing file and heading', () => {
    expect(DOCS.flatMap((f) => links(readFileSync(f, 'utf8'))).length).toBeGreaterThan(50);
    expect(brokenLinks(DOCS)).toEqual([]);
  });

  it('every page of docs/ is linked from the README or docs/index.md', () => {
    const linked = new Set([...links(readFileSync('README.md', 'utf8')), ...links(readFileSync('docs/index.md', 'utf8')).map((l) => `docs/${l}`)].map((l) => l.split('#')[0]));
    expect(DOCS.filter((f) => f !== 'README.md' && !linked.has(f))).toEqual([]);
  });

  it("anchors are GitHub's: punctuation dropped, code kept, repeats numbered", () => {
    expect(slug('What do I need? solve and sweep')).toBe('what-do-i-need-solve-and-sweep');
    expect(slug('Measured (`npm run bench`)')).toBe('measured-npm-run-bench');
    expect(slug('Worker pool (issue 13): a sweep on 1 and on all cores')).toBe('worker-pool-issue-13-a-sweep-on-1-and-on-all-cores');
    expect([...anchors('# A\n## B\n```sh\n# not a heading\n```\n## B\n')]).toEqual(['a', 'b', 'b-1']);
  });

  it('a missing file, a missing heading and a stale anchor to a moved section fail', () => {
    const pages: Record<string, string> = {
      'README.md': 'See [rules](docs/rules.md), [the table](docs/rules.md#no-such-heading), [gone](docs/gone.md) and [moved](#use-in-ci).\n`[code](docs/gone.md)` and\n```\n[fenced](docs/gone.md)\n```\n',
      'docs/rules.md': readFileSync('docs/rules.md', 'utf8'),
    };
    expect(brokenLinks(['README.md'], (f) => pages[f])).toEqual([
      'README.md: docs/rules.md#no-such-heading: no heading #no-such-heading in docs/rules.md',
      'README.md: docs/gone.md: no file docs/gone.md',
      'README.md: #use-in-ci: no heading #use-in-ci in README.md',
    ]);
  });
});
