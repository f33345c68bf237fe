import { randomUUID } from 'node:crypto';
import { createPool } from '@gotrs/db';
import { createTestDatabase, type TestDatabase } from '@gotrs/devstack/testing';
import { SlaClock, buildPlan } from '@gotrs/sla';
import type { Pool } from 'pg';
import pino from 'pino';
import { parseExposition, valueOf } from '../../../../test/operations/exposition';
import { createSlaActivities } from '../../src/activities/sla-activities';
import { createWorkerMetrics, type WorkerMetrics } from '../../src/metrics/worker-metrics';
import { testConfig } from '../support';

const config = testConfig('worker-metrics');
let database: TestDatabase;
let pool: Pool;
let metrics: WorkerMetrics;
let activities: ReturnType<typeof createSlaActivities>;

beforeAll(async () => {
  database = await createTestDatabase('metrics');
  pool = createPool({ ...config.database, url: database.url });
  metrics = createWorkerMetrics({ pool, openClocksRefreshMs: 0, policies: Object.keys(config.sla.policies) });
  activities = createSlaActivities({ pool, logger: pino({ level: 'silent' }), sla: config.sla, metrics });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const samples = async (of = metrics) => parseExposition(await of.registry.metrics());

/** A ticket's SLA started as the workflow starts it: the plan and the clocks' first record. */
async function startSla(ticketId: string, at: number) {
  const plan = buildPlan(config.sla, { priority: 3, queue: 'Raw', createdAt: new Date(at).toISOString() }, { FirstResponse: 60_000, Resolution: 3_600_000 });
  const { clock, events } = SlaClock.start(plan);
  await activities.RecordSlaEventsActivity({ ticketId, plan, events: events.map((e) => ({ ...e, key: `${ticketId}/${e.milestone}/start` })), milestones: [...clock.milestones()] });
  return clock;
}

describe('the SLA activities and the open clocks gauge', () => {
  it('start every configured policy and milestone at 0, so that the first breach is a rise', async () => {
    const all = await samples();
    expect(all.filter((s) => s.name === 'gotrs_sla_breaches_total').map((s) => `${s.labels.milestone}/${s.labels.policy}=${s.value}`).sort())
      .toEqual(['FirstResponse/premium=0', 'FirstResponse/standard=0', 'Resolution/premium=0', 'Resolution/standard=0', 'Update/premium=0', 'Update/standard=0']);
  });

  it('count a breach once under the policy recorded with the plan, with its lateness, and show the clock as breached', async () => {
    const ticketId = randomUUID();
    const startedAt = Date.now() - 90_000;
    const clock = await startSla(ticketId, startedAt);
    expect(valueOf(await samples(), 'gotrs_sla_open_clocks', { milestone: 'FirstResponse', state: 'running', policy: 'standard' })).toBe(1);
    const [breach] = clock.advance(startedAt + 60_000).filter((e) => e.type === 'breach');
    await activities.SLABreachActivity({
      ticketId, events: [{ ...breach!, key: `${ticketId}/FirstResponse/1/breach` }], milestones: clock.milestones().filter((c) => c.name === 'FirstResponse'),
    });
    const after = await samples();
    const labels = { milestone: 'FirstResponse', policy: 'standard' };
    expect({
      breaches: valueOf(after, 'gotrs_sla_breaches_total', labels),
      late: valueOf(after, 'gotrs_sla_breach_lateness_seconds_count', labels),
      // Recorded about 30 s after it was due: counted in the buckets above 10 s, not in those below.
      within10s: valueOf(after, 'gotrs_sla_breach_lateness_seconds_bucket', { ...labels, le: '10' }),
      within60s: valueOf(after, 'gotrs_sla_breach_lateness_seconds_bucket', { ...labels, le: '60' }),
      running: valueOf(after, 'gotrs_sla_open_clocks', { milestone: 'FirstResponse', state: 'running' }),
      breached: valueOf(after, 'gotrs_sla_open_clocks', { milestone: 'FirstResponse', state: 'breached', policy: 'standard' }),
    }).toEqual({ breaches: 1, late: 1, within10s: 0, within60s: 1, running: 0, breached: 1 });
  });

  it('count a breach of a ticket whose plan was never recorded under policy "none"', async () => {
    const ticketId = randomUUID();
    const event = { type: 'breach' as const, milestone: 'Resolution' as const, cycle: 1, at: Date.now(), dueAt: Date.now() - 1_000, reason: 'due', key: `${ticketId}/r` };
    await activities.SLABreachActivity({ ticketId, events: [event], milestones: [] });
    expect(valueOf(await samples(), 'gotrs_sla_breaches_total', { milestone: 'Resolution', policy: 'none' })).toBe(1);
  });
});

describe('a scrape while PostgreSQL does not answer', () => {
  it('still answers, with the pool and without the open clocks', async () => {
    const unreachable = createPool({ ...config.database, url: 'postgres://postgres@127.0.0.1:1/gotrs', connectTimeoutMs: 500 });
    try {
      const offline = createWorkerMetrics({ pool: unreachable, openClocksRefreshMs: 0 });
      const names = (await samples(offline)).map((s) => s.name);
      expect(names).toContain('gotrs_pg_pool_connections');
      expect(names).not.toContain('gotrs_sla_open_clocks');
    } finally {
      await unreachable.end();
    }
  });
});
