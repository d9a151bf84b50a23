export * from './cache-policy-header.ts';
export * from './config.ts';
export * from './http-post.ts';
export * from './operation-kind.ts';
export * from './readiness.ts';
export * from './retry.ts';
