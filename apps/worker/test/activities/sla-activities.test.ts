import { randomUUID } from 'node:crypto';
import { createPool } from '@gotrs/db';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import pino from 'pino';
import { createSlaActivities } from '../../src/activities/sla-activities';
import { testConfig } from '../support';

let pool: Pool;
let activities: ReturnType<typeof createSlaActivities>;
beforeAll(() => {
  const config = testConfig('sla-activities');
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
