export * from './claims.ts';
export * from './dev-issuer.ts';
export * from './roles.ts';
export * from './router-proof.ts';
export * from './verifier.ts';
export * from './dev-token.ts';
export * from './client-certificate.ts';
