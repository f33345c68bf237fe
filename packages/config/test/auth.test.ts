import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadAuthSettings, loadConfig, loadNotificationSettings, readSecretVariable, requireTokenVerification } from '../src';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!';
const dir = mkdtempSync(join(tmpdir(), 'gotrs-auth-config-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const PUBLIC_JWK = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', kid: 'ec-1' };
const IDP = { AUTH_JWKS_ISSUER: 'https://idp.example', AUTH_JWKS_AUDIENCE: 'gotrs-gateway' };

describe('auth settings', () => {
  it('are part of loadConfig: config/temporal.yaml gives issuer gotrs, 30 s tolerance, 5 min last-used interval', () => {
    expect(loadConfig({ AUTH_JWT_SECRET: SECRET }).auth).toEqual({
      gotrs: { secret: SECRET, issuer: 'gotrs' }, jwks: null, clockToleranceSeconds: 30, apiKeyLastUsedIntervalMs: 300_000,
    });
  });

  it('let loadConfig succeed with no way to verify tokens (worker, tools), but not the API server', () => {
    const { auth } = loadConfig({});
    expect(auth.gotrs).toBeNull();
    expect(() => requireTokenVerification(auth)).toThrow(ConfigError);
    expect(() => requireTokenVerification(auth)).toThrow(/AUTH_JWT_SECRET.*AUTH_JWT_SECRET_FILE.*AUTH_JWKS_URL.*AUTH_JWKS_FILE/);
    expect(() => requireTokenVerification(loadAuthSettings(undefined, { AUTH_JWT_SECRET: SECRET }))).not.toThrow();
  });

  it('read the secret from AUTH_JWT_SECRET_FILE, without its trailing newline', () => {
    const path = file('jwt-secret', `${SECRET}\n`);
    expect(loadAuthSettings(undefined, { AUTH_JWT_SECRET_FILE: path }).gotrs).toEqual({ secret: SECRET, issuer: 'gotrs' });
  });

  it('refuse a secret shorter than 32 bytes, counting bytes not characters', () => {
    expect(() => loadAuthSettings(undefined, { AUTH_JWT_SECRET: 'short' })).toThrow('AUTH_JWT_SECRET must be at least 32 bytes (got 5)');
    expect(() => loadAuthSettings(undefined, { AUTH_JWT_SECRET: 'x'.repeat(31) })).toThrow(ConfigError);
    expect(loadAuthSettings(undefined, { AUTH_JWT_SECRET: 'é'.repeat(16) }).gotrs?.secret).toBe('é'.repeat(16));
    expect(() => loadAuthSettings(undefined, { AUTH_JWT_SECRET_FILE: file('short-secret', 'short\n') })).toThrow('at least 32 bytes');
  });

  it('refuse both forms at once, and a secret file that cannot be read', () => {
    expect(() => loadAuthSettings(undefined, { AUTH_JWT_SECRET: SECRET, AUTH_JWT_SECRET_FILE: file('s', SECRET) })).toThrow('set AUTH_JWT_SECRET or AUTH_JWT_SECRET_FILE, not both');
    expect(() => loadAuthSettings(undefined, { AUTH_JWT_SECRET_FILE: join(dir, 'missing') })).toThrow(/AUTH_JWT_SECRET_FILE: cannot read .*missing/);
  });

  it("treat an empty AUTH_JWT_SECRET (Go's zero value) as not set", () => {
    expect(loadAuthSettings(undefined, { AUTH_JWT_SECRET: '' }).gotrs).toBeNull();
  });

  it('take a JWKS file with its issuer and audiences', () => {
    const path = file('jwks.json', JSON.stringify({ keys: [PUBLIC_JWK] }));
    expect(loadAuthSettings(undefined, { AUTH_JWKS_FILE: path, AUTH_JWKS_ISSUER: 'https://idp.example', AUTH_JWKS_AUDIENCE: 'a, b' }).jwks).toEqual({
      source: { kind: 'file', path, keySet: { keys: [PUBLIC_JWK] } }, issuer: 'https://idp.example', audience: ['a', 'b'],
    });
  });

  it('refuse a JWKS that is not one, or holds a private key', () => {
    for (const content of ['not json', '{}', '{"keys": []}', '{"keys": ["x"]}']) {
      expect(() => loadAuthSettings(undefined, { AUTH_JWKS_FILE: file('bad.json', content), ...IDP })).toThrow(/AUTH_JWKS_FILE/);
    }
    const privateJwk = { ...PUBLIC_JWK, d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI' };
    expect(() => loadAuthSettings(undefined, { AUTH_JWKS_FILE: file('private.json', JSON.stringify({ keys: [privateJwk] })), ...IDP })).toThrow('holds a private key');
  });

  it('need an issuer and an audience with a JWKS, and https unless on localhost', () => {
    expect(() => loadAuthSettings(undefined, { AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_JWKS_AUDIENCE: 'x' })).toThrow('AUTH_JWKS_ISSUER');
    expect(() => loadAuthSettings(undefined, { AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_JWKS_ISSUER: 'x' })).toThrow('AUTH_JWKS_AUDIENCE');
    expect(() => loadAuthSettings(undefined, { AUTH_JWKS_URL: 'http://idp.example/jwks', ...IDP })).toThrow('must be https');
    expect(() => loadAuthSettings(undefined, { AUTH_JWKS_URL: 'https://a/jwks', AUTH_JWKS_FILE: 'b', ...IDP })).toThrow('not both');
    expect(loadAuthSettings(undefined, { AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks', ...IDP }).jwks?.source).toEqual({ kind: 'url', url: 'http://127.0.0.1:8080/jwks' });
  });

  it('come from the auth: section of the YAML file, the environment winning', () => {
    const settings = loadAuthSettings(
      { jwt_issuer: 'gotrs-eu', clock_tolerance: '5s', api_key_last_used_interval: '1m', jwks: { url: 'https://idp.example/jwks', issuer: 'https://idp.example', audience: ['gw'] } },
      { AUTH_JWKS_AUDIENCE: 'from-env', AUTH_JWT_SECRET: SECRET },
    );
    expect(settings).toMatchObject({ gotrs: { issuer: 'gotrs-eu' }, clockToleranceSeconds: 5, apiKeyLastUsedIntervalMs: 60_000, jwks: { audience: ['from-env'] } });
    expect(() => loadAuthSettings({ clock_tolerance: '10m' }, {})).toThrow('at most 300s');
  });
});

describe('readSecretVariable and SMTP credentials from files', () => {
  it('reads NAME or NAME_FILE', () => {
    expect(readSecretVariable({ X: 'direct' }, 'X')).toBe('direct');
    expect(readSecretVariable({ X_FILE: file('x', 'from-file\r\n') }, 'X')).toBe('from-file');
    expect(readSecretVariable({}, 'X')).toBeUndefined();
  });

  it('gives SMTP_USER_FILE and SMTP_PASSWORD_FILE to the mailer', () => {
    const notifications = resolve(__dirname, '../../../config/notifications.yaml');
    const settings = loadNotificationSettings(notifications, { SMTP_USER_FILE: file('smtp-user', 'gotrs\n'), SMTP_PASSWORD_FILE: file('smtp-pass', 's3cret\n') });
    expect(settings.smtp.auth).toEqual({ user: 'gotrs', pass: 's3cret' });
    expect(() => loadNotificationSettings(notifications, { SMTP_USER: 'u', SMTP_PASSWORD: 'p', SMTP_PASSWORD_FILE: file('p2', 'p') })).toThrow('not both');
  });
});
