import { API_KEY_PREFIX, apiKeyNameProblem, generateApiKey, hashApiKey, isWellFormedApiKey, looksLikeApiKey } from '../../src/auth/api-key';

describe('API keys', () => {
  it('are the prefix and 43 base64url characters (256 random bits), never a JWT', () => {
    const { key, secretHash, hint } = generateApiKey();
    expect(key).toMatch(/^gotrs_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(API_KEY_PREFIX) && looksLikeApiKey(key) && isWellFormedApiKey(key)).toBe(true);
    expect(key).not.toContain('.');
    expect(secretHash).toEqual(hashApiKey(key));
    expect(secretHash).toHaveLength(32);
    expect(hint).toBe(key.slice(-4));
  });

  it('differ every time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey().key));
    expect(keys.size).toBe(50);
  });

  it('hash differently when one character changes', () => {
    const { key } = generateApiKey();
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect(hashApiKey(tampered).equals(hashApiKey(key))).toBe(false);
  });

  it('are malformed when cut short, lengthened or holding other characters', () => {
    const { key } = generateApiKey();
    for (const token of [key.slice(0, -1), `${key}A`, `${key.slice(0, -1)}=`, 'gotrs_']) expect(isWellFormedApiKey(token)).toBe(false);
  });

  it('have names of letters, digits, ".", "_" and "-", not shaped like an ID', () => {
    for (const name of ['ci', 'ci-bot', 'gotrs.prod_1', 'A'.repeat(64)]) expect(apiKeyNameProblem(name)).toBeNull();
    for (const name of ['', '-ci', 'ci bot', 'ci/bot', 'A'.repeat(65), 'ci\u0000', '0b5e6f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b']) {
      expect(apiKeyNameProblem(name)).toEqual(expect.any(String));
    }
  });
});
