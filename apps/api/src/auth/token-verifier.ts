import { ConfigError, type AuthSettings } from '@gotrs/config';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ApiError } from '../errors/api-error';
import { invalidToken } from './auth-failure';
import type { UserCaller } from './caller';
import { userFromClaims } from './token-claims';

/** Verifies a bearer JWT and says who it names; throws AuthFailure (401) or a 503 ApiError. */
export interface TokenVerifier {
  verify(token: string): Promise<UserCaller>;
}

const IDP_ALGORITHMS = ['RS256', 'ES256'];
const REMOTE_JWKS = { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 };

/** jose's codes that mean "this token is bad", as opposed to "the key set could not be had". */
const TOKEN_FAULTS: Record<string, string> = {
  ERR_JWT_EXPIRED: 'the token has expired',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'the token signature does not verify',
  ERR_JWS_INVALID: 'the token is not a valid JWS',
  ERR_JWT_INVALID: 'the token is not a valid JWT',
  ERR_JOSE_ALG_NOT_ALLOWED: 'the token algorithm is not allowed',
  ERR_JOSE_NOT_SUPPORTED: 'the token uses an unsupported feature',
  ERR_JWKS_NO_MATCHING_KEY: "no key of the identity provider's key set matches the token",
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: "several keys of the identity provider's key set match the token",
  ERR_JWK_INVALID: 'the key the token names is not valid',
};

function describeFault(error: unknown): string | undefined {
  if (!(error instanceof errors.JOSEError)) return undefined;
  if (error instanceof errors.JWTClaimValidationFailed && error.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    return `the "${error.claim}" claim is not acceptable (${error.reason})`;
  }
  return TOKEN_FAULTS[error.code];
}

function keySetOf(jwks: NonNullable<AuthSettings['jwks']>): JWTVerifyGetKey {
  if (jwks.source.kind === 'url') return createRemoteJWKSet(new URL(jwks.source.url), REMOTE_JWKS);
  try {
    return createLocalJWKSet(jwks.source.keySet as unknown as JSONWebKeySet);
  } catch (error) {
    throw new ConfigError(`AUTH_JWKS_FILE: ${jwks.source.path}: ${(error as Error).message}`);
  }
}

function algorithmOf(token: string): unknown {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    throw invalidToken('the bearer token is neither a JWT nor an API key');
  }
}

/**
 * GOTRS access tokens: HS256 with AUTH_JWT_SECRET and `iss` of auth.jwt_issuer. An identity
 * provider's: RS256/ES256 against its JWKS, with its issuer and audience. Each family is checked
 * only with its own keys and algorithms, so that no token can pass as the other (alg confusion);
 * `none` and every other algorithm are refused. `exp` is required; `exp`/`nbf` allow the clock tolerance.
 */
export function createTokenVerifier(settings: AuthSettings): TokenVerifier {
  const secret = settings.gotrs ? new TextEncoder().encode(settings.gotrs.secret) : null;
  const keySet = settings.jwks ? keySetOf(settings.jwks) : null;
  const clockTolerance = settings.clockToleranceSeconds;

  async function checked(run: () => Promise<{ payload: JWTPayload }>, remote: boolean): Promise<JWTPayload> {
    try {
      return (await run()).payload;
    } catch (error) {
      const fault = describeFault(error);
      if (fault !== undefined || !remote) throw invalidToken(fault ?? 'the token cannot be verified');
      throw new ApiError('identity_provider_unavailable', "the identity provider's key set cannot be fetched; retry later", undefined, { cause: error });
    }
  }

  return {
    async verify(token) {
      const alg = algorithmOf(token);
      if (alg === 'HS256' && secret && settings.gotrs) {
        const { issuer } = settings.gotrs;
        const payload = await checked(() => jwtVerify(token, secret, { algorithms: ['HS256'], issuer, clockTolerance, requiredClaims: ['exp', 'sub'] }), false);
        return userFromClaims(payload, 'gotrs-token');
      }
      if (typeof alg === 'string' && IDP_ALGORITHMS.includes(alg) && keySet && settings.jwks) {
        const { issuer, audience } = settings.jwks;
        const options = { algorithms: IDP_ALGORITHMS, issuer, audience, clockTolerance, requiredClaims: ['exp', 'sub'] };
        const payload = await checked(() => jwtVerify(token, keySet, options), settings.jwks.source.kind === 'url');
        return userFromClaims(payload, 'jwks-token');
      }
      const accepted = [secret ? 'HS256 (GOTRS)' : null, keySet ? 'RS256/ES256 (identity provider)' : null].filter(Boolean).join(' and ');
      const name = typeof alg === 'string' && /^[A-Za-z0-9]{1,16}$/.test(alg) ? `"${alg}"` : 'that algorithm';
      throw invalidToken(`tokens signed with ${name} are not accepted here; accepted: ${accepted || 'none'}`);
    },
  };
}
