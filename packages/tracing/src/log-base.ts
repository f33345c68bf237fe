import { hostname } from 'node:os';

/**
 * The keys every log line of both services begins with (pino's `base`): `service` (`gotrs-api`,
 * `gotrs-worker`, or OTEL_SERVICE_NAME), `pid` and `hostname`.
 */
export function logBase(service: string): { service: string; pid: number; hostname: string } {
  return { service, pid: process.pid, hostname: hostname() };
}
