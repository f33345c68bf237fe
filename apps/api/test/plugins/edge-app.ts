import type { RateLimitSettings } from '@gotrs/config';
import { createApiKey, createPool } from '@gotrs/db';
import { createTestDatabase, type TestDatabase } from '@gotrs/devstack/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { generateApiKey } from '../../src/auth/api-key';
import type { Scope } from '../../src/auth/scopes';
import database from '../../src/plugins/app/database';
import errorHandler from '../../src/plugins/app/error-handler';
import identity from '../../src/plugins/app/identity';
import jsonWrites from '../../src/plugins/app/json-writes';
import rateLimits from '../../src/plugins/app/rate-limits';
import cors from '../../src/plugins/external/cors';
import helmet from '../../src/plugins/external/helmet';
import rateLimit from '../../src/plugins/external/rate-limit';
import { authSettings } from '../auth/tokens';
import type { HttpResponse } from '../support';

export const ALLOWED_ORIGIN = 'https://gotrs.example.test';

export interface EdgeApp {
  app: FastifyInstance;
  url: string;
  /** A real API key with these scopes, in the app's database. */
  apiKey(name: string, scopes: Scope[]): Promise<string>;
  close(): Promise<void>;
}

export interface EdgeAppOptions {
  rateLimit?: Partial<RateLimitSettings>;
}

/**
 * The edge plugins in app.ts's order with the identity plugin behind them, as the API has them once
 * identity is wired in, on a real PostgreSQL (API keys), with a few routes shaped like the API's.
 */
export async function startEdgeApp(label: string, options: EdgeAppOptions = {}): Promise<EdgeApp> {
  const testDatabase: TestDatabase = await createTestDatabase(label);
  const pool: Pool = createPool({ url: testDatabase.url, poolSize: 2, connectTimeoutMs: 2000, statementTimeoutMs: 5000 });
  const app = Fastify({ logger: false });
  await app.register(errorHandler, { retryAfterSeconds: 5 });
  await app.register(helmet);
  await app.register(cors, { origins: [ALLOWED_ORIGIN] });
  await app.register(rateLimit);
  await app.register(rateLimits, { settings: { windowMs: 60_000, perCaller: 1000, unauthenticated: 1000, ...options.rateLimit } });
  await app.register(jsonWrites);
  await app.register(database, { pool });
  await app.register(identity, { settings: authSettings() });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/api/v1/tickets', { config: { requires: 'tickets.list' } }, async () => ({ items: [] }));
  app.post(
    '/api/v1/tickets/:id/reopen',
    {
      config: { requires: 'tickets.reopen' },
      schema: { body: { type: 'object', properties: { reason: { type: 'string' } }, additionalProperties: false } },
    },
    async (request) => ({ reopened: true, body: request.body }),
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url,
    async apiKey(name, scopes) {
      const key = generateApiKey();
      await createApiKey(pool, { name, scopes, secretHash: key.secretHash, hint: key.hint });
      return key.key;
    },
    async close() {
      await app.close();
      await pool.end();
      await testDatabase.drop();
    },
  };
}

/** One request over HTTP, headers as given (no content type added). */
export async function send(base: string, path: string, init: RequestInit = {}): Promise<HttpResponse> {
  const response = await fetch(`${base}${path}`, init);
  const body = await response.text();
  return { statusCode: response.status, headers: Object.fromEntries(response.headers.entries()), body, json: () => JSON.parse(body) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
