import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Pool } from 'pg';
import { registerPoolGauges } from './pool-gauges';
import { temporalCallObserver, type TemporalCallObserver } from './temporal-calls';

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The API's metrics: the one registry every figure goes through (served at GET /metrics). */
export interface ApiMetrics {
  readonly registry: Registry;
  /** Request durations by route template, method and status code. */
  readonly requests: Histogram<'method' | 'route' | 'status_code'>;
  readonly inFlight: Gauge;
  /** What the Temporal gateway reports each call to. */
  readonly temporalCalls: TemporalCallObserver;
}

/** A registry of its own per app (the server, each test), with the pool's gauges when given one. */
export function createApiMetrics(options: { pool?: Pool } = {}): ApiMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.pool) registerPoolGauges(registry, options.pool);
  const requests = new Histogram({
    name: 'gotrs_http_request_duration_seconds',
    help: 'HTTP requests by route template (e.g. /api/v1/tickets/:id; "unmatched" for unknown paths), method and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const inFlight = new Gauge({ name: 'gotrs_http_requests_in_flight', help: 'HTTP requests received and not answered yet.', registers });
  const temporalDuration = new Histogram({
    name: 'gotrs_temporal_request_duration_seconds',
    help: 'Temporal calls of the API by operation and outcome (ok, rejected: Temporal answered no, unavailable: no answer in time).',
    labelNames: ['operation', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const temporalFailures = new Counter({
    name: 'gotrs_temporal_request_failures_total',
    help: 'Temporal calls of the API that failed, by operation and reason (deadline, unavailable, rejected).',
    labelNames: ['operation', 'reason'] as const,
    registers,
  });
  return { registry, requests, inFlight, temporalCalls: temporalCallObserver(temporalDuration, temporalFailures) };
}
