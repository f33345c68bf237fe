import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenVerifier } from '../../../apps/api/src/auth';
import { DEV_ADMIN, devAdminToken, devSecret, tokenVerificationConfigured } from '../src/dev-auth';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gotrs-dev-auth-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settings = (secret: string) => ({ gotrs: { secret, issuer: 'gotrs' }, jwks: null, clockToleranceSeconds: 30, apiKeyLastUsedIntervalMs: 300_000 });

describe("make dev's development secret", () => {
  it('is created once, readable only by its owner, and kept across restarts', () => {
    const file = join(dir, 'auth', 'dev-jwt-secret');
    const first = devSecret(file);
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(devSecret(file)).toBe(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
  });

  it('is not created when the environment already says how tokens are verified', () => {
    expect(tokenVerificationConfigured({})).toBe(false);
    expect(tokenVerificationConfigured({ AUTH_JWT_SECRET: '' })).toBe(false);
    for (const name of ['AUTH_JWT_SECRET', 'AUTH_JWT_SECRET_FILE', 'AUTH_JWKS_URL', 'AUTH_JWKS_FILE']) {
      expect(tokenVerificationConfigured({ [name]: 'set' })).toBe(true);
    }
  });
});

describe("make dev's admin token", () => {
  it('is accepted by the API as the development Admin', async () => {
    const secret = devSecret(join(dir, 'secret'));
    const caller = await createTokenVerifier(settings(secret)).verify(await devAdminToken(secret));
    expect(caller).toMatchObject({ kind: 'user', id: String(DEV_ADMIN.userId), email: DEV_ADMIN.email, role: 'Admin', method: 'gotrs-token' });
  });

  it('is refused by an API with another secret', async () => {
    const token = await devAdminToken(devSecret(join(dir, 'a')));
    await expect(createTokenVerifier(settings(devSecret(join(dir, 'b')))).verify(token)).rejects.toMatchObject({ code: 'invalid_token' });
  });
});
