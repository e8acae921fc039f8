// docs/solve-and-sweep.md (the README's "What do I need?" before): every `$ node bin/a2psim.js ...`
// block is run and must print exactly what the page shows; the pool example is a valid scenario.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

// The README's example output is whole, as a terminal wider than its lines prints it.
beforeAll(() => vi.stubEnv('COLUMNS', '250'));
afterAll(() => vi.unstubAllEnvs());
import { parseScenario } from '../../src/scenario/load.js';

const section = readFileSync('docs/solve-and-sweep.md', 'utf8');

/** Splits a shell command line on spaces, honouring single quotes. */
function argv(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

const examples = [...section.matchAll(/```\n\$ node bin\/a2psim\.js ([^\n]+)\n([\s\S]*?)```/g)].map((m) => ({ args: argv(m[1]), shown: m[2] }));

describe('docs/solve-and-sweep.md: What do I need?', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(0));

  it.each(examples.map((e) => [e.args.join(' '), e] as const))('%s prints what the page shows', async (_, e) => {
    let out = '';
    await main(['node', 'a2psim', ...e.args], { stdout: (s) => (out += s), stderr: () => {} });
    // CSV lines end in CRLF (RFC 4180); a terminal shows them as plain lines.
    expect(out.replace(/\r\n/g, '\n')).toBe(e.shown);
  });

  const yamlBlocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('the pool example is a valid scenario with four numbers', () => {
    const sc = parseScenario(yamlBlocks.find((b) => b.includes('count: 4'))!, 'README.md');
    expect(sc.numbers.map((n) => n.number)).toEqual(['+18005550100', '+18005550101', '+18005550102', '+18005550103']);
  });

  it('the pricing example is the pricing of test/fixtures/solve/priced-otp.yaml and loads', () => {
    const block = yamlBlocks.find((b) => b.startsWith('pricing:'))!;
    const fixture = readFileSync('test/fixtures/solve/priced-otp.yaml', 'utf8');
    const withReadme = fixture.slice(0, fixture.indexOf('pricing:')) + block;
    expect(parseScenario(withReadme, 'README.md').pricing).toEqual(parseScenario(fixture, 'priced-otp.yaml').pricing);
  });
});
