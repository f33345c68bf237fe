import { connect, createServer, type Socket } from 'node:net';
import { loadConfig, type AppConfig, type EventsSettings, type RateLimitSettings } from '@gotrs/config';
import { createApiKey, createOrLoadTicket, createPool } from '@gotrs/db';
import type { NewTicket, Ticket } from '@gotrs/contracts';
import { testEnv, uniqueTaskQueue } from '@gotrs/devstack/testing';
import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Pool } from 'pg';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import { buildApp, type App } from '../src/app';
import { generateApiKey } from '../src/auth/api-key';
import type { Role } from '../src/auth/caller';
import type { Scope } from '../src/auth/scopes';
import { createTemporalClient } from '../src/temporal/create-client';
import { SECRET, gotrsToken } from './auth/tokens';

/** The secret the test API verifies GOTRS tokens with (AUTH_JWT_SECRET). */
export const TEST_AUTH_SECRET = SECRET;

/** The people the tests' tokens name, one per role (the Agent and the Customer are in config/notifications.yaml). */
export const TEST_PEOPLE: Record<Role, { user_id: number; email: string }> = {
  Admin: { user_id: 1, email: 'admin@example.com' },
  Agent: { user_id: 7, email: 'agent-7@gotrs.local' },
  Customer: { user_id: 100, email: 'alice@example.com' },
};

/** The scopes of GOTRS's own API key: everything, and naming the person a change is for (`actor`, `agentId`). */
export const GOTRS_KEY_SCOPES: Scope[] = ['admin', 'actor:impersonate'];

/** The actor the API records for `role`'s test person (with tokenFor(role)). */
export function actorOfRole(role: Role) {
  const { user_id, email } = TEST_PEOPLE[role];
  return { label: email, method: 'gotrs-token', userId: String(user_id), email, keyId: null, keyName: null, onBehalfOf: null };
}

/** The actor the API records for a key with GOTRS_KEY_SCOPES acting for `person`. */
export function onBehalfOf(person: string) {
  return { label: person, method: 'api-key', userId: null, email: null, keyId: expect.any(String), keyName: expect.stringMatching(/^test-/), onBehalfOf: person };
}

/** A GOTRS access token (HS256 with TEST_AUTH_SECRET, an hour long) for `role`'s test person, or `claims` over it. */
export function tokenFor(role: Role, claims: Record<string, unknown> = {}): Promise<string> {
  const person = TEST_PEOPLE[role];
  return gotrsToken({ ...person, sub: person.email, role, ...claims });
}

/** What a request through {@link TestApi.request} gives back (the shape of Fastify's inject response). */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestOptions {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is. */
  payload?: unknown;
  /** The bearer credential (a token or API key); null sends none. By default an Admin's token (tokenFor('Admin')). */
  token?: string | null;
}

export interface TestApi {
  app: App;
  /** Where the app listens (127.0.0.1, a free port). */
  url: string;
  /**
   * One HTTP request to the app over loopback. (Not `app.inject`: Fastify's light-my-request 6.8
   * loads the ESM-only `cookie` 2, which Jest on Node 20 cannot require.)
   */
  request(options: RequestOptions): Promise<HttpResponse>;
  /**
   * An API key with `scopes`, made in the API's PostgreSQL on first use (once per set of scopes).
   * `['admin', 'actor:impersonate']` is GOTRS itself: it may name the person a change is for.
   */
  apiKey(scopes: Scope[]): Promise<string>;
  pool: Pool;
  client: Client;
  config: AppConfig;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** Names the test's own task queue. */
  label: string;
  temporalAddress?: string;
  databaseUrl?: string;
  callTimeoutMs?: number;
  createWaitMs?: number;
  logger?: FastifyBaseLogger;
  /** Default: budgets no suite reaches (the limits have tests of their own). */
  rateLimit?: RateLimitSettings;
  corsOrigins?: string[];
  /** Event stream settings over the configured ones (small buffers, short heartbeats). */
  events?: Partial<EventsSettings>;
  /** Changes the loaded configuration before the app is built (an SLA policy of the test's own, say). */
  configure?: (config: AppConfig) => void;
  /** webhooks.allow_private_targets: true by default, so that tests call receivers on loopback. */
  allowPrivateWebhookTargets?: boolean;
}

/** Configuration for the run's servers (or the given ones), on a task queue of the test's own. */
export function testConfig(options: TestApiOptions): AppConfig {
  const env = testEnv();
  const config = loadConfig({
    TEMPORAL_ADDRESS: options.temporalAddress ?? env.temporalAddress,
    TEMPORAL_NAMESPACE: env.temporalNamespace,
    DATABASE_URL: options.databaseUrl ?? env.databaseUrl,
    TEMPORAL_TASK_QUEUE: uniqueTaskQueue(options.label),
    LOG_LEVEL: 'silent',
    AUTH_JWT_SECRET: TEST_AUTH_SECRET,
    WEBHOOKS_ALLOW_PRIVATE_TARGETS: String(options.allowPrivateWebhookTargets ?? true),
  });
  if (options.callTimeoutMs !== undefined) config.temporal.callTimeoutMs = options.callTimeoutMs;
  if (options.createWaitMs !== undefined) config.api.createWaitMs = options.createWaitMs;
  config.api.rateLimit = options.rateLimit ?? { ...config.api.rateLimit, perCaller: 1_000_000, unauthenticated: 1_000_000 };
  if (options.corsOrigins !== undefined) config.api.corsOrigins = options.corsOrigins;
  if (options.events !== undefined) Object.assign(config.events, options.events);
  options.configure?.(config);
  return config;
}

/** The app as server.ts builds it, on real PostgreSQL and Temporal; close() closes all of it. */
export async function startApi(options: TestApiOptions): Promise<TestApi> {
  const config = testConfig(options);
  const pool = createPool(config.database);
  const client = createTemporalClient(config.temporal);
  const app = await buildApp({ config, pool, temporalClient: client, logger: options.logger ?? pino({ level: 'silent' }) });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const admin = tokenFor('Admin');
  const keys = new Map<string, Promise<string>>();
  return {
    app,
    url,
    request: async (request) => send(url, request, request.token === undefined ? await admin : request.token),
    apiKey(scopes) {
      const id = scopes.join(',');
      if (!keys.has(id)) keys.set(id, makeApiKey(pool, scopes));
      return keys.get(id)!;
    },
    pool,
    client,
    config,
    async close() {
      await app.close();
      await Promise.allSettled([pool.end(), client.connection.close()]);
    },
  };
}

/** An active API key with `scopes`, under a name of its own (names are unique among active keys). */
async function makeApiKey(pool: Pool, scopes: Scope[]): Promise<string> {
  const generated = generateApiKey();
  await createApiKey(pool, { name: `test-${randomUUID()}`, scopes, secretHash: generated.secretHash, hint: generated.hint });
  return generated.key;
}

async function send(base: string, { method = 'GET', url, headers = {}, payload }: RequestOptions, token: string | null): Promise<HttpResponse> {
  const json = payload !== undefined && typeof payload !== 'string';
  const withAuth = token === null || 'authorization' in headers ? headers : { ...headers, authorization: `Bearer ${token}` };
  // As a client must: every change says it is JSON, also without a body (plugins/app/json-writes.ts).
  const bareWrite = payload === undefined && !['GET', 'HEAD'].includes(method.toUpperCase());
  const response = await fetch(`${base}${url}`, {
    method,
    headers: (json || bareWrite) && !('content-type' in withAuth) ? { ...withAuth, 'content-type': 'application/json' } : withAuth,
    body: payload === undefined ? undefined : json ? JSON.stringify(payload) : (payload),
  });
  const body = await response.text();
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body,
    json: () => JSON.parse(body),
  };
}

/** What {@link rawRequest} gives back: the status, the headers (lowercase names) and the body. */
export interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `request` to the app's socket as it is, for what fetch refuses to send (a NUL in a header,
 * an unknown method), and reads the answer until the server closes the connection.
 */
export function rawRequest(baseUrl: string, request: string): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ statusCode: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.end(request);
  });
}

/** A local port that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Writes a ticket row directly (as the worker's activity would), for read tests that need no worker. */
export function insertTicket(pool: Pool, ticket: Partial<NewTicket> = {}, at = new Date().toISOString()): Promise<Ticket> {
  const id = ticket.id ?? randomUUID();
  return createOrLoadTicket(pool, { ticket: { id, title: 'A test ticket', ...ticket }, changeId: `${id}/created`, at });
}

/** Asserts an RFC 9457 problem answer with this status and code, and returns its body. */
export function expectProblem(response: HttpResponse, status: number, code: string) {
  expect({ status: response.statusCode, contentType: response.headers['content-type'] }).toEqual({
    status,
    contentType: expect.stringMatching(/^application\/problem\+json/),
  });
  const body = response.json();
  expect(body).toMatchObject({ type: `urn:gotrs:problem:${code}`, title: expect.any(String), status, detail: expect.any(String), code });
  return body as { errors?: Array<{ field: string; message: string }>; [key: string]: unknown };
}

/** The fields named by a validation problem. */
export function fieldsOf(response: HttpResponse): string[] {
  return ((response.json().errors ?? []) as Array<{ field: string }>).map((e) => e.field).sort();
}

/** A TCP relay from a local port to `target` (`host:port`): a dependency that can be brought back. */
export async function startRelay(port: number, target: string): Promise<{ close(): Promise<void> }> {
  const [host, targetPort] = target.split(':') as [string, string];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(targetPort), host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
