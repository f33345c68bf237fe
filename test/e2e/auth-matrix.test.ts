/**
 * Authorization of every protected operation, generated from the OpenAPI document (so that a new
 * route cannot be forgotten): each operation with a security requirement gets, from its
 * `x-gotrs-permission`, the tests that no credentials and every kind of bad credential answer 401
 * with a Bearer challenge, that each role it does not name and an API key without its scope answer
 * 403, that a Customer asking for what is not theirs gets the documented 404, and that each role it
 * names and a key with its scope succeed. On the real stack (worker included).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApiKey, revokeApiKey } from '@gotrs/db';
import { ROLES, type Role } from '../../apps/api/src/auth/caller';
import { generateApiKey } from '../../apps/api/src/auth/api-key';
import { SCOPE_NAMES, type Scope } from '../../apps/api/src/auth/scopes';
import { gotrsClaims, gotrsRefreshClaims, signHs, unsignedToken } from '../../apps/api/test/auth/tokens';
import { SCENARIOS, makeWorld, type Call, type Who, type World } from './auth-scenarios';
import { TEST_PEOPLE, startStack, tokenFor, type Stack } from './support';

jest.setTimeout(60_000);

type Permission = { operation: string; roles: Role[]; scope: Scope; hides: 'ticket' | 'notification' | 'inbox' | null };
type Operation = { operationId: string; security?: unknown[]; responses: Record<string, unknown>; 'x-gotrs-permission'?: Permission };
type Document = { paths: Record<string, Record<string, Operation>> };

const DOCUMENT: Document = JSON.parse(readFileSync(resolve(__dirname, '../../openapi/openapi.json'), 'utf8'));
const PROTECTED = Object.entries(DOCUMENT.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).filter(([, op]) => op.security).map(([method, op]) => ({ method: method.toUpperCase(), path, op, permission: op['x-gotrs-permission']! })),
);
const HIDDEN_CODE = { ticket: 'ticket_not_found', notification: 'notification_not_found', inbox: 'inbox_not_found' } as const;

/** The operation's path with an ID that names nothing: who may call is decided before anything is looked up. */
const anyCall = (method: string, path: string): Call => ({ method, url: path.replace(/\{[^}]+\}/g, 'no-such-id') });
const template = (path: string) => new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?.*)?$`);

let stack: Stack;
let world: World;
let revokedKey: string;
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-auth-matrix' });
  await stack.startWorker();
  world = await makeWorld(stack);
  const generated = generateApiKey();
  await createApiKey(stack.api.pool, { name: `revoked-${generated.hint}`, scopes: ['admin'], secretHash: generated.secretHash, hint: generated.hint });
  await revokeApiKey(stack.api.pool, `revoked-${generated.hint}`);
  revokedKey = generated.key;
}, 120_000);
afterAll(() => stack?.close());

const admin = () => gotrsClaims({ ...TEST_PEOPLE.Admin, sub: TEST_PEOPLE.Admin.email, role: 'Admin' });
/** Credentials that name an Admin and must still be refused. */
const BAD_CREDENTIALS: Array<[string, () => Promise<string>]> = [
  ['a forged token (signed with another secret)', () => signHs(admin(), { secret: 'not-the-secret-gotrs-signs-with-0123456789' })],
  ['an expired token', () => signHs({ ...admin(), iat: Math.floor(Date.now() / 1000) - 7200, nbf: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })],
  ['an unsigned token (alg: none)', async () => unsignedToken(admin())],
  ['a GOTRS refresh token', () => signHs(gotrsRefreshClaims())],
  ['an unknown API key', async () => generateApiKey().key],
  ['a revoked API key', async () => revokedKey],
];

async function send(call: Call, token: string | null) {
  return stack.api.request({ ...call, token });
}

async function credential(who: Who, permission: Permission, extra: Scope[] = []): Promise<string> {
  return who === 'key' ? stack.api.apiKey([permission.scope, ...extra]) : tokenFor(who);
}

describe.each(PROTECTED)('$method $path ($op.operationId)', ({ method, path, op, permission }) => {
  it('answers 401 unauthorized with a bare Bearer challenge without credentials', async () => {
    const response = await send(anyCall(method, path), null);
    expect([response.statusCode, response.json().code, response.headers['www-authenticate']]).toEqual([401, 'unauthorized', 'Bearer realm="gotrs-api"']);
  });

  it.each(BAD_CREDENTIALS)('answers 401 invalid_token with an invalid_token challenge for %s', async (_what, make) => {
    const response = await send(anyCall(method, path), await make());
    expect([response.statusCode, response.json().code]).toEqual([401, 'invalid_token']);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="gotrs-api", error="invalid_token"/);
  });

  const forbiddenRoles = ROLES.filter((role) => !permission.roles.includes(role));
  if (forbiddenRoles.length > 0) {
    it.each(forbiddenRoles)('answers 403 forbidden to the role %s', async (role) => {
      const response = await send(anyCall(method, path), await tokenFor(role));
      expect([response.statusCode, response.json().code]).toEqual([403, 'forbidden']);
    });
  }

  it(`answers 403 insufficient_scope to an API key with every scope but ${permission.scope} (and admin)`, async () => {
    const scopes = SCOPE_NAMES.filter((scope) => scope !== permission.scope && scope !== 'admin');
    const response = await send(anyCall(method, path), await stack.api.apiKey(scopes));
    expect([response.statusCode, response.json().code]).toEqual([403, 'insufficient_scope']);
    expect(response.headers['www-authenticate']).toContain(`scope="${permission.scope}"`);
  });

  if (permission.hides) {
    it(`answers a Customer's request for someone else's ${permission.hides} with 404 ${HIDDEN_CODE[permission.hides]}, as documented`, async () => {
      const scenario = SCENARIOS[op.operationId];
      if (!scenario?.hidden) throw new Error(`test/e2e/auth-scenarios.ts has no hidden request for ${op.operationId}`);
      const call = scenario.hidden(world);
      expect(call).toMatchObject({ method, url: expect.stringMatching(template(path)) });
      const response = await send(call, await tokenFor('Customer'));
      expect([response.statusCode, response.json().code]).toEqual([404, HIDDEN_CODE[permission.hides!]]);
      expect(op.responses['404']).toBeDefined();
    });
  }

  it.each([...permission.roles, 'key' as const])('lets %s call it: a documented 2xx', async (who) => {
    const scenario = SCENARIOS[op.operationId];
    if (!scenario) throw new Error(`test/e2e/auth-scenarios.ts has no scenario for ${op.operationId}: add one`);
    const call = await scenario.allowed(stack, world, who);
    expect(call).toMatchObject({ method, url: expect.stringMatching(template(path)) });
    const response = await send(call, await credential(who, permission, scenario.keyScopes));
    const status = String(response.statusCode);
    const documented = Object.keys(op.responses).filter((code) => code.startsWith('2'));
    expect({ status, documented: documented.includes(status), body: status.startsWith('2') ? '' : response.body }).toEqual({ status, documented: true, body: '' });
  });
});

describe('the generated tests', () => {
  it('cover every operation the running API documents as protected, and every API operation is one', async () => {
    const served: Document = (await stack.api.request({ url: '/openapi.json', token: null })).json();
    const ids = (doc: Document, secured: boolean) => Object.values(doc.paths).flatMap((byMethod) => Object.values(byMethod))
      .filter((op) => Boolean(op.security) === secured).map((op) => op.operationId).sort();
    expect(ids(served, true)).toEqual(PROTECTED.map((p) => p.op.operationId).sort());
    expect(ids(served, false)).toEqual(['getHealthz', 'getReadyz']);
    expect(PROTECTED.every((p) => p.path.startsWith('/api/v1/') && p.permission)).toBe(true);
  });
});
