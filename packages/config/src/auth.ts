import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { parseDurationMs } from './duration';
import { ConfigError } from './errors';
import { readSecretVariable } from './secret-variable';

type Env = Record<string, string | undefined>;

const Duration = Type.Union([Type.String(), Type.Number({ minimum: 0 })]);
const OptionalText = Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()]));

/** The `auth:` section of config/temporal.yaml. Secrets never go here: only in the environment. */
export const AuthFileSchema = Type.Object(
  {
    jwt_issuer: Type.Optional(Type.String({ minLength: 1 })),
    clock_tolerance: Type.Optional(Duration),
    api_key_last_used_interval: Type.Optional(Duration),
    jwks: Type.Optional(
      Type.Object(
        {
          url: OptionalText,
          file: OptionalText,
          issuer: OptionalText,
          audience: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 })), Type.Null()])),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type AuthFile = Static<typeof AuthFileSchema>;

/** A JSON Web Key Set as read from AUTH_JWKS_FILE (checked in depth by the API's verifier). */
export interface JsonWebKeySet {
  keys: Array<Record<string, unknown>>;
}

/** How the API verifies callers' tokens. */
export interface AuthSettings {
  /** GOTRS access tokens (HS256); null when neither AUTH_JWT_SECRET nor AUTH_JWT_SECRET_FILE is set. */
  gotrs: { secret: string; issuer: string } | null;
  /** RS256/ES256 tokens of an identity provider, checked against its key set; null when not configured. */
  jwks: {
    source: { kind: 'url'; url: string } | { kind: 'file'; path: string; keySet: JsonWebKeySet };
    issuer: string;
    audience: string[];
  } | null;
  /** Skew accepted on `exp`, `nbf` and `iat`. */
  clockToleranceSeconds: number;
  /** An API key's `last_used_at` is written at most this often. */
  apiKeyLastUsedIntervalMs: number;
}

/** Fewer bytes than this and an HS256 secret can be guessed offline from one token. */
export const MIN_SECRET_BYTES = 32;
const MAX_CLOCK_TOLERANCE_SECONDS = 300;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function ms(value: string | number, setting: string): number {
  try {
    return parseDurationMs(value);
  } catch (error) {
    throw new ConfigError(`${setting}: ${(error as Error).message}`);
  }
}

function gotrsSettings(env: Env, issuer: string): AuthSettings['gotrs'] {
  const secret = readSecretVariable(env, 'AUTH_JWT_SECRET');
  if (secret === undefined || secret === '') return null;
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_SECRET_BYTES) {
    throw new ConfigError(`AUTH_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes (got ${bytes}): use the secret GOTRS signs its tokens with`);
  }
  return { secret, issuer };
}

function jwksUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`AUTH_JWKS_URL: "${raw}" is not a URL`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return url.toString();
  throw new ConfigError(`AUTH_JWKS_URL must be https (plain http only on localhost), got "${raw}"`);
}

function jwksFile(path: string): JsonWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`AUTH_JWKS_FILE: cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'object' && k !== null && !Array.isArray(k))) {
    throw new ConfigError(`AUTH_JWKS_FILE: ${path} is not a JSON Web Key Set ({"keys": [...]} with at least one key)`);
  }
  if (keys.some((k) => 'd' in k)) throw new ConfigError(`AUTH_JWKS_FILE: ${path} holds a private key; give the public keys only`);
  return { keys: keys as Record<string, unknown>[] };
}

function audiences(value: string | string[] | null | undefined): string[] {
  const list = Array.isArray(value) ? value : (value ?? '').split(',');
  return list.map((a) => a.trim()).filter(Boolean);
}

function jwksSettings(file: AuthFile['jwks'], env: Env): AuthSettings['jwks'] {
  const url = env.AUTH_JWKS_URL || file?.url || null;
  const path = env.AUTH_JWKS_FILE || file?.file || null;
  if (!url && !path) return null;
  if (url && path) throw new ConfigError('set AUTH_JWKS_URL or AUTH_JWKS_FILE (auth.jwks.url or auth.jwks.file), not both');
  const issuer = env.AUTH_JWKS_ISSUER || file?.issuer;
  const audience = audiences(env.AUTH_JWKS_AUDIENCE || file?.audience);
  // Without both, any token the identity provider signs for any of its applications would pass.
  if (!issuer) throw new ConfigError('AUTH_JWKS_ISSUER (auth.jwks.issuer) is required with a JWKS: the identity provider\'s `iss`');
  if (!audience.length) throw new ConfigError('AUTH_JWKS_AUDIENCE (auth.jwks.audience) is required with a JWKS: the `aud` its tokens carry for this API');
  const source = url ? { kind: 'url' as const, url: jwksUrl(url) } : { kind: 'file' as const, path: path!, keySet: jwksFile(path!) };
  return { source, issuer, audience };
}

/**
 * The `auth:` section and AUTH_JWT_SECRET / AUTH_JWT_SECRET_FILE, AUTH_JWKS_URL / AUTH_JWKS_FILE,
 * AUTH_JWKS_ISSUER, AUTH_JWKS_AUDIENCE (comma-separated). Having no way to verify tokens is allowed
 * here (the worker and the tools need none): the API server asks {@link requireTokenVerification}.
 */
export function loadAuthSettings(file: AuthFile | undefined, env: Env): AuthSettings {
  const tolerance = ms(file?.clock_tolerance ?? '30s', 'auth.clock_tolerance');
  if (tolerance > MAX_CLOCK_TOLERANCE_SECONDS * 1000) {
    throw new ConfigError(`auth.clock_tolerance must be at most ${MAX_CLOCK_TOLERANCE_SECONDS}s`);
  }
  return {
    gotrs: gotrsSettings(env, file?.jwt_issuer ?? 'gotrs'),
    jwks: jwksSettings(file?.jwks, env),
    clockToleranceSeconds: Math.floor(tolerance / 1000),
    apiKeyLastUsedIntervalMs: ms(file?.api_key_last_used_interval ?? '5m', 'auth.api_key_last_used_interval'),
  };
}

/** For the API server: a ConfigError naming the variables when no token could ever be verified. */
export function requireTokenVerification(settings: AuthSettings): void {
  if (settings.gotrs || settings.jwks) return;
  throw new ConfigError(
    'the API cannot verify tokens: set AUTH_JWT_SECRET (or AUTH_JWT_SECRET_FILE) to the secret GOTRS signs its tokens with, ' +
      'and/or AUTH_JWKS_URL (or AUTH_JWKS_FILE) with AUTH_JWKS_ISSUER and AUTH_JWKS_AUDIENCE',
  );
}
