// `npm run test:slow`: engine = reference on 3,000 random small scenarios (npm test runs
// 150 of them, test/engine/equivalence.test.ts). About 2 million messages, a minute or so.
import { describe, it } from 'vitest';
import { checkRandomScenarios } from '../helpers/equivalence.js';

describe('engine = reference on many random small scenarios', () => {
  it('agrees message by message (dispatch time, status, code)', () => {
    checkRandomScenarios(3000, 2026, 2000);
  }, 600_000);
});
