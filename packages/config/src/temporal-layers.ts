import { accessSync, constants } from 'node:fs';
import { loadClientConfigProfile, type ClientConfigProfile, type ConfigDataSource } from '@temporalio/envconfig';
import { ConfigError } from './errors';
import type { ConfigFile } from './schema';

/** A value and the name of where it came from (a variable, or a setting and its file), for problems. */
export interface Given<T> {
  value: T;
  label: string;
}

/** A certificate, key or API key: a file to read, or the text itself. */
export type Material = { path: string } | { data: string | Uint8Array };

/** What one source (config/temporal.yaml, a Temporal profile, the environment) says about the connection. */
export interface ConnectionLayer {
  address?: Given<string>;
  namespace?: Given<string>;
  enabled?: Given<boolean>;
  serverName?: Given<string>;
  serverCaCert?: Given<Material>;
  clientCert?: Given<Material>;
  clientKey?: Given<Material>;
  apiKey?: Given<Material>;
  metadata?: Given<Record<string, string>>;
}

type Env = Record<string, string | undefined>;

/** The variables of `@temporalio/envconfig` for each certificate and key: a file (`*_PATH`) or the PEM (`*_DATA`). */
const MATERIAL: Array<{ toml: string; path: { variable: string }; data: { variable: string } }> = [
  { toml: 'server_ca_cert', path: { variable: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH' }, data: { variable: 'TEMPORAL_TLS_SERVER_CA_CERT_DATA' } },
  { toml: 'client_cert', path: { variable: 'TEMPORAL_TLS_CLIENT_CERT_PATH' }, data: { variable: 'TEMPORAL_TLS_CLIENT_CERT_DATA' } },
  { toml: 'client_key', path: { variable: 'TEMPORAL_TLS_CLIENT_KEY_PATH' }, data: { variable: 'TEMPORAL_TLS_CLIENT_KEY_DATA' } },
];

/** The variables envconfig reads for the other settings (names of the TOML profile's keys). */
const VARIABLES: Record<string, { variable: string }> = {
  address: { variable: 'TEMPORAL_ADDRESS' },
  namespace: { variable: 'TEMPORAL_NAMESPACE' },
  api_key: { variable: 'TEMPORAL_API_KEY' },
  'tls.disabled': { variable: 'TEMPORAL_TLS' },
  'tls.server_name': { variable: 'TEMPORAL_TLS_SERVER_NAME' },
  grpc_meta: { variable: 'TEMPORAL_GRPC_META_*' },
};

/** What envconfig reads as true or false (it takes anything else silently as false). */
const BOOLEANS = ['true', 'false', '1', '0'];

const given = <T>(value: T | null | undefined, label: string): Given<T> | undefined =>
  value === undefined || value === null || value === '' ? undefined : { value, label };

function material(path: string | null | undefined, data: string | null | undefined, pathLabel: string, dataLabel: string, problems: string[]): Given<Material> | undefined {
  const fromPath = given(path, pathLabel);
  const fromData = given(data, dataLabel);
  if (fromPath && fromData) problems.push(`${pathLabel}, ${dataLabel}: set only one of them`);
  if (fromPath) return { value: { path: fromPath.value }, label: pathLabel };
  return fromData && { value: { data: fromData.value }, label: dataLabel };
}

/** `temporal.tls`, `temporal.api_key` and `temporal.api_key_file` of config/temporal.yaml. */
export function yamlLayer(t: ConfigFile['temporal'], source: string, problems: string[]): ConnectionLayer {
  const label = (setting: string) => `temporal.${setting} (${source})`;
  const tls = t.tls ?? {};
  const pem = (path: string | null | undefined, data: string | null | undefined, name: string) =>
    material(path, data, label(`tls.${name}_path`), label(`tls.${name}_data`), problems);
  return {
    enabled: given(tls.enabled, label('tls.enabled')),
    serverName: given(tls.server_name, label('tls.server_name')),
    serverCaCert: pem(tls.server_ca_cert_path, tls.server_ca_cert_data, 'server_ca_cert'),
    clientCert: pem(tls.client_cert_path, tls.client_cert_data, 'client_cert'),
    clientKey: pem(tls.client_key_path, tls.client_key_data, 'client_key'),
    apiKey: material(t.api_key_file, t.api_key, label('api_key_file'), label('api_key'), problems),
  };
}

/** Turns what `@temporalio/envconfig` loaded into a layer, naming each value with `label(setting)`. */
function fromProfile(profile: ClientConfigProfile, label: (setting: string, source?: ConfigDataSource) => string): ConnectionLayer {
  const tls = profile.tls ?? {};
  const data = (source: ConfigDataSource | undefined, setting: string): Given<Material> | undefined =>
    source && { value: source, label: label(setting, source) };
  return {
    address: given(profile.address, label('address')),
    namespace: given(profile.namespace, label('namespace')),
    enabled: tls.disabled === undefined ? undefined : { value: !tls.disabled, label: label('tls.disabled') },
    serverName: given(tls.serverName, label('tls.server_name')),
    serverCaCert: data(tls.serverCACert, 'server_ca_cert'),
    clientCert: data(tls.clientCert, 'client_cert'),
    clientKey: data(tls.clientKey, 'client_key'),
    apiKey: profile.apiKey ? { value: { data: profile.apiKey }, label: label('api_key') } : undefined,
    metadata: profile.grpcMeta && Object.keys(profile.grpcMeta).length > 0 ? { value: profile.grpcMeta, label: label('grpc_meta') } : undefined,
  };
}

/**
 * A client profile of a Temporal TOML file (`@temporalio/envconfig`'s format, as the `temporal` CLI
 * writes it), read only when TEMPORAL_CONFIG_FILE or TEMPORAL_PROFILE asks for one: a profile lying
 * in the user's home folder must not redirect a server by surprise.
 */
export function profileLayer(env: Env): ConnectionLayer {
  const file = env.TEMPORAL_CONFIG_FILE;
  const name = env.TEMPORAL_PROFILE;
  if (!file && !name) return {};
  const where = file ? `TEMPORAL_CONFIG_FILE=${file}` : 'the default Temporal config file';
  if (file) {
    try {
      accessSync(file, constants.R_OK);
    } catch (error) {
      throw new ConfigError(`TEMPORAL_CONFIG_FILE: cannot read ${file}: ${(error as Error).message}`);
    }
  }
  let profile: ClientConfigProfile;
  try {
    profile = loadClientConfigProfile({ profile: name || 'default', disableEnv: true, configFileStrict: true, overrideEnvVars: definedOnly(env) });
  } catch (error) {
    throw new ConfigError(`${name ? 'TEMPORAL_PROFILE' : 'TEMPORAL_CONFIG_FILE'}: ${(error as Error).message} (${where})`);
  }
  const label = (setting: string, source?: ConfigDataSource) =>
    `profile.${name || 'default'}.${source ? `tls.${setting}_${'path' in source ? 'path' : 'data'}` : setting} (${where})`;
  return fromProfile(profile, label);
}

/**
 * What the environment says, read by `@temporalio/envconfig` with its variable names (TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS, TEMPORAL_TLS_*, TEMPORAL_GRPC_META_*), plus ours
 * for container secrets: TEMPORAL_API_KEY_FILE. An empty variable counts as unset, as everywhere here.
 */
export function envLayer(raw: Env, problems: string[]): ConnectionLayer {
  const env = definedOnly(raw);
  for (const { path, data } of MATERIAL) {
    if (env[path.variable] && env[data.variable]) {
      problems.push(`${path.variable}, ${data.variable}: set only one of them`);
      delete env[data.variable];
    }
  }
  if (env.TEMPORAL_TLS !== undefined && !BOOLEANS.includes(env.TEMPORAL_TLS)) {
    problems.push(`TEMPORAL_TLS: ${JSON.stringify(env.TEMPORAL_TLS)} is not a boolean (true, false, 1 or 0)`);
    delete env.TEMPORAL_TLS;
  }
  if (env.TEMPORAL_TLS_DISABLE_HOST_VERIFICATION && !['false', '0'].includes(env.TEMPORAL_TLS_DISABLE_HOST_VERIFICATION)) {
    problems.push(
      "TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: not supported by the TypeScript SDK, which always verifies the server's name; set TEMPORAL_TLS_SERVER_NAME to the name in its certificate instead",
    );
  }
  const variable = (setting: string, source?: ConfigDataSource): string => {
    const entry = MATERIAL.find((m) => m.toml === setting);
    if (entry && source) return ('path' in source ? entry.path : entry.data).variable;
    return VARIABLES[setting]?.variable ?? setting;
  };
  const layer = fromProfile(loadClientConfigProfile({ disableFile: true, overrideEnvVars: env }), variable);
  if (env.TEMPORAL_API_KEY_FILE && layer.apiKey) problems.push('TEMPORAL_API_KEY, TEMPORAL_API_KEY_FILE: set only one of them');
  else if (env.TEMPORAL_API_KEY_FILE) layer.apiKey = { value: { path: env.TEMPORAL_API_KEY_FILE }, label: 'TEMPORAL_API_KEY_FILE' };
  return layer;
}

function definedOnly(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}
