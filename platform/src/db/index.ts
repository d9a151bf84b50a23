export * from './database.ts';
export * from './migrate.ts';
export * from './errors.ts';
export * from './array-params.ts';
export * from './data-dir-lock.ts';
