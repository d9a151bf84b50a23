export * from './plan.ts';
export * from './vitals.ts';
