export * from './authenticate.ts';
export * from './graphql-handler.ts';
export * from './http-error.ts';
export * from './listen.ts';
export * from './request-id.ts';
export * from './security-headers.ts';
export * from './media-type.ts';
