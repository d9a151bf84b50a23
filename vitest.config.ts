import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// Workspace packages export their build (dist/) by default; tests run the TypeScript sources, in
// this process (Vite's resolver) and in every process a test starts (NODE_OPTIONS is inherited).
const SOURCE_CONDITION = '@caregraph/source';
const serverConditions = [SOURCE_CONDITION, 'node', 'development|production']; // vitest's defaults after ours
const nodeOptions = [process.env.NODE_OPTIONS, `--conditions=${SOURCE_CONDITION}`].filter(Boolean).join(' ');

export default defineConfig({
  resolve: {
    conditions: serverConditions,
    // One graphql module for every package, else "Cannot use GraphQLSchema from another module or
    // realm": Node loads graphql's CommonJS build for the Apollo packages, so our code must use it too.
    alias: { graphql: require.resolve('graphql') },
  },
  ssr: { resolve: { conditions: serverConditions } },
  test: {
    include: ['**/*.test.ts'],
    // `*.pg-server.test.ts` test the wire protocol to a PostgreSQL server (e.g. sslmode=require);
    // embedded PGlite has none, so they run when TEST_DATABASE_URL/DATABASE_URL names a server.
    // `*.redis.test.ts` need a Redis server (router replicas sharing counters): they run when
    // TEST_REDIS_URL names one, as CI does; a new machine with only Node.js has none.
    exclude: [
      '**/node_modules/**',
      ...(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL ? [] : ['**/*.pg-server.test.ts']),
      ...(process.env.TEST_REDIS_URL ? [] : ['**/*.redis.test.ts']),
    ],
    pool: 'forks',
    // Two cores: more workers only queue PGlite start-ups and child processes behind each other.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 260_000, // hooks that start platform processes: see PROCESS_START_ALLOWANCE_MS
    globalSetup: ['test/support/global-setup.ts'],
    // One log line per request would bury the test report; warnings and errors still show.
    env: { LOG_LEVEL: 'warn', NODE_OPTIONS: nodeOptions },
  },
});
