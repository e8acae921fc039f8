// What test/docs/links.test.ts checks: every relative link of the README and docs/ names a
// file that exists, and, with a #fragment, a heading of that file (GitHub's anchors).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** The text outside fenced blocks and inline code, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor of a Markdown text, a repeated heading's as GitHub numbers them (`x`, `x-1`, ...). */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every relative link (and image) of the Markdown file `file`, as written. */
export function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]).filter((t) => !/^[a-z][\w+.-]*:/i.test(t));
}

/**
 * The broken relative links of Markdown files, one line each (`FILE: TARGET: reason`).
 * `read` gives a file's text (the disk by default), so a test can check a changed copy.
 */
export function brokenLinks(files: readonly string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const problems: string[] = [];
  for (const file of files) {
    for (const target of links(read(file))) {
      const [path, fragment] = target.split('#', 2) as [string, string | undefined];
      const resolved = path === '' ? file : normalize(join(dirname(file), decodeURIComponent(path)));
      if (path !== '' && !existsSync(resolved)) {
        problems.push(`${file}: ${target}: no file ${resolved}`);
        continue;
      }
      if (fragment === undefined) continue;
      if (!resolved.endsWith('.md')) {
        problems.push(`${file}: ${target}: a fragment of a file that is not Markdown`);
      } else if (!anchors(read(resolved)).has(fragment)) {
        problems.push(`${file}: ${target}: no heading #${fragment} in ${resolved}`);
      }
    }
  }
  return problems;
}
