import { randomBytes } from 'node:crypto';
import { SecretBox } from '../src/secret-box';

describe('SecretBox', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

  it('seals with AES-256-GCM when it has a key: the stored form does not hold the secret, and opens to it', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal(secret);
    expect([sealed.startsWith('aes256gcm:'), sealed.includes(secret.slice(6)), box.open(sealed)]).toEqual([true, false, secret]);
  });

  it('refuses to open with another key, or without one, and refuses a tampered seal', () => {
    const sealed = new SecretBox(randomBytes(32)).seal(secret);
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow('does not open');
    expect(() => new SecretBox(null).open(sealed)).toThrow('no WEBHOOKS_SECRET_KEY');
    const box = new SecretBox(randomBytes(32));
    const tampered = box.seal(secret).slice(0, -4) + 'AAA=';
    expect(() => box.open(tampered)).toThrow('does not open');
  });

  it('keeps the secret as it is without a key, and still opens it once a key is configured', () => {
    const plain = new SecretBox(null).seal(secret);
    expect([plain, new SecretBox(randomBytes(32)).open(plain)]).toEqual([`plain:${secret}`, secret]);
  });
});
