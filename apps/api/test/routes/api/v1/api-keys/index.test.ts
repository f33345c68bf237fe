import { randomUUID } from 'node:crypto';
import { expectProblem, fieldsOf, startApi, tokenFor, type TestApi } from '../../../../support';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-keys' });
});
afterAll(() => api.close());

const create = (payload: unknown, token?: string) => api.request({ method: 'POST', url: '/api/v1/api-keys', payload, token });
const name = () => `ci-${randomUUID().slice(0, 8)}`;

describe('POST /api/v1/api-keys', () => {
  it('answers 201 with the key once, which then works with its scopes and no others', async () => {
    const response = await create({ name: name(), scopes: ['tickets:read'] });
    expect(response.statusCode).toBe(201);
    const { key, apiKey } = response.json();
    expect(key).toMatch(/^gotrs_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ id: expect.any(String), scopes: ['tickets:read'], hint: key.slice(-4), revokedAt: null });
    expect((await api.request({ url: '/api/v1/tickets', token: key })).statusCode).toBe(200);
    expectProblem(await api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'x' }, token: key }), 403, 'insufficient_scope');
    const { rows } = await api.pool.query('SELECT secret_hash FROM api_keys WHERE id = $1', [apiKey.id]);
    expect(rows[0].secret_hash.toString('utf8')).not.toContain(key.slice(6));
  });

  it('returns 409 api_key_name_taken for the name of an active key', async () => {
    const taken = name();
    expect((await create({ name: taken, scopes: ['tickets:read'] })).statusCode).toBe(201);
    expect(fieldsOf(await create({ name: taken, scopes: ['tickets:write'] }))).toEqual(['body.name']);
    expectProblem(await create({ name: taken, scopes: ['tickets:write'] }), 409, 'api_key_name_taken');
  });

  it('returns 400 for a malformed name, a UUID as name, an unknown scope or none', async () => {
    expect(fieldsOf(await create({ name: ' spaced', scopes: ['tickets:read'] }))).toEqual(['body.name']);
    expect(fieldsOf(await create({ name: randomUUID(), scopes: ['tickets:read'] }))).toEqual(['body.name']);
    expect(fieldsOf(await create({ name: name(), scopes: ['tickets:delete'] }))).toEqual(['body.scopes.0']);
    expect(fieldsOf(await create({ name: name(), scopes: [] }))).toEqual(['body.scopes']);
  });

  it('refuses actor:impersonate over HTTP (an operator grants it with the CLI), even to an Admin', async () => {
    expectProblem(await create({ name: name(), scopes: ['tickets:write', 'actor:impersonate'] }), 403, 'forbidden');
  });

  it('is for Admins and admin keys only', async () => {
    expectProblem(await create({ name: name(), scopes: ['tickets:read'] }, await tokenFor('Agent')), 403, 'forbidden');
    const adminKey = await api.apiKey(['admin']);
    expect((await create({ name: name(), scopes: ['tickets:read'] }, adminKey)).statusCode).toBe(201);
    expectProblem(await create({ name: name(), scopes: ['tickets:read'] }, await api.apiKey(['tickets:write'])), 403, 'insufficient_scope');
  });
});

describe('GET /api/v1/api-keys and POST /api/v1/api-keys/{id}/revoke', () => {
  it('lists active keys; a revoked key is refused at once, listed with includeRevoked only', async () => {
    const { key, apiKey } = (await create({ name: name(), scopes: ['tickets:read'] })).json();
    const listed = async (query = '') => ((await api.request({ url: `/api/v1/api-keys${query}` })).json().items as Array<{ id: string }>).map((k) => k.id);
    expect(await listed()).toContain(apiKey.id);
    const revoked = await api.request({ method: 'POST', url: `/api/v1/api-keys/${apiKey.id}/revoke` });
    expect(revoked.json()).toMatchObject({ id: apiKey.id, revokedAt: expect.any(String) });
    expectProblem(await api.request({ url: '/api/v1/tickets', token: key }), 401, 'invalid_token');
    expect(await listed()).not.toContain(apiKey.id);
    expect(await listed('?includeRevoked=true')).toContain(apiKey.id);
    const again = await api.request({ method: 'POST', url: `/api/v1/api-keys/${apiKey.id}/revoke` });
    expect(again.json().revokedAt).toBe(revoked.json().revokedAt);
  });

  it('revokes the active key of a name too', async () => {
    const keyName = name();
    const { key } = (await create({ name: keyName, scopes: ['tickets:read'] })).json();
    expect((await api.request({ method: 'POST', url: `/api/v1/api-keys/${keyName}/revoke` })).json()).toMatchObject({ name: keyName, revokedAt: expect.any(String) });
    expectProblem(await api.request({ url: '/api/v1/tickets', token: key }), 401, 'invalid_token');
    expectProblem(await api.request({ method: 'POST', url: `/api/v1/api-keys/${keyName}/revoke` }), 404, 'api_key_not_found');
  });

  it('returns 404 for an unknown key, and 400 for what is neither an ID nor a name', async () => {
    expectProblem(await api.request({ method: 'POST', url: `/api/v1/api-keys/${randomUUID()}/revoke` }), 404, 'api_key_not_found');
    expect(fieldsOf(await api.request({ method: 'POST', url: '/api/v1/api-keys/not%20a%20key/revoke' }))).toEqual(['params.id']);
  });
});
