import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const SEALED = 'aes256gcm:';
const PLAIN = 'plain:';

/** The key's length: AES-256. */
export const SECRET_KEY_BYTES = 32;

/** A signing secret that cannot be opened: sealed with another key, or sealed while no key is configured. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/**
 * How signing secrets are kept in PostgreSQL. With a key (WEBHOOKS_SECRET_KEY), AES-256-GCM
 * (`aes256gcm:` + base64 of IV, tag and ciphertext), so that a copy of the database alone does not
 * let anyone sign as us; without one, as they are (`plain:`), which the API and worker warn about.
 */
export class SecretBox {
  constructor(private readonly key: Buffer | null) {
    if (key && key.length !== SECRET_KEY_BYTES) throw new SecretBoxError(`the webhook secret key must be ${SECRET_KEY_BYTES} bytes`);
  }

  get encrypts(): boolean {
    return this.key !== null;
  }

  seal(secret: string): string {
    if (!this.key) return `${PLAIN}${secret}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${SEALED}${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
  }

  open(stored: string): string {
    if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
    if (!stored.startsWith(SEALED)) throw new SecretBoxError('the stored webhook secret has an unknown form');
    if (!this.key) throw new SecretBoxError('the webhook secret is encrypted but no WEBHOOKS_SECRET_KEY is configured');
    const raw = Buffer.from(stored.slice(SEALED.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('the webhook secret does not open with the configured WEBHOOKS_SECRET_KEY');
    }
  }
}
