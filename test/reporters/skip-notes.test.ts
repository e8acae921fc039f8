// The skip-notes reporter's text, and docs/development.md's quote of it for a missing Chromium.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING } from '../helpers/chromium.js';
import { skipNotesText } from './skip-notes.js';

describe('skip notes at the end of the test summary', () => {
  const three = ['light', 'dark', 'empty'].map((n) => ({ name: `test/report/html-browser.test.ts > ${n}`, note: CHROMIUM_MISSING }));

  it('groups skipped tests under their reason, and prints nothing when none has one', () => {
    const text = skipNotesText([...three, { name: 'a > b', note: 'no script' }]);
    expect(text).toBe(`\n SKIPPED 3 tests: ${CHROMIUM_MISSING}\n${three.map((t) => `   ↓ ${t.name}\n`).join('')}\n SKIPPED 1 test: no script\n   ↓ a > b\n`);
    expect(skipNotesText([])).toBe('');
  });

  it('is quoted in docs/development.md', () => {
    const first = skipNotesText(three).split('\n')[1];
    expect(readFileSync('docs/development.md', 'utf8')).toContain(`\`\`\`\n${first}\n\`\`\``);
  });
});
