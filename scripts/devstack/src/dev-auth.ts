import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { DATA_DIR } from './paths';

/** Where `make dev` keeps the development JWT secret it creates (git-ignored, survives restarts). */
export const DEV_SECRET_FILE = join(DATA_DIR, 'auth', 'dev-jwt-secret');

/** The development admin of `make dev`'s token: a GOTRS-style identity, not a real account. */
export const DEV_ADMIN = { userId: 1, email: 'dev-admin@localhost', role: 'Admin' } as const;

/** How long the printed token lasts. */
const TOKEN_DAYS = 30;

/** Whether the environment already says how tokens are verified (then make dev creates nothing). */
export function tokenVerificationConfigured(env: NodeJS.ProcessEnv): boolean {
  return ['AUTH_JWT_SECRET', 'AUTH_JWT_SECRET_FILE', 'AUTH_JWKS_URL', 'AUTH_JWKS_FILE'].some((name) => Boolean(env[name]));
}

/** The development secret: read from `file`, created there (0600, 48 random bytes) the first time. */
export function devSecret(file = DEV_SECRET_FILE): string {
  if (!existsSync(file)) {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

/** A GOTRS access token for the development admin, signed with `secret` (HS256, `iss: gotrs`). */
export function devAdminToken(secret: string, issuer = 'gotrs', now = Date.now()): Promise<string> {
  return new SignJWT({ user_id: DEV_ADMIN.userId, email: DEV_ADMIN.email, role: DEV_ADMIN.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(DEV_ADMIN.email)
    .setIssuedAt(Math.floor(now / 1000))
    .setNotBefore(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + TOKEN_DAYS * 86_400)
    .sign(new TextEncoder().encode(secret));
}
