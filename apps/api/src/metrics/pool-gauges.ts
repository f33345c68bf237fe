import { Gauge, type Registry } from 'prom-client';
import type { Pool } from 'pg';

/** The pool's connections (total, idle) and the queries waiting for one, read at scrape time. */
export function registerPoolGauges(registry: Registry, pool: Pool): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
  gauge('gotrs_pg_pool_connections', 'PostgreSQL connections the pool holds (busy and idle).', () => pool.totalCount);
  gauge('gotrs_pg_pool_idle_connections', 'PostgreSQL connections idle in the pool.', () => pool.idleCount);
  gauge('gotrs_pg_pool_waiting_requests', 'Queries waiting for a PostgreSQL connection (the pool is exhausted).', () => pool.waitingCount);
}
