/**
 * What open tickets cost at rest: the bytes of Temporal's database (the full server's two
 * PostgreSQL databases, or the dev server's SQLite file) and the rows of the product's tables.
 */
import { existsSync, statSync } from 'node:fs';
import { TEMPORAL_DATABASES } from '@gotrs/devstack';
import { Client as PgClient } from 'pg';
import type { BenchStack } from './bench-stack';

async function withPg<T>(url: string, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Bytes of Temporal's persistence: pg_database_size of `temporal` + `temporal_visibility`, or the SQLite file with its WAL. */
export async function temporalDbBytes(bench: BenchStack): Promise<number> {
  const { temporal } = bench.stack;
  if (temporal.postgres) {
    const names = TEMPORAL_DATABASES.map((database) => database.name);
    return withPg(temporal.postgres.serverUrl, async (client) => {
      const { rows } = await client.query<{ bytes: string }>('SELECT sum(pg_database_size(datname))::text AS bytes FROM pg_database WHERE datname = ANY($1)', [names]);
      return Number(rows[0]?.bytes ?? NaN);
    });
  }
  const file = temporal.dbFile;
  if (!file) return NaN;
  return ['', '-wal', '-shm'].reduce((sum, suffix) => sum + (existsSync(file + suffix) ? statSync(file + suffix).size : 0), 0);
}

/** Bytes of the product's database. */
export function productDbBytes(bench: BenchStack): Promise<number> {
  return withPg(bench.stack.databaseUrl, async (client) => {
    const { rows } = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database())::text AS bytes');
    return Number(rows[0]?.bytes);
  });
}

/** Exact row counts of every table of the product's `public` schema but the migrations' own. */
export function productRows(bench: BenchStack): Promise<Record<string, number>> {
  return withPg(bench.stack.databaseUrl, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename",
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${client.escapeIdentifier(name)}`);
      counts[name] = rows[0]!.n;
    }
    return counts;
  });
}

/** Rows per ticket between two readings, by table (tables that did not grow are left out). */
export function rowsPerTicket(before: Record<string, number>, after: Record<string, number>, tickets: number): [string, number][] {
  return Object.entries(after)
    .map(([table, n]): [string, number] => [table, (n - (before[table] ?? 0)) / tickets])
    .filter(([, perTicket]) => perTicket > 0);
}
