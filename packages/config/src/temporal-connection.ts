import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConnectionLayer, Given, Material } from './temporal-layers';

/** TLS to Temporal, with its certificates read and checked at start. */
export interface TemporalTls {
  /** The name the server's certificate must carry when it is not the address's host (SNI and verification). */
  serverName: string | null;
  /** PEM of the CA(s) that signed the server's certificate; null: the system's trusted roots (Temporal Cloud). */
  serverCaCert: Buffer | null;
  /** mTLS: the client's certificate (chain) and its private key, PEM; null: no client certificate. */
  clientCertPair: { crt: Buffer; key: Buffer } | null;
}

/** How to reach Temporal besides its address and namespace. */
export interface TemporalConnection {
  /** null: plaintext. */
  tls: TemporalTls | null;
  /** Sent as `authorization: Bearer <key>` on every call (Temporal Cloud API keys); only over TLS. */
  apiKey: string | null;
  /** Extra gRPC headers of a Temporal profile (`grpc_meta`, TEMPORAL_GRPC_META_*). */
  metadata: Record<string, string>;
}

type Problems = string[];

/** The layers merged: for each setting, the value of the last layer that sets it (grpc headers add up). */
export function mergeLayers(layers: ConnectionLayer[]): ConnectionLayer {
  const merged: Record<string, Given<unknown>> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer) as Array<[string, Given<unknown> | undefined]>) {
      if (value === undefined) continue;
      const before = merged[key];
      merged[key] = key === 'metadata' && before ? { value: { ...(before.value as object), ...(value.value as object) }, label: value.label } : value;
    }
  }
  return merged;
}

function read(given: Given<Material>, problems: Problems): Buffer | undefined {
  const { value, label } = given;
  if (!('path' in value)) return Buffer.from(value.data);
  try {
    return readFileSync(value.path);
  } catch (error) {
    problems.push(`${label}: cannot read ${value.path}: ${(error as Error).message}`);
    return undefined;
  }
}

function certificate(given: Given<Material> | undefined, what: string, problems: Problems): { pem: Buffer; x509: X509Certificate } | undefined {
  const pem = given && read(given, problems);
  if (!given || !pem) return undefined;
  try {
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no "-----BEGIN CERTIFICATE-----" block');
    return { pem, x509: new X509Certificate(pem) };
  } catch (error) {
    problems.push(`${given.label}: not a PEM ${what} (${(error as Error).message})`);
    return undefined;
  }
}

function privateKey(given: Given<Material> | undefined, problems: Problems): { pem: Buffer; key: KeyObject } | undefined {
  const pem = given && read(given, problems);
  if (!given || !pem) return undefined;
  try {
    return { pem, key: createPrivateKey(pem) };
  } catch (error) {
    problems.push(`${given.label}: not a PEM private key without a passphrase (${(error as Error).message})`);
    return undefined;
  }
}

function clientCertPair(merged: ConnectionLayer, problems: Problems): TemporalTls['clientCertPair'] {
  const { clientCert, clientKey } = merged;
  if (clientCert && !clientKey) problems.push(`${clientCert.label}: a client certificate needs its private key (tls.client_key_path, TEMPORAL_TLS_CLIENT_KEY_PATH)`);
  if (clientKey && !clientCert) problems.push(`${clientKey.label}: a client key needs its certificate (tls.client_cert_path, TEMPORAL_TLS_CLIENT_CERT_PATH)`);
  const crt = certificate(clientCert, 'certificate', problems);
  const key = privateKey(clientKey, problems);
  if (!crt || !key) return null;
  if (!crt.x509.checkPrivateKey(key.key)) {
    problems.push(`${clientKey!.label}: this key does not belong to the client certificate of ${clientCert!.label}`);
    return null;
  }
  return { crt: crt.pem, key: key.pem };
}

function apiKey(given: Given<Material> | undefined, problems: Problems): string | null {
  const raw = given && read(given, problems);
  if (!given || !raw) return null;
  // A secret file usually ends with a newline; the key itself never has spaces.
  const key = raw.toString('utf8').trim();
  // Never quote the key: the problem goes to logs.
  if (!/^[\x21-\x7e]+$/.test(key)) problems.push(`${given.label}: ${key === '' ? 'is empty' : 'is not an API key (printable ASCII characters without spaces)'}`);
  return key;
}

/** Whether TLS is on: as said (TEMPORAL_TLS, tls.enabled), else when a TLS setting or an API key is given. */
function tlsOn(merged: ConnectionLayer, problems: Problems): boolean {
  const { enabled, serverName, serverCaCert, clientCert, clientKey, apiKey: key } = merged;
  const settings = [serverName, serverCaCert, clientCert, clientKey].filter((given) => given !== undefined);
  if (!enabled) return settings.length > 0 || key !== undefined;
  if (!enabled.value) {
    for (const given of settings) problems.push(`${given.label}: set, but TLS to Temporal is off (${enabled.label})`);
    if (key) problems.push(`${key.label}: an API key is only sent over TLS, but TLS to Temporal is off (${enabled.label})`);
  }
  return enabled.value;
}

/**
 * Resolves TLS, the API key and the gRPC headers from the merged layers: reads each file, checks that
 * certificates and keys are PEM and that the client key belongs to its certificate. Every problem is
 * pushed to `problems`, naming the variable or setting it came from.
 */
export function resolveTemporalConnection(merged: ConnectionLayer, problems: Problems): TemporalConnection {
  const on = tlsOn(merged, problems);
  const metadata = merged.metadata?.value ?? {};
  if (merged.apiKey && Object.keys(metadata).some((name) => name.toLowerCase() === 'authorization')) {
    problems.push(`${merged.metadata!.label}: an authorization header and an API key (${merged.apiKey.label}) exclude each other`);
  }
  const serverName = merged.serverName;
  if (serverName && !/^[^\s\p{Cc}/:]{1,253}$/u.test(serverName.value)) problems.push(`${serverName.label}: ${JSON.stringify(serverName.value)} is not a host name`);
  const tls: TemporalTls | null = on
    ? {
        serverName: serverName?.value ?? null,
        serverCaCert: certificate(merged.serverCaCert, 'CA certificate', problems)?.pem ?? null,
        clientCertPair: clientCertPair(merged, problems),
      }
    : null;
  return { tls, apiKey: apiKey(merged.apiKey, problems), metadata };
}
