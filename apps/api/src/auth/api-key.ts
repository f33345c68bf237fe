import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys look like `gotrs_` followed by 43 characters (32 random bytes, base64url): recognisable in
 * logs and by secret scanners, and never a JWT (no dots). Only their SHA-256 is stored; a key of 256
 * random bits needs no slow hash.
 */
export const API_KEY_PREFIX = 'gotrs_';
const SECRET_BYTES = 32;
const KEY_SHAPE = /^gotrs_[A-Za-z0-9_-]{43}$/;
const NAME_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A freshly made key: `key` is shown once; `secretHash` and `hint` are what is stored. */
export interface GeneratedApiKey {
  key: string;
  secretHash: Buffer;
  hint: string;
}

/** The stored hash of a key. */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** The last four characters, to tell keys apart in listings. */
export function apiKeyHint(key: string): string {
  return key.slice(-4);
}

export function generateApiKey(): GeneratedApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { key, secretHash: hashApiKey(key), hint: apiKeyHint(key) };
}

/** Whether a bearer token is meant as an API key (then it is checked as one, never as a JWT). */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** Whether a token has the exact shape of an API key. */
export function isWellFormedApiKey(token: string): boolean {
  return KEY_SHAPE.test(token);
}

/**
 * A key's name: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not shaped
 * like a key ID (a UUID), so that `revoke NAME-or-ID` is never ambiguous. Null when valid, else why not.
 */
export function apiKeyNameProblem(name: string): string | null {
  if (!NAME_SHAPE.test(name)) return 'a name is 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit';
  if (UUID_SHAPE.test(name)) return 'a name cannot look like a key ID (a UUID)';
  return null;
}
