import { ConfigError } from './errors';

type Env = Record<string, string | undefined>;

/** The OTLP encodings over HTTP that the exporters speak (`OTEL_EXPORTER_OTLP_PROTOCOL`). */
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/**
 * Whether the API and the worker send traces, and where: read from the standard OpenTelemetry
 * variables, validated here and handed to the SDK as explicit options. Tracing is on when an OTLP
 * endpoint is set, unless `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`.
 */
export interface TracingSettings {
  enabled: boolean;
  /** The OTLP/HTTP traces URL (null when off). */
  tracesUrl: string | null;
  protocol: OtlpProtocol;
  /** `OTEL_SERVICE_NAME`; null: each app's own name (`gotrs-api`, `gotrs-worker`). */
  serviceName: string | null;
}

function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${JSON.stringify(value)} is not a URL (e.g. http://127.0.0.1:4318)`;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : `${JSON.stringify(value)} is not an http:// or https:// URL`;
}

/** The base endpoint with the signal path appended, as the OpenTelemetry specification says. */
function tracesPath(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

function flag(name: string, value: string | undefined, problems: string[]): boolean {
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower !== 'false' && lower !== '0') problems.push(`${name}: ${JSON.stringify(value)} is not true or false`);
  return false;
}

/**
 * The tracing settings from the environment: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as given) or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (+ `/v1/traces`), `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL` or
 * `OTEL_EXPORTER_OTLP_PROTOCOL` (`http/protobuf` by default, or `http/json`), `OTEL_SERVICE_NAME`,
 * `OTEL_SDK_DISABLED` and `OTEL_TRACES_EXPORTER` (`otlp` or `none`). Every problem is reported at once
 * in a {@link ConfigError} naming the variable. The SDK reads the rest of its standard variables
 * (headers, timeout, compression, sampler, batch sizes) itself once it runs; nothing of it runs when off.
 */
export function loadTracingSettings(env: Env = process.env): TracingSettings {
  const problems: string[] = [];
  const tracesEndpoint = given(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const endpoint = given(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const check = (name: string, value: string | undefined) => {
    const problem = value === undefined ? undefined : urlProblem(value);
    if (problem) problems.push(`${name}: ${problem}`);
  };
  check('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', tracesEndpoint);
  check('OTEL_EXPORTER_OTLP_ENDPOINT', endpoint);

  const protocolVariable = given(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = given(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) ?? given(env.OTEL_EXPORTER_OTLP_PROTOCOL) ?? 'http/protobuf';
  if (!(OTLP_PROTOCOLS as readonly string[]).includes(protocol)) {
    problems.push(`${protocolVariable}: ${JSON.stringify(protocol)} is not supported: traces go over HTTP (${OTLP_PROTOCOLS.join(' or ')})`);
  }

  const exporter = given(env.OTEL_TRACES_EXPORTER)?.toLowerCase() ?? 'otlp';
  if (exporter !== 'otlp' && exporter !== 'none') problems.push(`OTEL_TRACES_EXPORTER: ${JSON.stringify(exporter)} is not supported (otlp or none)`);
  const disabled = flag('OTEL_SDK_DISABLED', given(env.OTEL_SDK_DISABLED), problems);
  const serviceName = given(env.OTEL_SERVICE_NAME) ?? null;
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);

  const tracesUrl = tracesEndpoint ?? (endpoint === undefined ? null : tracesPath(endpoint));
  const enabled = tracesUrl !== null && !disabled && exporter === 'otlp';
  return { enabled, tracesUrl: enabled ? tracesUrl : null, protocol: protocol as OtlpProtocol, serviceName };
}
