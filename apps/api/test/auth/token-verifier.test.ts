import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { createTokenVerifier, type TokenVerifier } from '../../src/auth/token-verifier';
import { ApiError } from '../../src/errors/api-error';
import {
  IDP_AUDIENCE, IDP_ISSUER, SECRET, authSettings, gotrsClaims, gotrsRefreshClaims, gotrsToken, idpKey, idpToken, signHs, unsignedToken, type IdpKey,
} from './tokens';

const now = () => Math.floor(Date.now() / 1000);

/** The problem a verification ends in: code and detail. */
async function refusal(verifier: TokenVerifier, token: string): Promise<{ code: string; detail: string; challenge?: string }> {
  try {
    await verifier.verify(token);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { code: error.code, detail: error.detail, challenge: (error as { challenge?: string }).challenge };
  }
  throw new Error('the token was accepted');
}

describe('GOTRS access tokens (HS256)', () => {
  const verifier = createTokenVerifier(authSettings());

  it("accepts GOTRS-ce's access token and names the user", async () => {
    await expect(verifier.verify(await gotrsToken({ tenant_id: 3 }))).resolves.toEqual({
      kind: 'user', id: '42', email: 'grace@example.com', role: 'Agent', tenantId: '3', method: 'gotrs-token', issuer: 'gotrs', subject: 'grace@example.com',
    });
  });

  it('reads every role, and tenant_id 0 (Go omitempty) as no tenant', async () => {
    for (const role of ['Admin', 'Agent', 'Customer']) {
      await expect(verifier.verify(await gotrsToken({ role, tenant_id: 0 }))).resolves.toMatchObject({ role, tenantId: null });
    }
  });

  it('refuses a forged signature: another secret, or claims edited after signing', async () => {
    expect(await refusal(verifier, await signHs(gotrsClaims(), { secret: 'another-secret-that-is-long-enough-too' })))
      .toMatchObject({ code: 'invalid_token', detail: 'the token signature does not verify' });
    const [header, , signature] = (await gotrsToken({ role: 'Customer' })).split('.');
    const promoted = Buffer.from(JSON.stringify(gotrsClaims({ role: 'Admin' }))).toString('base64url');
    expect(await refusal(verifier, `${header}.${promoted}.${signature}`)).toMatchObject({ code: 'invalid_token', detail: 'the token signature does not verify' });
  });

  it('refuses an unsigned token (alg: none)', async () => {
    expect(await refusal(verifier, unsignedToken(gotrsClaims({ role: 'Admin' })))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('"none" are not accepted') });
  });

  it('refuses HS384 and HS512 where HS256 is expected, even with the right secret', async () => {
    for (const alg of ['HS384', 'HS512']) {
      expect(await refusal(verifier, await signHs(gotrsClaims(), { alg }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining(`"${alg}" are not accepted`) });
    }
  });

  it('refuses RS256 and ES256 when no JWKS is configured', async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const token = await idpToken(await idpKey(alg, `k-${alg}`), gotrsClaims());
      expect(await refusal(verifier, token)).toMatchObject({ code: 'invalid_token', detail: `tokens signed with "${alg}" are not accepted here; accepted: HS256 (GOTRS)` });
    }
  });

  it('refuses a wrong issuer, and a token without one', async () => {
    expect(await refusal(verifier, await gotrsToken({ iss: 'evil' }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('"iss" claim') });
    expect(await refusal(verifier, await gotrsToken({ iss: undefined }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('"iss" claim') });
  });

  it('refuses an expired token beyond the 30 s clock tolerance, accepts one within it', async () => {
    expect(await refusal(verifier, await gotrsToken({ iat: now() - 3700, nbf: now() - 3700, exp: now() - 60 }))).toEqual({
      code: 'invalid_token', detail: 'the token has expired', challenge: 'Bearer realm="gotrs-api", error="invalid_token", error_description="the token has expired"',
    });
    await expect(verifier.verify(await gotrsToken({ exp: now() - 10 }))).resolves.toMatchObject({ id: '42' });
  });

  it('refuses a token that never expires', async () => {
    expect(await refusal(verifier, await gotrsToken({ exp: undefined }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('"exp" claim') });
  });

  it('refuses a token whose nbf is in the future (beyond the tolerance)', async () => {
    expect(await refusal(verifier, await gotrsToken({ nbf: now() + 120 }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('"nbf" claim') });
    await expect(verifier.verify(await gotrsToken({ nbf: now() + 10 }))).resolves.toMatchObject({ id: '42' });
  });

  it('refuses a GOTRS refresh token: it carries no role', async () => {
    expect(await refusal(verifier, await signHs(gotrsRefreshClaims()))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('not an access token') });
  });

  it('refuses unknown roles, lower-case ones included', async () => {
    for (const role of ['SuperAdmin', 'admin', '', 7, ['Admin'], null]) {
      expect(await refusal(verifier, await gotrsToken({ role }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('is not one of Admin, Agent, Customer') });
    }
  });

  it('refuses a user_id of the wrong type, Go\'s zero value, or none', async () => {
    for (const user_id of ['42', 1.5, -1, true, { id: 42 }]) {
      expect(await refusal(verifier, await gotrsToken({ user_id }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('"user_id" claim must be a non-negative integer') });
    }
    for (const user_id of [0, undefined]) {
      expect(await refusal(verifier, await gotrsToken({ user_id }))).toMatchObject({ code: 'invalid_token', detail: 'the token has no "user_id" (a positive number)' });
    }
  });

  it('refuses a blank or missing email, and a tenant_id that is not a number', async () => {
    for (const email of ['', ' ', 'a b@example.com', 'x\u0000@example.com', 42, undefined]) {
      expect(await refusal(verifier, await gotrsToken({ email }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('"email" claim') });
    }
    expect(await refusal(verifier, await gotrsToken({ tenant_id: 'acme' }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('"tenant_id"') });
  });

  it('refuses what is not a JWT at all', async () => {
    for (const token of ['abc', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.e30']) {
      expect(await refusal(verifier, token)).toMatchObject({ code: 'invalid_token' });
    }
  });
});

describe('identity provider tokens (RS256/ES256 through a JWKS)', () => {
  let rsa: IdpKey;
  let ec: IdpKey;
  let stranger: IdpKey;
  let jwksFile: string;

  beforeAll(async () => {
    [rsa, ec, stranger] = await Promise.all([idpKey('RS256', 'rsa-1'), idpKey('ES256', 'ec-1'), idpKey('RS256', 'rsa-1')]);
    jwksFile = join(mkdtempSync(join(tmpdir(), 'gotrs-jwks-')), 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [rsa.publicJwk, ec.publicJwk] }));
  });

  const fileVerifier = () =>
    createTokenVerifier(authSettings({ AUTH_JWT_SECRET: SECRET, AUTH_JWKS_FILE: jwksFile, AUTH_JWKS_ISSUER: IDP_ISSUER, AUTH_JWKS_AUDIENCE: `other,${IDP_AUDIENCE}` }));

  it('accepts RS256 and ES256 tokens from a JWKS file; user_id is optional, sub names the user then', async () => {
    const verifier = fileVerifier();
    await expect(verifier.verify(await idpToken(rsa))).resolves.toEqual({
      kind: 'user', id: 'idp|ada', email: 'ada@example.com', role: 'Admin', tenantId: null, method: 'jwks-token', issuer: IDP_ISSUER, subject: 'idp|ada',
    });
    await expect(verifier.verify(await idpToken(ec, { user_id: 7, role: 'Customer' }))).resolves.toMatchObject({ id: '7', role: 'Customer', method: 'jwks-token' });
    await expect(verifier.verify(await gotrsToken())).resolves.toMatchObject({ method: 'gotrs-token' });
  });

  it('refuses a wrong audience, a wrong issuer, a key not in the set, and a token without a role', async () => {
    const verifier = fileVerifier();
    expect(await refusal(verifier, await idpToken(rsa, { aud: 'someone-else' }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('"aud" claim') });
    expect(await refusal(verifier, await idpToken(rsa, { iss: 'gotrs' }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('"iss" claim') });
    expect(await refusal(verifier, await idpToken(stranger))).toMatchObject({ code: 'invalid_token', detail: 'the token signature does not verify' });
    expect(await refusal(verifier, await idpToken(rsa, { role: undefined }))).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('no role') });
  });

  it('refuses algorithm confusion: an HS256 token keyed with the public RSA key', async () => {
    const publicKeyBytes = new TextEncoder().encode(JSON.stringify(rsa.publicJwk));
    const forged = await new SignJWT(gotrsClaims({ iss: IDP_ISSUER, aud: IDP_AUDIENCE, role: 'Admin' }))
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
      .sign(publicKeyBytes);
    expect(await refusal(fileVerifier(), forged)).toMatchObject({ code: 'invalid_token' });
  });

  it('refuses RS256 tokens when no JWKS is configured, HS256 ones when no secret is', async () => {
    const jwksOnly = createTokenVerifier(authSettings({ AUTH_JWKS_FILE: jwksFile, AUTH_JWKS_ISSUER: IDP_ISSUER, AUTH_JWKS_AUDIENCE: IDP_AUDIENCE }));
    expect(await refusal(jwksOnly, await gotrsToken())).toMatchObject({ code: 'invalid_token', detail: expect.stringContaining('accepted: RS256/ES256 (identity provider)') });
  });

  describe('from a JWKS URL', () => {
    let server: Server;
    let url: string;
    let requests = 0;

    beforeAll(async () => {
      server = createServer((_request, response) => {
        requests += 1;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: [rsa.publicJwk, ec.publicJwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('fetches the key set once and verifies with it', async () => {
      const verifier = createTokenVerifier(authSettings({ AUTH_JWKS_URL: url, AUTH_JWKS_ISSUER: IDP_ISSUER, AUTH_JWKS_AUDIENCE: IDP_AUDIENCE }));
      requests = 0;
      await expect(verifier.verify(await idpToken(rsa))).resolves.toMatchObject({ email: 'ada@example.com' });
      await expect(verifier.verify(await idpToken(ec))).resolves.toMatchObject({ email: 'ada@example.com' });
      expect(requests).toBe(1);
    });

    it('answers 503 identity_provider_unavailable, not 401, when the key set cannot be fetched', async () => {
      const down = new URL(url);
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      down.port = String((probe.address() as AddressInfo).port);
      await new Promise((resolve) => probe.close(resolve));
      const verifier = createTokenVerifier(authSettings({ AUTH_JWKS_URL: down.toString(), AUTH_JWKS_ISSUER: IDP_ISSUER, AUTH_JWKS_AUDIENCE: IDP_AUDIENCE }));
      expect(await refusal(verifier, await idpToken(rsa))).toMatchObject({ code: 'identity_provider_unavailable' });
    });
  });
});
