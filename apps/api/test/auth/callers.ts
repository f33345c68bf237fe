import type { ApiKeyCaller, Role, UserCaller } from '../../src/auth/caller';
import type { Scope } from '../../src/auth/scopes';

/** A person from a GOTRS token. */
export function user(role: Role, email = `${role.toLowerCase()}@example.com`, id = '7'): UserCaller {
  return { kind: 'user', id, email, role, tenantId: null, method: 'gotrs-token', issuer: 'gotrs', subject: email };
}

/** A script with an API key. */
export function apiKey(scopes: Scope[], name = 'ci-bot'): ApiKeyCaller {
  return { kind: 'api-key', id: '00000000-0000-4000-8000-000000000001', name, scopes, method: 'api-key' };
}
