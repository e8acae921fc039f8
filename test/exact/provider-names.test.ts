/**
 * Issue 27 N20: provider names match by one rule (`providerId`: any case, spaces around
 * ignored) in the scenario (`provider: Twilio`) and on the command line (`--provider
 * TELNYX`); an unknown name is refused the same way in both places.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { providerId } from '../../src/rules/providers.js';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-provider-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BASE = readFileSync('scenarios/default.yaml', 'utf8');

describe('provider names: one rule in the scenario and on the command line', () => {
  it.each([['twilio', 'twilio'], ['Twilio', 'twilio'], ['TELNYX', 'telnyx'], [' plivo ', 'plivo'], ['sinch', undefined], ['', undefined], ['twilio2', undefined]])(
    'providerId(%j) is %s',
    (name, id) => expect(providerId(name)).toBe(id),
  );

  it.each([['Twilio'], ['TELNYX'], ['Plivo']])('provider: %s in the file runs as the same name given to --provider', async (name) => {
    const f = join(dir, `${name}.yaml`);
    writeFileSync(f, BASE.replace('seed: 1\n', `seed: 1\nprovider: ${name}\n`));
    const inFile = await cli('run', f, '--format', 'json', '-q');
    const onLine = await cli('run', 'scenarios/default.yaml', '--provider', name, '--format', 'json', '-q');
    expect(inFile.err).toBe('');
    expect(inFile.code).toBe(0);
    expect(JSON.parse(inFile.out).provider).toBe(name.toLowerCase());
    expect(inFile.out).toBe(onLine.out);
    const set = await cli('run', 'scenarios/default.yaml', '--set', `provider=${name}`, '--format', 'json', '-q');
    expect(set.out).toBe(onLine.out);
  });

  it('an unknown name: the same words in both places', async () => {
    const f = join(dir, 'sinch.yaml');
    writeFileSync(f, BASE.replace('seed: 1\n', 'seed: 1\nprovider: Sinch\n'));
    expect((await cli('run', f)).err).toMatch(/^a2psim: .*sinch\.yaml:\d+:\d+ provider: expected one of plivo, telnyx, twilio, bandwidth, aws, got "Sinch"\n$/);
    expect((await cli('run', 'scenarios/default.yaml', '--provider', 'Sinch')).err).toBe('a2psim: --provider: expected one of plivo, telnyx, twilio, bandwidth, aws, got "Sinch"\n');
  });
});
