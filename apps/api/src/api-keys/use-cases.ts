import { ApiKeyNameTakenError, createApiKey, listApiKeys, revokeApiKey, type ApiKeyRecord } from '@gotrs/db';
import type { Pool } from 'pg';
import { apiKeyNameProblem, generateApiKey } from '../auth/api-key';
import { ApiError } from '../errors/api-error';
import { guardedRead } from '../errors/database-guard';
import { invalidField } from '../errors/validation';
import type { CreateApiKeyInput } from '../schemas/api-key';

/** Scopes that are granted on purpose by an operator (`npm run api-key`), never over HTTP. */
const CLI_ONLY_SCOPES = ['actor:impersonate'];

/**
 * API key management over HTTP (`api-keys.manage`: Admins and `admin` keys), as `npm run api-key`
 * does it: the key is made here, answered once and only its hash stored. `create` is 409
 * `api_key_name_taken` when an active key has the name, 403 for a scope only an operator grants;
 * `revoke` (by ID, or the active key by name) takes effect at once (keys are not cached), and
 * revoking it again keeps the first time.
 */
export function createApiKeyUseCases(pool: Pool) {
  return {
    list: (includeRevoked: boolean): Promise<ApiKeyRecord[]> => guardedRead(() => listApiKeys(pool, { includeRevoked })),
    async create(input: CreateApiKeyInput): Promise<{ key: string; apiKey: ApiKeyRecord }> {
      const problem = apiKeyNameProblem(input.name);
      if (problem) throw invalidField('body.name', problem);
      const withheld = input.scopes.filter((scope) => CLI_ONLY_SCOPES.includes(scope));
      if (withheld.length) {
        throw new ApiError('forbidden', `the scope ${withheld.join(', ')} is granted with npm run api-key only (by an operator), not over HTTP`);
      }
      const generated = generateApiKey();
      try {
        const apiKey = await guardedRead(() =>
          createApiKey(pool, { name: input.name, scopes: input.scopes, secretHash: generated.secretHash, hint: generated.hint }),
        );
        return { key: generated.key, apiKey };
      } catch (error) {
        if (error instanceof ApiKeyNameTakenError)
          throw new ApiError('api_key_name_taken', error.message, [{ field: 'body.name', message: 'is taken by an active key' }]);
        throw error;
      }
    },
    async revoke(idOrName: string): Promise<ApiKeyRecord> {
      const record = await guardedRead(() => revokeApiKey(pool, idOrName));
      if (!record) throw new ApiError('api_key_not_found', `no API key with id "${idOrName}", and no active key of that name`);
      return record;
    },
  };
}

export type ApiKeyUseCases = ReturnType<typeof createApiKeyUseCases>;
