import { describe, expect, it } from 'vitest';
import { editDistance, suggestKey } from '../../src/scenario/suggest.js';

describe('suggestKey', () => {
  const keys = ['name', 'from', 'type', 'to_country', 'arrival', 'text', 'units', 'expiry', 'log', 'start', 'end', 'recipients'];
  it.each([
    ['expirey', 'expiry'],
    ['exipry', 'expiry'],
    ['arival', 'arrival'],
    ['recipient', 'recipients'],
    ['to_countr', 'to_country'],
    ['Expiry', 'expiry'],
    ['zzzzzz', undefined],
    ['to_c', 'to_country'],
  ])('%s → %s', (key, hint) => {
    expect(suggestKey(key, keys)).toBe(hint);
  });
  it('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
