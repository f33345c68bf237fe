import { randomUUID } from 'node:crypto';
import { createPool } from '@gotrs/db';
import { SlaClock, buildPlan } from '@gotrs/sla';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import pino from 'pino';
import { createSlaActivities } from '../../src/activities/sla-activities';
import { testConfig } from '../support';

let pool: Pool;
let activities: ReturnType<typeof createSlaActivities>;
const config = testConfig('sla-activities');
beforeAll(() => {
  pool = createPool(config.database);
  activities = createSlaActivities({ pool, logger: pino({ level: 'silent' }), sla: config.sla });
});
afterAll(() => pool.end());

describe('RecordSlaEventsActivity', () => {
  const event = (ticketId: string, reason: string) => ({
    key: `${ticketId}/FirstResponse/1/meet`, milestone: 'FirstResponse' as const, cycle: 1, type: 'meet' as const, at: Date.UTC(2026, 10, 25, 9), dueAt: null, reason,
  });

  it('records an event once', async () => {
    const ticketId = randomUUID();
    await activities.RecordSlaEventsActivity({ ticketId, events: [event(ticketId, 'agent-7 responded')], milestones: [] });
    const { rows } = await pool.query('SELECT reason FROM sla_events WHERE ticket_id = $1', [ticketId]);
    expect(rows).toEqual([{ reason: 'agent-7 responded' }]);
  });

  it('fails for good, without retry, when PostgreSQL refuses the data', async () => {
    const ticketId = randomUUID();
    const error = await activities.RecordSlaEventsActivity({ ticketId, events: [event(ticketId, 'a\u0000b')], milestones: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'InvalidDataError', nonRetryable: true });
  });
});

describe('LoadSlaStateActivity', () => {
  it('answers the plan and the latest clock of each milestone, as the earlier run recorded them', async () => {
    const ticketId = randomUUID();
    const plan = buildPlan(config.sla, { priority: 3, queue: 'Raw', createdAt: '2026-11-23T09:00:00.000Z' }, { FirstResponse: 3_600_000, Resolution: 14_400_000 });
    const { clock, events } = SlaClock.start(plan);
    events.push(...clock.statusChanged('closed successful', Date.parse('2026-11-23T10:00:00.000Z')));
    await activities.RecordSlaEventsActivity({ ticketId, plan, events: events.map((e, i) => ({ ...e, key: `${ticketId}/${i}` })), milestones: [...clock.milestones()] });
    const recorded = await activities.LoadSlaStateActivity(ticketId);
    expect(recorded).toEqual({ plan, milestones: clock.milestones() });
    // What it answers is what the resumed run reopens.
    const resumed = SlaClock.resume(recorded!.plan, recorded!.milestones, 'open', Date.parse('2026-11-23T11:00:00.000Z'));
    expect(resumed.events.map((e) => `${e.type}:${e.milestone}:${e.cycle}`)).toEqual(['start:Resolution:2']);
  });

  it('answers null for a ticket that never had an SLA', async () => {
    await expect(activities.LoadSlaStateActivity(randomUUID())).resolves.toBeNull();
  });
});

describe('SLABreachActivity', () => {
  it('writes the events of the same step that came before the breach first, in their order', async () => {
    const ticketId = randomUUID();
    const at = Date.UTC(2026, 10, 25, 9, 0, 2);
    const of = (type: 'warn' | 'breach') => ({
      key: `${ticketId}/FirstResponse/1/${type}`, milestone: 'FirstResponse' as const, cycle: 1, type, at, dueAt: at - 100, reason: type,
    });
    await activities.SLABreachActivity({ ticketId, events: [of('breach')], earlier: [of('warn')], milestones: [] });
    // The step's other events are recorded again afterwards: written once.
    await activities.RecordSlaEventsActivity({ ticketId, events: [of('warn')], milestones: [] });
    const { rows } = await pool.query('SELECT type FROM sla_events WHERE ticket_id = $1 ORDER BY occurred_at, seq', [ticketId]);
    expect(rows.map((r) => r.type)).toEqual(['warn', 'breach']);
  });
});
