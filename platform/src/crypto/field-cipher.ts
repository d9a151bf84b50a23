import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const PREFIX = 'v1';

/**
 * AES-256-GCM for one field. The associated data binds a ciphertext to its row and column, so a
 * ciphertext copied into another patient's row or another field does not decrypt.
 * Format: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export function encryptField(key: Buffer, plaintext: string, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [PREFIX, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

export function decryptField(key: Buffer, token: string, associatedData: string): string {
  const [prefix, iv, tag, ciphertext] = token.split('.');
  if (prefix !== PREFIX || !iv || !tag || ciphertext === undefined) throw new Error('not a caregraph field ciphertext');
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
