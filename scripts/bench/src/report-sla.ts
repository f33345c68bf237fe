/**
 * Benchmark (not a test): the SLA report (GET /api/v1/reports/sla) at a million milestone cycles.
 * Starts a throwaway PostgreSQL (with a reaper should it be killed), migrates it, seeds with SQL
 * generate_series: T tickets over a year with FirstResponse, Resolution and two Update cycles each
 * (4 T cycles; 80% met, 12% breached, most of those met later, 8% running), their `start`, `breach`
 * and `meet` events as the SLA workflow writes them, the clocks and the plans. Then, per groupBy and
 * range (the year, 30 days, 7 days), the report's query under EXPLAIN ANALYZE, with the report's
 * indexes and without them (dropped in a transaction that is rolled back): the median of --runs.
 *
 *   npm run bench:report -- [--tickets 250000] [--runs 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SLA_REPORT_GROUPS, SLA_REPORT_SETTINGS, createPool, runMigrations, slaReportSql } from '@gotrs/db';
import { Reaper, Teardown, freePort, startLocalPostgres } from '@gotrs/devstack';
import type { Pool, PoolClient } from 'pg';

const REPORT_INDEXES = ['sla_events_report_start_idx', 'sla_events_report_outcome_idx'];
const YEAR_START = '2025-01-01T00:00:00Z';
const DAY_MS = 86_400_000;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The seed, one statement per table; `$1` is the number of tickets. */
const SEED = [
  `CREATE TEMP TABLE bench_tickets AS
     SELECT i, 'bench-' || i AS id, timestamptz '${YEAR_START}' + (i - 1) * interval '365 days' / $1::int AS at FROM generate_series(1, $1::int) i`,
  `INSERT INTO tickets (id, number, title, status, status_type, priority, queue, assignee, created_at, updated_at)
     SELECT id, 'B' || i, 'Benchmark ticket', 'open', 'open', 1 + i % 5, 'queue-' || lpad((i % 20)::text, 2, '0'),
            CASE WHEN i % 10 = 0 THEN NULL ELSE 'agent-' || (i % 200) END, at, at FROM bench_tickets`,
  `INSERT INTO ticket_sla (ticket_id, policy, policy_version, reason, plan, started_at)
     SELECT id, 'policy-' || (i % 4), 1, 'benchmark', jsonb_build_object('calendar', jsonb_build_object('name', 'calendar-' || (i % 3))), at FROM bench_tickets`,
  `SELECT setseed(0.42)`,
  // One row per cycle: its start, target, outcome (met, breached, late = breached then met, running) and business time to meet.
  `CREATE TEMP TABLE bench_cycles AS
     SELECT ticket_id, milestone, cycle, started_at, target_ms,
            CASE WHEN r < 0.80 THEN 'met' WHEN r < 0.885 THEN 'late' WHEN r < 0.92 THEN 'breached' ELSE 'running' END AS outcome, share
       FROM (SELECT t.id AS ticket_id, m.milestone, m.cycle, t.at + m.offset_ms * interval '1 ms' AS started_at, m.target_ms,
                    random() AS r, random() AS share
               FROM bench_tickets t
              CROSS JOIN (VALUES ('FirstResponse', 1, 0, 3600000), ('Resolution', 1, 0, 14400000), ('Update', 1, 0, 7200000), ('Update', 2, 3600000, 7200000))
                    AS m (milestone, cycle, offset_ms, target_ms)) c`,
  `INSERT INTO sla_events (event_key, ticket_id, milestone, cycle, type, reason, due_at, occurred_at, actor)
     SELECT ticket_id || '/' || milestone || '/' || cycle || '/start', ticket_id, milestone, cycle, 'start', 'benchmark',
            started_at + target_ms * interval '1 ms', started_at, 'sla' FROM bench_cycles`,
  `INSERT INTO sla_events (event_key, ticket_id, milestone, cycle, type, reason, due_at, occurred_at, actor)
     SELECT ticket_id || '/' || milestone || '/' || cycle || '/breach', ticket_id, milestone, cycle, 'breach', 'benchmark',
            started_at + target_ms * interval '1 ms', started_at + target_ms * interval '1 ms', 'sla'
       FROM bench_cycles WHERE outcome IN ('late', 'breached')`,
  `INSERT INTO sla_events (event_key, ticket_id, milestone, cycle, type, reason, occurred_at, business_elapsed_ms, actor)
     SELECT ticket_id || '/' || milestone || '/' || cycle || '/meet', ticket_id, milestone, cycle, 'meet', 'benchmark',
            started_at + e * interval '1 ms', e, 'agent'
       FROM (SELECT *, CASE outcome WHEN 'met' THEN (share * target_ms)::bigint ELSE target_ms + (share * target_ms)::bigint END AS e
               FROM bench_cycles WHERE outcome IN ('met', 'late')) c`,
  `INSERT INTO sla_milestones (ticket_id, milestone, cycle, state, target_ms, elapsed_ms, paused_ms, updated_at)
     SELECT DISTINCT ON (ticket_id, milestone) ticket_id, milestone, cycle,
            CASE outcome WHEN 'met' THEN 'met' WHEN 'running' THEN 'running' ELSE 'breached' END, target_ms, 0, 0, now()
       FROM bench_cycles ORDER BY ticket_id, milestone, cycle DESC`,
];

async function seed(pool: Pool, tickets: number): Promise<void> {
  const client = await pool.connect();
  try {
    for (const statement of SEED) await client.query(statement, statement.includes('$1') ? [tickets] : []);
  } finally {
    client.release();
  }
  await pool.query('VACUUM ANALYZE tickets, ticket_sla, sla_events, sla_milestones');
}

/** The report query's execution time under EXPLAIN ANALYZE, in ms. */
async function executionMs(client: PoolClient, sql: string, from: Date, to: Date): Promise<number> {
  const result = await client.query<{ 'QUERY PLAN': Array<{ 'Execution Time': number }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [from, to]);
  return result.rows[0]!['QUERY PLAN'][0]!['Execution Time'];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median execution time of the report per groupBy, with the report's indexes or without them. */
async function measure(pool: Pool, from: Date, to: Date, runs: number, withIndexes: boolean): Promise<Record<string, number>> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const setting of SLA_REPORT_SETTINGS) await client.query(setting);
    if (!withIndexes) for (const index of REPORT_INDEXES) await client.query(`DROP INDEX ${index}`);
    const times: Record<string, number> = {};
    for (const groupBy of SLA_REPORT_GROUPS) {
      const sql = slaReportSql(groupBy);
      await executionMs(client, sql, from, to);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await executionMs(client, sql, from, to));
      times[groupBy] = median(samples);
    }
    return times;
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

async function main(): Promise<void> {
  const tickets = option('tickets', 250_000);
  const runs = option('runs', 3);
  const teardown = new Teardown();
  const reaper = Reaper.start();
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'gotrs-bench-pg-'));
    await reaper.runOnExit('postgres-dir', { command: 'rm', args: ['-rf', dataDir] });
    teardown.add('PostgreSQL data', async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await reaper.forget('postgres-dir');
    });
    const postgres = await startLocalPostgres({ dataDir, port: await freePort(), database: 'gotrs', ephemeral: true });
    await reaper.runOnExit('postgres', postgres.stopCommand);
    teardown.add('PostgreSQL', async () => {
      await postgres.stop();
      await reaper.forget('postgres');
    });
    await runMigrations(postgres.databaseUrl);
    const pool = createPool({ url: postgres.databaseUrl, poolSize: 2, connectTimeoutMs: 5000, statementTimeoutMs: 600_000 });
    teardown.add('pool', () => pool.end());

    const started = Date.now();
    say(`seeding ${tickets} tickets, ${4 * tickets} milestone cycles (generate_series)...`);
    await seed(pool, tickets);
    const counts = await pool.query<{ type: string; n: number }>('SELECT type, count(*)::int AS n FROM sla_events GROUP BY type ORDER BY type');
    const clocks = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM sla_milestones')).rows[0]!.n;
    say(`  seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: sla_events ${counts.rows.map((r) => `${r.type} ${r.n}`).join(', ')}; ${clocks} sla_milestones rows`);
    say(`  the query runs under: ${SLA_REPORT_SETTINGS.join('; ')}`);

    const end = new Date(Date.parse(YEAR_START) + 365 * DAY_MS);
    const ranges: Array<[string, Date]> = [['365 days', new Date(YEAR_START)], ['30 days', new Date(end.getTime() - 30 * DAY_MS)], ['7 days', new Date(end.getTime() - 7 * DAY_MS)]];
    say(`report execution time (EXPLAIN ANALYZE, median of ${runs}), ms:`);
    say(`  ${'range'.padEnd(9)} ${'groupBy'.padEnd(9)} ${'indexes'.padStart(9)} ${'without'.padStart(9)}`);
    for (const [name, from] of ranges) {
      const cycles = (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM sla_events WHERE type = 'start' AND occurred_at >= $1 AND occurred_at < $2", [from, end])).rows[0]!.n;
      const withIndexes = await measure(pool, from, end, runs, true);
      const without = await measure(pool, from, end, runs, false);
      for (const groupBy of SLA_REPORT_GROUPS) {
        say(`  ${name.padEnd(9)} ${groupBy.padEnd(9)} ${withIndexes[groupBy]!.toFixed(0).padStart(9)} ${without[groupBy]!.toFixed(0).padStart(9)}`);
      }
      say(`  (${cycles} cycles in the range)`);
    }
  } finally {
    await teardown.runAll();
    await reaper.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
