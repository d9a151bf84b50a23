export * from './entity-lookup.ts';
export * from './local-executor.ts';
export * from './transport.ts';
export * from './care-team-panel.ts';
