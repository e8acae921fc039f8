/** `npm run test:slow`: the long checks of test/slow/, with the settings of vitest.config.ts. */
import { defineConfig } from 'vitest/config';
import { shared } from './vitest.config.js';

export default defineConfig({
  test: {
    ...shared,
    include: ['test/slow/**/*.test.ts'],
  },
});
