export * from './prepare-database.ts';
export * from './run-subgraph.ts';
export * from './subgraph-server.ts';
export * from './run-main.ts';
export * from './ready-signal.ts';
export * from './production-safety.ts';
export * from './command-database.ts';
