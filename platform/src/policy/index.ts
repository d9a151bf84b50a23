export * from './reach.ts';
export * from './rules.ts';
export * from './shield.ts';
export { allow, and, or } from 'graphql-shield';
export * from './scope.ts';
export * from './refuse.ts';
