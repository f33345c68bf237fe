import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, DEFAULT_CONFIG_FILE, describeTemporalConnection, loadConfig, temporalConnectionOptions } from '../src';
import { createTestPki, type TestPki } from '../../../test/tls/certificates';

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => pki?.remove());

const file = (name: string, text: string): string => {
  const path = join(pki.dir, name);
  writeFileSync(path, text);
  return path;
};

function problemOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the configuration');
}

const mtls = () => ({
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.ca.cert,
  TEMPORAL_TLS_CLIENT_CERT_PATH: pki.client.cert,
  TEMPORAL_TLS_CLIENT_KEY_PATH: pki.client.key,
});

/** config/temporal.yaml with its `tls:` block replaced by `tls` (YAML lines under `temporal:`), and the files beside it. */
function yamlWith(tls: string): { CONFIG_FILE: string; SLA_CONFIG_FILE: string; NOTIFICATIONS_CONFIG_FILE: string } {
  const text = readFileSync(DEFAULT_CONFIG_FILE, 'utf8').replace(/ {2}tls:\n(?: {4}.*\n)+/, `  tls:\n${tls}`);
  const beside = (name: string) => join(dirname(DEFAULT_CONFIG_FILE), name);
  return {
    CONFIG_FILE: file(`temporal-${Math.random().toString(36).slice(2)}.yaml`, text),
    SLA_CONFIG_FILE: beside('sla.yaml'),
    NOTIFICATIONS_CONFIG_FILE: beside('notifications.yaml'),
  };
}

describe('the connection to Temporal', () => {
  it('is plaintext without a key by default, and an empty variable counts as unset', () => {
    const { temporal } = loadConfig({ TEMPORAL_TLS: '', TEMPORAL_API_KEY: '', TEMPORAL_TLS_CLIENT_CERT_PATH: '' });
    expect({ tls: temporal.tls, apiKey: temporal.apiKey }).toEqual({ tls: null, apiKey: null });
    expect(temporalConnectionOptions(temporal)).toEqual({ address: '127.0.0.1:7233', tls: false });
  });

  it('uses mTLS with the CA, the client certificate and the key the TEMPORAL_TLS_* files name', () => {
    const { temporal } = loadConfig({ ...mtls(), TEMPORAL_ADDRESS: 'temporal.example:7233', TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' });
    expect(temporalConnectionOptions(temporal)).toEqual({
      address: 'temporal.example:7233',
      tls: {
        serverNameOverride: 'temporal.internal',
        serverRootCACertificate: readFileSync(pki.ca.cert),
        clientCertPair: { crt: readFileSync(pki.client.cert), key: readFileSync(pki.client.key) },
      },
    });
    expect(describeTemporalConnection(temporal)).toBe('TLS (own CA, client certificate, server name temporal.internal)');
  });

  it('takes the PEM itself from the *_DATA variables', () => {
    const { temporal } = loadConfig({ TEMPORAL_TLS_SERVER_CA_CERT_DATA: pki.pem(pki.ca.cert) });
    expect(temporal.tls).toEqual({ serverName: null, serverCaCert: readFileSync(pki.ca.cert), clientCertPair: null });
  });

  it('turns TLS on with the system CAs for an API key alone (Temporal Cloud), trimming the secret file', () => {
    const { temporal } = loadConfig({ TEMPORAL_API_KEY_FILE: file('key', 'abc.DEF-123_x\n'), TEMPORAL_NAMESPACE: 'gotrs.a1b2c' });
    expect(temporalConnectionOptions(temporal)).toEqual({ address: '127.0.0.1:7233', tls: {}, apiKey: 'abc.DEF-123_x' });
    expect(describeTemporalConnection(temporal)).toBe('TLS (system CAs), API key');
    expect(loadConfig({ TEMPORAL_TLS: 'true' }).temporal.tls).toEqual({ serverName: null, serverCaCert: null, clientCertPair: null });
  });

  it('reads temporal.tls and temporal.api_key_file of config/temporal.yaml, and the environment wins over them', () => {
    const config = yamlWith(`    server_ca_cert_path: ${pki.otherCa.cert}\n    client_cert_path: ${pki.client.cert}\n    client_key_path: ${pki.client.key}\n`);
    const fromFile = loadConfig(config);
    expect(fromFile.temporal.tls).toMatchObject({ serverCaCert: readFileSync(pki.otherCa.cert), clientCertPair: { crt: readFileSync(pki.client.cert) } });
    const overridden = loadConfig({ ...config, TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.ca.cert });
    expect(overridden.temporal.tls).toMatchObject({ serverCaCert: readFileSync(pki.ca.cert), clientCertPair: { crt: readFileSync(pki.client.cert) } });
    expect(problemOf({ ...config, TEMPORAL_TLS: 'false' })).toContain(`temporal.tls.server_ca_cert_path (${config.CONFIG_FILE}): set, but TLS to Temporal is off (TEMPORAL_TLS)`);
  });

  describe('a Temporal profile (@temporalio/envconfig TOML)', () => {
    const toml = () =>
      file(
        'temporal.toml',
        [
          '[profile.default]',
          'address = "default.example:7233"',
          '[profile.cloud]',
          'address = "gotrs.a1b2c.tmprl.cloud:7233"',
          'namespace = "gotrs.a1b2c"',
          'api_key = "cloud-key"',
          '[profile.cloud.tls]',
          `server_ca_cert_path = "${pki.ca.cert}"`,
          '[profile.cloud.grpc_meta]',
          'x-team = "helpdesk"',
        ].join('\n'),
      );

    it('is used when TEMPORAL_CONFIG_FILE and TEMPORAL_PROFILE name it; the variables still win', () => {
      const { temporal } = loadConfig({ TEMPORAL_CONFIG_FILE: toml(), TEMPORAL_PROFILE: 'cloud', TEMPORAL_GRPC_META_X_REQUEST_SOURCE: 'gateway' });
      expect(temporalConnectionOptions(temporal)).toEqual({
        address: 'gotrs.a1b2c.tmprl.cloud:7233',
        tls: { serverRootCACertificate: readFileSync(pki.ca.cert) },
        apiKey: 'cloud-key',
        metadata: { 'x-team': 'helpdesk', 'x-request-source': 'gateway' },
      });
      expect(temporal.namespace).toBe('gotrs.a1b2c');
      const overridden = loadConfig({ TEMPORAL_CONFIG_FILE: toml(), TEMPORAL_PROFILE: 'cloud', TEMPORAL_ADDRESS: 'other:7233', TEMPORAL_API_KEY: 'env-key' });
      expect([overridden.temporal.address, overridden.temporal.apiKey]).toEqual(['other:7233', 'env-key']);
      expect(loadConfig({ TEMPORAL_CONFIG_FILE: toml() }).temporal.address).toBe('default.example:7233');
    });

    it("is not read from the user's config folder unless TEMPORAL_CONFIG_FILE or TEMPORAL_PROFILE asks", () => {
      const home = join(pki.dir, 'home');
      mkdirSync(join(home, '.config', 'temporalio'), { recursive: true });
      writeFileSync(join(home, '.config', 'temporalio', 'temporal.toml'), '[profile.default]\naddress = "surprise:7233"\napi_key = "k"\n');
      expect(loadConfig({ HOME: home }).temporal).toMatchObject({ address: '127.0.0.1:7233', tls: null, apiKey: null });
      expect(loadConfig({ HOME: home, TEMPORAL_PROFILE: 'default' }).temporal).toMatchObject({ address: 'surprise:7233', apiKey: 'k' });
    });

    it('names the profile and its file in a problem', () => {
      const broken = file('broken.toml', `[profile.default.tls]\nclient_key_path = "${pki.client.key}"\n`);
      expect(problemOf({ TEMPORAL_CONFIG_FILE: broken })).toContain(`profile.default.tls.client_key_path (TEMPORAL_CONFIG_FILE=${broken}): a client key needs its certificate`);
      expect(problemOf({ TEMPORAL_CONFIG_FILE: toml(), TEMPORAL_PROFILE: 'staging' })).toMatch(/^TEMPORAL_PROFILE: Profile 'staging' not found/);
      expect(problemOf({ TEMPORAL_CONFIG_FILE: join(pki.dir, 'none.toml') })).toMatch(/^TEMPORAL_CONFIG_FILE: cannot read/);
      expect(problemOf({ TEMPORAL_CONFIG_FILE: file('typo.toml', '[profile.default]\nadress = "x:1"\n') })).toMatch(/^TEMPORAL_CONFIG_FILE: .*unrecognized.*adress/);
    });
  });
});

describe('the connection to Temporal: what is refused at start, by name', () => {
  it.each<[string, () => Record<string, string>, string]>([
    ['a file that is not there', () => ({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: join(pki.dir, 'missing.pem') }), 'TEMPORAL_TLS_SERVER_CA_CERT_PATH: cannot read'],
    ['a CA that is not a PEM certificate', () => ({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.client.key }), 'TEMPORAL_TLS_SERVER_CA_CERT_PATH: not a PEM CA certificate'],
    ['a client certificate without its key', () => ({ TEMPORAL_TLS_CLIENT_CERT_PATH: pki.client.cert }), 'TEMPORAL_TLS_CLIENT_CERT_PATH: a client certificate needs its private key'],
    ['a client key without its certificate', () => ({ TEMPORAL_TLS_CLIENT_KEY_DATA: pki.pem(pki.client.key) }), 'TEMPORAL_TLS_CLIENT_KEY_DATA: a client key needs its certificate'],
    ['a key of another certificate', () => ({ ...mtls(), TEMPORAL_TLS_CLIENT_KEY_PATH: pki.strangerClient.key }), `TEMPORAL_TLS_CLIENT_KEY_PATH: this key does not belong to the client certificate of TEMPORAL_TLS_CLIENT_CERT_PATH`],
    ['a key that is not a key', () => ({ ...mtls(), TEMPORAL_TLS_CLIENT_KEY_PATH: pki.client.cert }), 'TEMPORAL_TLS_CLIENT_KEY_PATH: not a PEM private key'],
    ['a file and a PEM for one certificate', () => ({ ...mtls(), TEMPORAL_TLS_CLIENT_CERT_DATA: pki.pem(pki.client.cert) }), 'TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_CERT_DATA: set only one of them'],
    ['an API key without TLS', () => ({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' }), 'TEMPORAL_API_KEY: an API key is only sent over TLS, but TLS to Temporal is off (TEMPORAL_TLS)'],
    ['a certificate without TLS', () => ({ ...mtls(), TEMPORAL_TLS: '0' }), 'TEMPORAL_TLS_CLIENT_CERT_PATH: set, but TLS to Temporal is off (TEMPORAL_TLS)'],
    ['TEMPORAL_TLS that is not a boolean', () => ({ TEMPORAL_TLS: 'yes' }), 'TEMPORAL_TLS: "yes" is not a boolean (true, false, 1 or 0)'],
    ['two API keys', () => ({ TEMPORAL_API_KEY: 'k', TEMPORAL_API_KEY_FILE: file('key2', 'k') }), 'TEMPORAL_API_KEY, TEMPORAL_API_KEY_FILE: set only one of them'],
    ['an empty API key file', () => ({ TEMPORAL_API_KEY_FILE: file('empty-key', '\n') }), 'TEMPORAL_API_KEY_FILE: is empty'],
    ['an API key with a NUL', () => ({ TEMPORAL_API_KEY: 'secret\u0000x' }), 'TEMPORAL_API_KEY: is not an API key'],
    ['an API key with a space', () => ({ TEMPORAL_API_KEY: 'Bearer secret' }), 'TEMPORAL_API_KEY: is not an API key'],
    ['an API key next to an authorization header', () => ({ TEMPORAL_API_KEY: 'k', TEMPORAL_GRPC_META_AUTHORIZATION: 'Bearer x' }), 'TEMPORAL_GRPC_META_*: an authorization header and an API key (TEMPORAL_API_KEY) exclude each other'],
    ['a server name with a space', () => ({ TEMPORAL_TLS_SERVER_NAME: 'temporal internal' }), 'TEMPORAL_TLS_SERVER_NAME: "temporal internal" is not a host name'],
    ['host verification turned off', () => ({ TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: 'true' }), 'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: not supported by the TypeScript SDK'],
  ])('%s', (_, env, problem) => {
    expect(problemOf(env())).toContain(`\n  ${problem}`);
  });

  it('never quotes an API key it refuses', () => {
    expect(problemOf({ TEMPORAL_API_KEY: 'hunter2 secret' })).not.toContain('hunter2');
  });

  it('names the setting of config/temporal.yaml', () => {
    const config = yamlWith(`    client_cert_path: ${pki.client.cert}\n`);
    expect(problemOf(config)).toContain(`temporal.tls.client_cert_path (${config.CONFIG_FILE}): a client certificate needs its private key`);
    expect(problemOf(yamlWith(`    enabled: maybe\n`))).toContain('/temporal/tls/enabled');
  });
});
