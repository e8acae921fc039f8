// `a2psim rules --provider X --format json` (issue 21): every number of a profile with its
// source — url, date read and the sentence, or the assumption — as stable JSON.
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../src/rules/providers.js';
import { cli } from '../helpers/cli.js';

interface CiteJson {
  text: string;
  url: string | null;
  read: string | null;
  quote: string | null;
  assumption: string | null;
}

/** Every cite in a JSON value, with its path. */
function cites(v: unknown, path = '$', out: [string, CiteJson][] = []): [string, CiteJson][] {
  if (Array.isArray(v)) v.forEach((x, i) => cites(x, `${path}[${i}]`, out));
  else if (v !== null && typeof v === 'object') {
    if ('assumption' in v && 'url' in v) out.push([path, v as CiteJson]);
    else for (const [k, x] of Object.entries(v)) cites(x, `${path}.${k}`, out);
  }
  return out;
}

describe.each(PROVIDER_IDS)('a2psim rules --provider %s --format json', (id) => {
  it('is stable JSON naming the provider, each number with a full cite', async () => {
    const a = await cli('rules', '--provider', id, '--format', 'json');
    const b = await cli('rules', '--provider', id, '--format', 'json');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const doc = JSON.parse(a.out);
    expect(doc.format).toBe('a2psim-rules/2');
    expect(doc.id).toBe(id);
    // Every daily cap with its carrier, zone and failure code; the longest message.
    expect(doc.caps.length).toBeGreaterThan(0);
    for (const cap of doc.caps) expect(cap).toMatchObject({ carrier: expect.any(String), zone: expect.any(String), code: expect.any(String) });
    expect(doc.maxLength).toMatchObject({ gsm7Chars: expect.any(Number), ucs2Chars: expect.any(Number), units: expect.any(Number) });
    expect(typeof doc.account.sms.count).toBe('number');
    expect(doc.numbers.length).toBeGreaterThan(0);
    const all = cites(doc);
    expect(all.length).toBeGreaterThan(10);
    for (const [path, c] of all) {
      expect(Object.keys(c), path).toEqual(['text', 'url', 'read', 'quote', 'assumption']);
      // A page's number has its URL and date read; any other is a flagged assumption.
      if (c.url !== null) expect(c.read, path).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(c.url !== null || c.assumption !== null || c.text.startsWith('Plivo FAQ'), path).toBe(true);
    }
  });
});

describe('rules --format', () => {
  it('Twilio JSON carries the sentence each re-read number rests on', async () => {
    const doc = JSON.parse((await cli('rules', '--provider', 'twilio', '--format', 'json')).out);
    expect(doc.account.mms).toMatchObject({ count: 50, per: 'second' });
    expect(doc.account.mms.cite.quote).toBe('Twilio Account (Parent Project and all Subaccounts) 50');
    expect(doc.mms10dlc).toMatchObject({ count: 1, per: 'second', perCarrier: false });
  });

  it('a format that is neither table nor json is a usage error (exit 2)', async () => {
    const r = await cli('rules', '--format', 'yaml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--format: expected table or json, got "yaml"/);
  });
});
