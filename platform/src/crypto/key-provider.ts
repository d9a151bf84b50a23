/** A data key wrapped (encrypted) by a key-encryption key; stored beside the data it protects. */
export interface WrappedKey {
  /** Which key-encryption key: a key file, or a KMS key ARN / resource name / Vault key name. */
  kekId: string;
  kekVersion: number;
  ciphertext: string;
}

/**
 * Where key-encryption keys live. The application never holds a KEK in its database: it asks the
 * provider to wrap and unwrap data keys. The local key file implements this; AWS KMS (Encrypt /
 * Decrypt), GCP KMS (encrypt / decrypt with a CryptoKeyVersion) and Vault Transit
 * (transit/encrypt, transit/decrypt, transit/rotate) fit the same three calls.
 */
export interface KeyProvider {
  /** Wraps with the current KEK version. `context` is bound to the result (encryption context / AAD). */
  wrap(dataKey: Buffer, context: string): Promise<WrappedKey>;
  /** Unwraps with whichever version wrapped it; old versions stay usable after a rotation. */
  unwrap(wrapped: WrappedKey, context: string): Promise<Buffer>;
  currentVersion(): Promise<number>;
}
