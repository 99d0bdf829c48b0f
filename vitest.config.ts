import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

/**
 * One copy of graphql: vite would resolve `graphql` in our sources to its ESM build while
 * Apollo, type-graphql and graphql-query-complexity (loaded by Node) get the CommonJS one,
 * and graphql's `instanceof` checks then fail across the two. Point both at the file Node loads.
 */
const graphqlMain = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlMain }] },
  test: {
    env: { DOTENV_CONFIG_QUIET: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['**/*.int.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
