// `pnpm bench [--quick] [--keep-database]`: the benchmark harness of issue 7 (see bench/README.md).
// Both are read when the modules load, so they are set before:
// - LOG_LEVEL: the platform's logger; one line per request would flood the terminal and cost the
//   servers time the table would blame on them.
// - NODE_ENV: the platform measured as it is deployed. graphql-js checks every type test twice
//   outside production (about 5% of the CPU of W4 in a profile), and introspection is off there.
process.env.LOG_LEVEL ??= 'warn';
process.env.NODE_ENV ??= 'production';
await import('./main.ts');
