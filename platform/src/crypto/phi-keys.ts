import { BlindIndex } from './blind-index.ts';
import type { KeyProvider } from './key-provider.ts';
import { LocalKeyFile } from './local-key-file.ts';

/** What a domain holding PHI needs to encrypt it and to index it blindly. */
export interface PhiKeys {
  keys: KeyProvider;
  blindIndex: BlindIndex;
}

/**
 * The default: the local key file (KEYS_FILE). To use a KMS, implement KeyProvider over it and
 * return it here with a blind-index key from your secret store (README, "Key management").
 */
export function phiKeysFrom(config: { keysFile: string }): PhiKeys {
  const file = new LocalKeyFile(config.keysFile);
  return { keys: file, blindIndex: new BlindIndex(file.blindIndexKey) };
}
