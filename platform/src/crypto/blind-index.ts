import { createHmac } from 'node:crypto';

/**
 * A keyed blind index: HMAC-SHA-256 of a normalized value, so an exact-match lookup (MRN, e-mail)
 * runs on an index without a plain-text column and without decrypting every row. The key is not
 * the encryption key; without it the index cannot be brute-forced from a list of likely values.
 */
export class BlindIndex {
  constructor(private readonly key: Buffer) {}

  of(purpose: 'mrn' | 'email', value: string): string {
    // NFC as the stored values are (checkText), so a lookup typed on another keyboard still matches.
    const text = value.normalize('NFC').trim();
    const normalized = purpose === 'email' ? text.toLowerCase() : text.toUpperCase();
    return createHmac('sha256', this.key).update(`${purpose}:${normalized}`).digest('base64url');
  }
}
