export * from './errors.ts';
export * from './scalars.ts';
export * from './pagination.ts';
export * from './ids.ts';
export * from './validate.ts';
export * from './quantity.ts';
export * from './standard-sdl.ts';
export * from './time-buckets.ts';
