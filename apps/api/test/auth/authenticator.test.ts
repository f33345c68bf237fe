import { createApiKey, createPool, findApiKeyByHash, revokeApiKey, touchApiKey } from '@gotrs/db';
import { createTestDatabase, type TestDatabase } from '@gotrs/devstack/testing';
import type { Pool } from 'pg';
import { generateApiKey, hashApiKey } from '../../src/auth/api-key';
import { createAuthenticator, type Authenticator } from '../../src/auth/authenticator';
import { createTokenVerifier } from '../../src/auth/token-verifier';
import { ApiError } from '../../src/errors/api-error';
import { authSettings, gotrsToken } from './tokens';

let database: TestDatabase;
let pool: Pool;
let clock = new Date('2030-01-01T00:00:00Z');
const touches: string[] = [];

function authenticator(): Authenticator {
  return createAuthenticator({
    tokens: createTokenVerifier(authSettings()),
    apiKeys: {
      findByHash: (hash) => findApiKeyByHash(pool, hash),
      touch: (id, at) => {
        touches.push(id);
        return touchApiKey(pool, id, at, 60_000);
      },
    },
    lastUsedIntervalMs: 60_000,
    now: () => clock,
  });
}

async function newKey(name: string, scopes: string[]) {
  const generated = generateApiKey();
  const record = await createApiKey(pool, { name, scopes, secretHash: generated.secretHash, hint: generated.hint });
  return { key: generated.key, record };
}

async function refusal(header: string): Promise<{ code: string; detail: string }> {
  const error = await authenticator().authenticate(header).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`not refused: ${String(error)}`);
  return { code: error.code, detail: error.detail };
}

beforeAll(async () => {
  database = await createTestDatabase('authenticator');
  pool = createPool({ url: database.url, poolSize: 2, connectTimeoutMs: 2000, statementTimeoutMs: 5000 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

describe('createAuthenticator', () => {
  it('turns a GOTRS token into its user', async () => {
    await expect(authenticator().authenticate(`Bearer ${await gotrsToken()}`)).resolves.toMatchObject({ kind: 'user', id: '42', role: 'Agent' });
  });

  it("turns an API key into its caller with the key's known scopes", async () => {
    const { key, record } = await newKey('ci', ['tickets:read', 'payroll:admin']);
    await expect(authenticator().authenticate(`Bearer ${key}`)).resolves.toEqual({ kind: 'api-key', id: record.id, name: 'ci', scopes: ['tickets:read'], method: 'api-key' });
  });

  it('refuses a revoked API key', async () => {
    const { key } = await newKey('revoked', ['admin']);
    await revokeApiKey(pool, 'revoked');
    expect(await refusal(`Bearer ${key}`)).toEqual({ code: 'invalid_token', detail: 'the API key is unknown or revoked' });
  });

  it('refuses an API key with a tampered secret, and one cut short', async () => {
    const { key } = await newKey('tampered', ['admin']);
    const flipped = `${key.slice(0, 10)}${key[10] === 'A' ? 'B' : 'A'}${key.slice(11)}`;
    expect(await refusal(`Bearer ${flipped}`)).toEqual({ code: 'invalid_token', detail: 'the API key is unknown or revoked' });
    expect(await refusal(`Bearer ${key.slice(0, -2)}`)).toEqual({ code: 'invalid_token', detail: 'the API key is malformed' });
  });

  it('records the last use without a write on every request', async () => {
    const { key, record } = await newKey('busy', ['tickets:read']);
    touches.length = 0;
    for (let i = 0; i < 5; i++) await authenticator().authenticate(`Bearer ${key}`);
    clock = new Date(clock.getTime() + 30_000);
    await authenticator().authenticate(`Bearer ${key}`);
    clock = new Date(clock.getTime() + 31_000);
    await authenticator().authenticate(`Bearer ${key}`);
    expect(touches).toEqual([record.id, record.id]);
    await expect(findApiKeyByHash(pool, hashApiKey(key))).resolves.toMatchObject({ lastUsedAt: clock.toISOString() });
  });

  it('lets a request through when the last-used write fails', async () => {
    const { key } = await newKey('touch-fails', ['tickets:read']);
    const heard: unknown[] = [];
    const failing = createAuthenticator({
      tokens: createTokenVerifier(authSettings()),
      apiKeys: { findByHash: (hash) => findApiKeyByHash(pool, hash), touch: () => Promise.reject(new Error('disk full')) },
      lastUsedIntervalMs: 60_000,
      onTouchError: (error) => heard.push(error),
    });
    await expect(failing.authenticate(`Bearer ${key}`)).resolves.toMatchObject({ name: 'touch-fails' });
    expect(heard).toEqual([new Error('disk full')]);
  });
});

