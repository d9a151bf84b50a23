export * from './blind-index.ts';
export * from './field-cipher.ts';
export * from './key-provider.ts';
export * from './local-key-file.ts';
export * from './phi-keys.ts';
