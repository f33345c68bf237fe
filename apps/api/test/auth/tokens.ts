import { loadAuthSettings, type AuthSettings } from '@gotrs/config';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload, type KeyLike } from 'jose';

/** The secret the tests' GOTRS signs with (32 bytes and more). */
export const SECRET = 'test-secret-of-gotrs-0123456789abcdef';
export const IDP_ISSUER = 'https://idp.example.test/realms/gotrs';
export const IDP_AUDIENCE = 'gotrs-gateway';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** GOTRS-ce's access token claims for a user (GenerateToken), valid for an hour. */
export function gotrsClaims(overrides: Record<string, unknown> = {}): JWTPayload {
  const now = nowSeconds();
  return { user_id: 42, email: 'grace@example.com', role: 'Agent', iss: 'gotrs', sub: 'grace@example.com', iat: now, nbf: now, exp: now + 3600, ...overrides };
}

/** GOTRS-ce's refresh token claims (GenerateRefreshToken): no user_id, email or role. */
export function gotrsRefreshClaims(): JWTPayload {
  const now = nowSeconds();
  return { iss: 'gotrs', sub: 'grace@example.com', jti: '*', iat: now, nbf: now, exp: now + 7 * 86400 };
}

/** Signs `claims` as they are (no defaults added), with HS256 and `secret` unless told otherwise. */
export function signHs(claims: JWTPayload, options: { secret?: string | Uint8Array; alg?: string } = {}): Promise<string> {
  const secret = options.secret ?? SECRET;
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  return new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' }).sign(key);
}

/** A GOTRS access token for `overrides` of the default Agent's claims. */
export function gotrsToken(overrides: Record<string, unknown> = {}): Promise<string> {
  return signHs(gotrsClaims(overrides));
}

/** An unsigned token (`alg: none`), as an attacker would write one. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

export interface IdpKey {
  alg: 'RS256' | 'ES256';
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export async function idpKey(alg: 'RS256' | 'ES256', kid: string): Promise<IdpKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** An identity provider's token for a person. */
export function idpToken(key: IdpKey, overrides: Record<string, unknown> = {}): Promise<string> {
  const now = nowSeconds();
  const claims = { iss: IDP_ISSUER, aud: IDP_AUDIENCE, sub: 'idp|ada', email: 'ada@example.com', role: 'Admin', iat: now, exp: now + 600, ...overrides };
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

/** Auth settings as loadAuthSettings makes them from these variables (built-in defaults: 30s clock tolerance). */
export function authSettings(env: Record<string, string | undefined> = { AUTH_JWT_SECRET: SECRET }): AuthSettings {
  return loadAuthSettings(undefined, env);
}
