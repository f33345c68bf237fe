import { createApiKey, createPool, revokeApiKey } from '@gotrs/db';
import { createTestDatabase, type TestDatabase } from '@gotrs/devstack/testing';
import { get } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { generateApiKey } from '../../../src/auth/api-key';
import { enforce } from '../../../src/auth/denial-error';
import { decideTicketVisibility } from '../../../src/auth/ticket-access';
import { ticketNotFound } from '../../../src/errors/api-error';
import database from '../../../src/plugins/app/database';
import errorHandler from '../../../src/plugins/app/error-handler';
import identity, { callerOf } from '../../../src/plugins/app/identity';
import { closedPort, expectProblem, type HttpResponse } from '../../support';
import { authSettings, gotrsToken, unsignedToken, gotrsClaims } from '../../auth/tokens';

const TICKETS: Record<string, { customerUserId: string | null }> = { 't-alice': { customerUserId: 'alice@example.com' } };

/** A small app with the identity plugin and a few routes shaped like the API's. */
async function buildTestApp(pool: Pool): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(errorHandler, { retryAfterSeconds: 5 });
  await app.register(database, { pool });
  await app.register(identity, { settings: authSettings() });
  for (const url of ['/healthz', '/readyz', '/openapi.json', '/docs', '/docs/static/index.html']) app.get(url, async () => ({ public: url }));
  app.get('/api/v1/me', { config: { requires: 'authenticated' } }, async (request) => callerOf(request));
  app.get('/api/v1/tickets', { config: { requires: 'tickets.list' } }, async () => ({ items: [] }));
  app.get<{ Params: { id: string } }>('/api/v1/tickets/:id', { config: { requires: 'tickets.read' } }, async (request) => {
    const ticket = TICKETS[request.params.id];
    if (!ticket) throw ticketNotFound(request.params.id);
    enforce(decideTicketVisibility(callerOf(request), ticket), request.params.id);
    return { id: request.params.id, ...ticket };
  });
  app.post('/api/v1/tickets/:id/assign', { config: { requires: 'tickets.assign' } }, async (request) => ({ assigned: true, body: request.body }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

let testDatabase: TestDatabase;
let pool: Pool;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  testDatabase = await createTestDatabase('identity');
  pool = createPool({ url: testDatabase.url, poolSize: 2, connectTimeoutMs: 2000, statementTimeoutMs: 5000 });
  app = await buildTestApp(pool);
  const address = app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await app.close();
  await pool.end();
  await testDatabase.drop();
});

async function call(method: string, url: string, options: { token?: string; authorization?: string; body?: string } = {}): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${url}`, { method, headers, body: options.body });
  const text = await response.text();
  return { statusCode: response.status, headers: Object.fromEntries(response.headers.entries()), body: text, json: () => JSON.parse(text) };
}

/** The status of a GET whose path is sent as written (fetch would resolve `..` first). */
function rawStatus(path: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    get({ host: hostname, port, path }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', reject);
  });
}

async function newKey(name: string, scopes: string[]): Promise<string> {
  const generated = generateApiKey();
  await createApiKey(pool, { name, scopes, secretHash: generated.secretHash, hint: generated.hint });
  return generated.key;
}

describe('identity plugin', () => {
  it('leaves /healthz, /readyz, /openapi.json and /docs public', async () => {
    for (const url of ['/healthz', '/readyz', '/openapi.json', '/docs', '/docs/static/index.html']) {
      expect((await call('GET', url)).statusCode).toBe(200);
    }
  });

  it('answers 401 unauthorized with a bare Bearer challenge when /api/v1 is called without credentials', async () => {
    const response = await call('GET', '/api/v1/tickets');
    expectProblem(response, 401, 'unauthorized');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="gotrs-api"');
  });

  it('answers 401 invalid_token with RFC 6750 attributes for a refused token', async () => {
    const response = await call('GET', '/api/v1/tickets', { token: unsignedToken(gotrsClaims({ role: 'Admin' })) });
    expectProblem(response, 401, 'invalid_token');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="gotrs-api", error="invalid_token", error_description="[^"]*none[^"]*"$/);
  });

  it('answers 401 for the wrong header form, an empty bearer and a 10 kB token', async () => {
    for (const authorization of ['Basic YTpi', 'Bearer', `Bearer ${'a'.repeat(10_000)}`]) {
      const response = await call('GET', '/api/v1/tickets', { authorization });
      expectProblem(response, 401, 'unauthorized');
      expect(response.headers['www-authenticate']).toContain('error="invalid_request"');
    }
  });

  it('needs credentials for unknown paths too, then answers 404', async () => {
    expectProblem(await call('GET', '/api/v1/nothing-here'), 401, 'unauthorized');
    expect(await rawStatus('/healthz/../api/v1/tickets')).toBe(401);
    expect(await rawStatus('/docs/../api/v1/tickets')).toBe(401);
    expectProblem(await call('GET', '/api/v1/nothing-here', { token: await gotrsToken() }), 404, 'route_not_found');
  });

  it('puts the caller on the request', async () => {
    const response = await call('GET', '/api/v1/me', { token: await gotrsToken({ role: 'Customer', email: 'alice@example.com' }) });
    expect(response.json()).toMatchObject({ kind: 'user', id: '42', email: 'alice@example.com', role: 'Customer', method: 'gotrs-token' });
  });

  it("checks the route's operation: 403 forbidden for a role, naming the roles needed", async () => {
    const response = await call('POST', '/api/v1/tickets/t-alice/assign', { token: await gotrsToken({ role: 'Customer' }), body: '{}' });
    expect(expectProblem(response, 403, 'forbidden').detail).toBe('Customer users may not assign tickets: it needs the role Admin or Agent');
    expect((await call('POST', '/api/v1/tickets/t-alice/assign', { token: await gotrsToken(), body: '{"agentId":"a"}' })).json()).toEqual({ assigned: true, body: { agentId: 'a' } });
  });

  it('answers 403 insufficient_scope with a scope challenge for a key without the scope', async () => {
    const key = await newKey('reader', ['tickets:read']);
    expect((await call('GET', '/api/v1/tickets', { token: key })).statusCode).toBe(200);
    const response = await call('POST', '/api/v1/tickets/t-alice/assign', { token: key, body: '{}' });
    expectProblem(response, 403, 'insufficient_scope');
    expect(response.headers['www-authenticate']).toMatch(/error="insufficient_scope", error_description="[^"]+", scope="tickets:write"$/);
  });

  it('refuses before reading the body: a 2 MB body from a Customer or from nobody is never parsed', async () => {
    const big = JSON.stringify({ agentId: 'x'.repeat(2_000_000) });
    expectProblem(await call('POST', '/api/v1/tickets/t-alice/assign', { token: await gotrsToken({ role: 'Customer' }), body: big }), 403, 'forbidden');
    expectProblem(await call('POST', '/api/v1/tickets/t-alice/assign', { body: big }), 401, 'unauthorized');
    expectProblem(await call('POST', '/api/v1/tickets/t-alice/assign', { token: await gotrsToken(), body: big }), 413, 'payload_too_large');
  });

  it("answers another customer's ticket exactly as an unknown one", async () => {
    const bob = await gotrsToken({ role: 'Customer', email: 'bob@example.com' });
    const hidden = await call('GET', '/api/v1/tickets/t-alice', { token: bob });
    const unknown = await call('GET', '/api/v1/tickets/t-nobody', { token: bob });
    expect(expectProblem(hidden, 404, 'ticket_not_found').detail).toBe('no ticket with id "t-alice"');
    expect(unknown.statusCode).toBe(404);
    const alice = await gotrsToken({ role: 'Customer', email: 'alice@example.com' });
    expect((await call('GET', '/api/v1/tickets/t-alice', { token: alice })).statusCode).toBe(200);
  });

  it('refuses a key the moment it is revoked (keys are not cached)', async () => {
    const key = await newKey('short-lived', ['tickets:read']);
    expect((await call('GET', '/api/v1/tickets', { token: key })).statusCode).toBe(200);
    await revokeApiKey(pool, 'short-lived');
    expectProblem(await call('GET', '/api/v1/tickets', { token: key }), 401, 'invalid_token');
  });

  it('keeps two callers at once apart', async () => {
    const key = await newKey('parallel', ['tickets:read']);
    const token = await gotrsToken();
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => call('GET', '/api/v1/me', { token: i % 2 ? key : token })));
    expect(responses.map((r) => r.json().kind)).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 ? 'api-key' : 'user')));
  });

  it('answers 503 database_unavailable, not 401, when PostgreSQL is down during a key lookup', async () => {
    const down = createPool({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/gotrs`, poolSize: 1, connectTimeoutMs: 500, statementTimeoutMs: 1000 });
    const other = await buildTestApp(down);
    try {
      const port = (other.server.address() as { port: number }).port;
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/tickets`, { headers: { authorization: `Bearer ${generateApiKey().key}` } });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ code: 'database_unavailable' });
    } finally {
      await other.close();
      await down.end();
    }
  });

  it('fails at start when a route declares no permission', async () => {
    const strict = Fastify({ logger: false });
    await strict.register(database, { pool });
    await strict.register(identity, { settings: authSettings() });
    expect(() => strict.get('/api/v1/forgotten', async () => 'open?')).toThrow(
      "route GET /api/v1/forgotten declares no permission: add config: { requires: '<operation>' }",
    );
    expect(() => strict.get('/api/v1/misspelt', { config: { requires: 'tickets.delete' as never } }, async () => 'open?')).toThrow('declares no permission');
    await strict.close();
  });
});
