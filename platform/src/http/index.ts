export * from './graphql-handler.ts';
export * from './listen.ts';
export * from './request-id.ts';
