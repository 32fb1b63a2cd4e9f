import { defineConfig } from 'vitest/config';

// CI asks for a JSON report (see .ci/run) so it can print its own one-line summary.
const jsonReport = process.env.ROADMAP_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
