import { countOpenSlaClocks, type OpenSlaClocks } from '@gotrs/db';
import { Gauge, type Registry } from 'prom-client';
import type { Pool } from 'pg';
import { milestoneLabel, policyLabel } from './label-values';

/** The open clocks are counted in PostgreSQL at most this often, however many scrapers ask. */
const OPEN_CLOCKS_REFRESH_MS = 10_000;
/** A scrape never waits longer than this for PostgreSQL; it shows the last figures instead. */
const OPEN_CLOCKS_TIMEOUT_MS = 2_000;

/** The pool's connections (total, idle) and the queries waiting for one, read at scrape time. */
export function registerPoolGauges(registry: Registry, pool: Pool): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
  gauge('gotrs_pg_pool_connections', 'PostgreSQL connections the pool holds (busy and idle).', () => pool.totalCount);
  gauge('gotrs_pg_pool_idle_connections', 'PostgreSQL connections idle in the pool.', () => pool.idleCount);
  gauge('gotrs_pg_pool_waiting_requests', 'Queries waiting for a PostgreSQL connection (the pool is exhausted).', () => pool.waitingCount);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from PostgreSQL within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `gotrs_sla_open_clocks`: milestone clocks not met yet, from PostgreSQL (the truth across workers and
 * restarts, so every worker shows the same figure: aggregate with max, not sum). Cached for
 * `refreshMs` (10 s); while PostgreSQL does not answer, the last figures stay.
 */
export function registerOpenClockGauge(registry: Registry, pool: Pool, refreshMs = OPEN_CLOCKS_REFRESH_MS): void {
  let rows: OpenSlaClocks[] = [];
  let readAt = 0;
  let refreshing: Promise<void> | undefined;
  const refresh = async () => {
    try {
      rows = await withTimeout(countOpenSlaClocks(pool), OPEN_CLOCKS_TIMEOUT_MS);
    } catch {
      // PostgreSQL down or slow: the scrape still answers, with the last figures.
    } finally {
      readAt = Date.now();
      refreshing = undefined;
    }
  };
  new Gauge({
    name: 'gotrs_sla_open_clocks',
    help: 'SLA milestone clocks not met yet, by milestone, state (running, warned, paused, breached) and policy; read from PostgreSQL.',
    labelNames: ['milestone', 'state', 'policy'] as const,
    registers: [registry],
    async collect() {
      if (Date.now() - readAt >= refreshMs) await (refreshing ??= refresh());
      this.reset();
      for (const row of rows) {
        this.inc({ milestone: milestoneLabel(row.milestone), state: row.state, policy: policyLabel(row.policy) }, row.count);
      }
    },
  });
}
