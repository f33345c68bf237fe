import type { TemporalConnection } from './temporal-connection';

/**
 * Connection options as both Temporal SDK connections take them: `Connection` of @temporalio/client
 * and `NativeConnection` of @temporalio/worker (plain data, so this package needs neither).
 */
export interface TemporalConnectionOptions {
  address: string;
  /** false: plaintext. An object: TLS, with the SDK's field names. */
  tls:
    | false
    | {
        serverNameOverride?: string;
        serverRootCACertificate?: Buffer;
        clientCertPair?: { crt: Buffer; key: Buffer };
      };
  apiKey?: string;
  metadata?: Record<string, string>;
}

/**
 * The one place that turns the configured connection (address, TLS, API key, gRPC headers) into SDK
 * options; the API's client, the worker's connections and `make dev`'s probe all connect through it.
 */
export function temporalConnectionOptions(settings: TemporalConnection & { address: string }): TemporalConnectionOptions {
  const { tls } = settings;
  const options: TemporalConnectionOptions = {
    address: settings.address,
    tls: tls
      ? {
          ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
          ...(tls.serverCaCert ? { serverRootCACertificate: tls.serverCaCert } : {}),
          ...(tls.clientCertPair ? { clientCertPair: tls.clientCertPair } : {}),
        }
      : false,
  };
  if (settings.apiKey) options.apiKey = settings.apiKey;
  if (Object.keys(settings.metadata).length > 0) options.metadata = { ...settings.metadata };
  return options;
}

/** What a log line may say about the connection (never a key): e.g. `TLS (own CA, client certificate), API key`. */
export function describeTemporalConnection(settings: TemporalConnection): string {
  const { tls } = settings;
  const parts = tls
    ? [`TLS (${[tls.serverCaCert ? 'own CA' : 'system CAs', tls.clientCertPair && 'client certificate', tls.serverName && `server name ${tls.serverName}`].filter(Boolean).join(', ')})`]
    : ['plaintext'];
  if (settings.apiKey) parts.push('API key');
  return parts.join(', ');
}
