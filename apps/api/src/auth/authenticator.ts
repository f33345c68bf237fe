import type { ApiKeyRecord } from '@gotrs/db';
import { isWellFormedApiKey, hashApiKey, looksLikeApiKey } from './api-key';
import { invalidToken } from './auth-failure';
import { bearerToken } from './bearer';
import type { ApiKeyCaller, Caller } from './caller';
import { isScope } from './scopes';
import type { TokenVerifier } from './token-verifier';

/** Where API keys are looked up (packages/db's api-keys on the API's pool, in production). */
export interface ApiKeyDirectory {
  /** The active key with this hash, or null. */
  findByHash(secretHash: Buffer): Promise<ApiKeyRecord | null>;
  /** Records a use; called at most once per key and `lastUsedIntervalMs` (the store throttles too). */
  touch(id: string, at: Date): Promise<unknown>;
}

export interface AuthenticatorOptions {
  tokens: TokenVerifier;
  apiKeys: ApiKeyDirectory;
  lastUsedIntervalMs: number;
  /** Hears about a failed last-used write; the request goes on. */
  onTouchError?: (error: unknown) => void;
  now?: () => Date;
}

/** Turns an Authorization header into a Caller, or throws AuthFailure (401) / a 503 ApiError. */
export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Caller>;
}

function dueForTouch(record: ApiKeyRecord, now: Date, intervalMs: number): boolean {
  return record.lastUsedAt === null || now.getTime() - Date.parse(record.lastUsedAt) >= intervalMs;
}

/** Bearer tokens that start with the API key prefix are API keys; anything else must be a JWT. */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const now = options.now ?? (() => new Date());

  async function apiKeyCaller(token: string): Promise<ApiKeyCaller> {
    if (!isWellFormedApiKey(token)) throw invalidToken('the API key is malformed');
    const record = await options.apiKeys.findByHash(hashApiKey(token));
    if (!record) throw invalidToken('the API key is unknown or revoked');
    const at = now();
    if (dueForTouch(record, at, options.lastUsedIntervalMs)) {
      await options.apiKeys.touch(record.id, at).catch((error: unknown) => options.onTouchError?.(error));
    }
    return { kind: 'api-key', id: record.id, name: record.name, scopes: record.scopes.filter(isScope), method: 'api-key' };
  }

  return {
    async authenticate(authorization) {
      const token = bearerToken(authorization);
      return looksLikeApiKey(token) ? apiKeyCaller(token) : options.tokens.verify(token);
    },
  };
}
