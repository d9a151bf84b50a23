// `pnpm bench [--quick] [--keep-database]`: the benchmark harness of issue 7 (see bench/README.md).
// The platform's logger reads LOG_LEVEL when it is first imported: one line per request would flood
// the terminal and cost the servers time the table would blame on them, so it is set before.
process.env.LOG_LEVEL ??= 'warn';
await import('./main.ts');
