import { createHash, randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@gotrs/devstack/testing';
import type { Pool } from 'pg';
import { ApiKeyNameTakenError, createApiKey, createPool, findApiKeyByHash, listApiKeys, revokeApiKey, touchApiKey } from '../src';

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase('api-keys');
  pool = createPool({ url: database.url, poolSize: 4, connectTimeoutMs: 2000, statementTimeoutMs: 5000 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const newKey = (name: string, scopes = ['tickets:read']) => {
  const key = `gotrs_${randomBytes(32).toString('base64url')}`;
  return { key, record: { name, scopes, secretHash: createHash('sha256').update(key).digest(), hint: key.slice(-4) } };
};

describe('api_keys', () => {
  it('stores only the hash: no column holds the key', async () => {
    const { key, record } = newKey('only-hash');
    const created = await createApiKey(pool, record);
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'only-hash', scopes: ['tickets:read'], hint: key.slice(-4),
      createdAt: expect.any(String), lastUsedAt: null, revokedAt: null,
    });
    const { rows } = await pool.query('SELECT * FROM api_keys WHERE id = $1', [created.id]);
    expect(JSON.stringify(rows[0])).not.toContain(key.slice(6, 40));
  });

  it('finds an active key by its hash, and nothing for another hash', async () => {
    const { record } = newKey('findable');
    const created = await createApiKey(pool, record);
    await expect(findApiKeyByHash(pool, record.secretHash)).resolves.toEqual(created);
    await expect(findApiKeyByHash(pool, createHash('sha256').update('nope').digest())).resolves.toBeNull();
  });

  it('keeps a name unique among active keys, free again once revoked', async () => {
    await createApiKey(pool, newKey('unique').record);
    await expect(createApiKey(pool, newKey('unique').record)).rejects.toBeInstanceOf(ApiKeyNameTakenError);
    await revokeApiKey(pool, 'unique');
    await expect(createApiKey(pool, newKey('unique').record)).resolves.toMatchObject({ name: 'unique', revokedAt: null });
  });

  it('lets two creates of one name race: exactly one wins', async () => {
    const results = await Promise.allSettled([createApiKey(pool, newKey('race').record), createApiKey(pool, newKey('race').record)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(ApiKeyNameTakenError) });
  });

  it('revokes by name or ID; a revoked key is found no more, listed only with includeRevoked', async () => {
    const { record } = newKey('revoked-one');
    const created = await createApiKey(pool, record);
    const revoked = await revokeApiKey(pool, created.id, new Date('2030-01-01T00:00:00Z'));
    expect(revoked).toMatchObject({ id: created.id, revokedAt: '2030-01-01T00:00:00.000Z' });
    await expect(findApiKeyByHash(pool, record.secretHash)).resolves.toBeNull();
    expect((await listApiKeys(pool)).map((k) => k.id)).not.toContain(created.id);
    expect((await listApiKeys(pool, { includeRevoked: true })).map((k) => k.id)).toContain(created.id);
    await expect(revokeApiKey(pool, created.id)).resolves.toMatchObject({ revokedAt: '2030-01-01T00:00:00.000Z' });
    await expect(revokeApiKey(pool, 'revoked-one')).resolves.toBeNull();
    await expect(revokeApiKey(pool, '00000000-0000-4000-8000-000000000000')).resolves.toBeNull();
  });

  it('writes last_used_at at most once per interval, and never moves it back', async () => {
    const created = await createApiKey(pool, newKey('touched').record);
    const t0 = new Date('2030-01-01T00:00:00Z');
    expect(await touchApiKey(pool, created.id, t0, 60_000)).toBe(true);
    expect(await touchApiKey(pool, created.id, new Date(t0.getTime() + 59_000), 60_000)).toBe(false);
    expect(await touchApiKey(pool, created.id, new Date(t0.getTime() - 1000), 60_000)).toBe(false);
    expect(await touchApiKey(pool, created.id, new Date(t0.getTime() + 60_000), 60_000)).toBe(true);
    expect((await listApiKeys(pool)).find((k) => k.id === created.id)?.lastUsedAt).toBe('2030-01-01T00:01:00.000Z');
  });

  it('refuses what the CLI would never write: a bad name, no scopes, a short hash', async () => {
    await expect(createApiKey(pool, { ...newKey('x').record, name: 'bad name' })).rejects.toMatchObject({ code: '23514' });
    await expect(createApiKey(pool, { ...newKey('no-scopes').record, scopes: [] })).rejects.toMatchObject({ code: '23514' });
    await expect(createApiKey(pool, { ...newKey('short').record, secretHash: Buffer.alloc(16) })).rejects.toMatchObject({ code: '23514' });
  });
});
