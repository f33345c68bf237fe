import { Type, type Static } from '@sinclair/typebox';
import { parseDurationMs } from './duration';
import { ConfigError } from './errors';

type Env = Record<string, string | undefined>;

const Duration = Type.Union([Type.String(), Type.Number({ minimum: 0 })]);
const Port = Type.Integer({ minimum: 0, maximum: 65535 });

/** The `operations:` section of config/temporal.yaml: metrics, health and shutdown of both processes. */
export const OperationsFileSchema = Type.Object(
  {
    api: Type.Optional(
      Type.Object(
        {
          metrics_port: Type.Optional(Type.Union([Port, Type.Null()])),
          shutdown_timeout: Type.Optional(Duration),
        },
        { additionalProperties: false },
      ),
    ),
    worker: Type.Optional(
      Type.Object(
        {
          metrics_host: Type.Optional(Type.String({ minLength: 1 })),
          metrics_port: Type.Optional(Port),
          shutdown_timeout: Type.Optional(Duration),
          connect_timeout: Type.Optional(Duration),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type OperationsFile = Static<typeof OperationsFileSchema>;

/** How the API and the worker expose metrics and health, and how long they may take to stop or start. */
export interface OperationsSettings {
  api: {
    /** GET /metrics on this port (on `api.host`) instead of the API's own port; null: on the API's port. */
    metricsPort: number | null;
    /** After SIGTERM: in-flight requests drain; the process exits within this at the latest. */
    shutdownTimeoutMs: number;
  };
  worker: {
    /** Where /metrics and /healthz listen (CONTRACT section 5: port 9465 by default; 0 = any free port). */
    metricsHost: string;
    metricsPort: number;
    /** After SIGTERM: in-flight activities drain; the process exits within this at the latest. */
    shutdownTimeoutMs: number;
    /** How long the first connection to Temporal is retried before the worker gives up (exit 1). */
    connectTimeoutMs: number;
  };
}

export const OPERATIONS_DEFAULTS = {
  apiShutdownTimeout: '10s',
  workerMetricsHost: '0.0.0.0',
  workerMetricsPort: 9465,
  workerShutdownTimeout: '25s',
  workerConnectTimeout: '5m',
} as const;

/** Shutdown and connection bounds must be positive and at most an hour. */
const MAX_BOUND_MS = 3_600_000;

/** An empty variable counts as unset. */
const given = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

function port(problems: string[], name: string, raw: string | undefined, fileValue: number | null): number | null {
  if (raw === undefined) return fileValue;
  const value = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || value > 65535) problems.push(`${name}: ${JSON.stringify(raw)} is not a port number (0-65535)`);
  return value;
}

function bound(problems: string[], name: string, setting: string, raw: string | undefined, fileValue: string | number): number {
  const label = raw === undefined ? setting : name;
  let value: number;
  try {
    value = parseDurationMs(raw ?? fileValue);
  } catch (error) {
    problems.push(`${label}: ${(error as Error).message}`);
    return 0;
  }
  if (value <= 0 || value > MAX_BOUND_MS) problems.push(`${label}: must be more than 0 and at most 1h (got ${value} ms)`);
  return value;
}

/**
 * The `operations:` settings with their variables: API_METRICS_PORT, API_SHUTDOWN_TIMEOUT,
 * WORKER_METRICS_HOST, WORKER_METRICS_PORT, WORKER_SHUTDOWN_TIMEOUT, WORKER_CONNECT_TIMEOUT. Every
 * problem is reported at once, naming the variable (or the setting). `hostRule` checks the host (as
 * API_HOST is checked).
 */
export function loadOperationsSettings(file: OperationsFile | undefined, env: Env, hostRule: (value: string) => string | undefined): OperationsSettings {
  const problems: string[] = [];
  const api = file?.api ?? {};
  const worker = file?.worker ?? {};
  const hostVariable = given(env.WORKER_METRICS_HOST);
  const host = hostVariable ?? worker.metrics_host ?? OPERATIONS_DEFAULTS.workerMetricsHost;
  const hostProblem = hostRule(host);
  if (hostProblem) problems.push(`${hostVariable === undefined ? 'operations.worker.metrics_host' : 'WORKER_METRICS_HOST'}: ${hostProblem}`);
  const settings: OperationsSettings = {
    api: {
      metricsPort: port(problems, 'API_METRICS_PORT', given(env.API_METRICS_PORT), api.metrics_port ?? null),
      shutdownTimeoutMs: bound(problems, 'API_SHUTDOWN_TIMEOUT', 'operations.api.shutdown_timeout', given(env.API_SHUTDOWN_TIMEOUT),
        api.shutdown_timeout ?? OPERATIONS_DEFAULTS.apiShutdownTimeout),
    },
    worker: {
      metricsHost: host,
      metricsPort: port(problems, 'WORKER_METRICS_PORT', given(env.WORKER_METRICS_PORT), worker.metrics_port ?? OPERATIONS_DEFAULTS.workerMetricsPort)!,
      shutdownTimeoutMs: bound(problems, 'WORKER_SHUTDOWN_TIMEOUT', 'operations.worker.shutdown_timeout', given(env.WORKER_SHUTDOWN_TIMEOUT),
        worker.shutdown_timeout ?? OPERATIONS_DEFAULTS.workerShutdownTimeout),
      connectTimeoutMs: bound(problems, 'WORKER_CONNECT_TIMEOUT', 'operations.worker.connect_timeout', given(env.WORKER_CONNECT_TIMEOUT),
        worker.connect_timeout ?? OPERATIONS_DEFAULTS.workerConnectTimeout),
    },
  };
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return settings;
}
