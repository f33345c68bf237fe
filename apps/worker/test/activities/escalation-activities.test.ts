import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@gotrs/config';
import type { EscalationRule, TicketStatus } from '@gotrs/contracts';
import { applyResponse, applyStatus, countManualEscalations, createOrLoadTicket, createPool, findEscalationRuns } from '@gotrs/db';
import { ApplicationFailure } from '@temporalio/common';
import pino from 'pino';
import type { Pool } from 'pg';
import { createEscalationActivities } from '../../src/activities/escalation-activities';
import type { TicketNotice } from '@gotrs/contracts';
import { plan } from '../sla-support';
import { testConfig } from '../support';

let pool: Pool;
let config: AppConfig;
const notices: TicketNotice[] = [];
let activities: ReturnType<typeof createEscalationActivities>;
beforeAll(() => {
  config = testConfig('escalation-activities');
  pool = createPool(config.database);
  const notifier = { notify: async (notice: TicketNotice) => (notices.push(notice), [`notification-${notice.key}`]) };
  activities = createEscalationActivities({ pool, logger: pino({ level: 'silent' }), notifier, sla: config.sla });
});
afterAll(() => pool.end());

const at = (offsetSeconds = 0) => new Date(Date.UTC(2026, 10, 25, 9, 0, offsetSeconds)).toISOString();

async function ticket(status?: TicketStatus, extra: { priority?: number; queue?: string } = {}): Promise<string> {
  const id = randomUUID();
  await createOrLoadTicket(pool, { ticket: { id, ...extra }, changeId: `${id}/0`, at: at() });
  if (status) {
    const pendingUntil = status.startsWith('pending') ? at(86_400) : null;
    await applyStatus(pool, { ticketId: id, changeId: `${id}/1`, actor: 'agent-1', reason: null, source: 'api', at: at(1), status, pendingUntil, action: 'status-changed' });
  }
  return id;
}

function command(ticketId: string, rule: Partial<EscalationRule> & { level: number }, workflowId = `escalation-${ticketId}-sla-Resolution-1`) {
  return {
    ticketId, workflowId, trigger: 'sla:Resolution:1', actor: 'escalation', reason: 'SLA Resolution breached', at: at(60),
    rule: { waitMs: 0, condition: 'unresolved' as const, ...rule },
  };
}

async function row(id: string) {
  const { rows } = await pool.query('SELECT escalation_level, queue, priority, updated_at FROM tickets WHERE id = $1', [id]);
  return rows[0];
}

async function escalatedHistory(id: string) {
  const { rows } = await pool.query(
    "SELECT field, from_value, to_value, actor, reason, source FROM ticket_history WHERE ticket_id = $1 AND action = 'escalated' ORDER BY seq",
    [id],
  );
  return rows.map((r) => `${r.field}:${r.from_value}->${r.to_value}`);
}

async function levelRows(id: string) {
  const { rows } = await pool.query('SELECT workflow_id, level, from_level, to_level FROM escalations WHERE ticket_id = $1 ORDER BY fired_at, level', [id]);
  return rows;
}

describe('CheckEscalationConditionActivity', () => {
  const check = (id: string, condition: string) => activities.CheckEscalationConditionActivity(id, { level: 1, waitMs: 0, condition });

  it('holds for a new ticket on every condition', async () => {
    const id = await ticket();
    expect([await check(id, 'unanswered'), await check(id, 'unresolved'), await check(id, 'open')]).toEqual([true, true, true]);
  });

  it('says an answered ticket is no longer unanswered', async () => {
    const id = await ticket('open');
    await applyResponse(pool, { ticketId: id, changeId: `${id}/2`, actor: 'agent-1', reason: null, source: 'api', at: at(2), agentId: 'agent-1' });
    expect([await check(id, 'unanswered'), await check(id, 'unresolved')]).toEqual([false, true]);
  });

  it('says a pending ticket is unresolved but not open, and a closed one neither', async () => {
    const pending = await ticket('pending reminder');
    expect([await check(pending, 'unresolved'), await check(pending, 'open')]).toEqual([true, false]);
    const closed = await ticket('closed successful');
    expect([await check(closed, 'unanswered'), await check(closed, 'unresolved'), await check(closed, 'open')]).toEqual([false, false, false]);
  });

  it('takes the rule as the seed\'s Go code sends it', async () => {
    const id = await ticket('pending reminder');
    expect(await activities.CheckEscalationConditionActivity(id, { Level: 1, WaitDuration: 0, Condition: 'open' })).toBe(false);
  });

  it('fails without retry for an unknown condition or ticket', async () => {
    const id = await ticket();
    await expect(check(id, 'sometimes')).rejects.toMatchObject({ type: 'DecodeError', nonRetryable: true });
    const missing = await check('no-such-ticket', 'open').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApplicationFailure);
    expect(missing).toMatchObject({ type: 'TicketNotFoundError', nonRetryable: true });
  });
});

describe('EscalateToNextLevelActivity', () => {
  it('raises the level once per workflow and level, however often it is retried', async () => {
    const id = await ticket('open');
    const first = await activities.EscalateToNextLevelActivity(command(id, { level: 2 }));
    expect(first).toMatchObject({ outcome: 'fired', fromLevel: 0, toLevel: 2, ticket: { escalationLevel: 2, updatedAt: at(60) } });
    const retries = await Promise.all([1, 2, 3].map(() => activities.EscalateToNextLevelActivity(command(id, { level: 2 }))));
    expect(retries.map((r) => r.outcome)).toEqual(['already-fired', 'already-fired', 'already-fired']);
    expect(retries[0]).toMatchObject({ fromLevel: 0, toLevel: 2 });
    expect(await escalatedHistory(id)).toEqual(['escalationLevel:0->2']);
    expect(await levelRows(id)).toEqual([{ workflow_id: `escalation-${id}-sla-Resolution-1`, level: 2, from_level: 0, to_level: 2 }]);
  });

  it('fires once when attempts of the same level race', async () => {
    const id = await ticket('open');
    const outcomes = await Promise.all([1, 2, 3].map(() => activities.EscalateToNextLevelActivity(command(id, { level: 1 }))));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['already-fired', 'already-fired', 'fired']);
    expect(await escalatedHistory(id)).toEqual(['escalationLevel:0->1']);
  });

  it('never lowers the level: a lower level of another ladder is recorded without lowering it', async () => {
    const id = await ticket('open');
    await activities.EscalateToNextLevelActivity(command(id, { level: 3 }));
    const lower = await activities.EscalateToNextLevelActivity(command(id, { level: 1 }, `escalation-${id}-manual-1`));
    expect(lower).toMatchObject({ outcome: 'fired', fromLevel: 3, toLevel: 3, ticket: { escalationLevel: 3 } });
    expect((await row(id)).escalation_level).toBe(3);
    expect(await escalatedHistory(id)).toEqual(['escalationLevel:0->3', 'escalationLevel:3->3']);
  });

  it('moves the queue and raises the priority with a history row each, and never lowers the priority', async () => {
    const id = await ticket('open', { priority: 3, queue: 'Raw' });
    const result = await activities.EscalateToNextLevelActivity(command(id, { level: 1, assignQueue: 'Tier 2', raisePriorityTo: 5 }));
    expect(result.ticket).toMatchObject({ escalationLevel: 1, queue: 'Tier 2', priority: 5 });
    await activities.EscalateToNextLevelActivity(command(id, { level: 2, assignQueue: 'Tier 2', raisePriorityTo: 2 }));
    expect(await row(id)).toMatchObject({ escalation_level: 2, queue: 'Tier 2', priority: 5 });
    expect(await escalatedHistory(id)).toEqual(['escalationLevel:0->1', 'queue:Raw->Tier 2', 'priority:3->5', 'escalationLevel:1->2']);
    const { rows } = await pool.query("SELECT actor, reason, source FROM ticket_history WHERE ticket_id = $1 AND action = 'escalated' LIMIT 1", [id]);
    expect(rows[0]).toEqual({ actor: 'escalation', reason: 'SLA Resolution breached (level 1, sla:Resolution:1)', source: 'system' });
  });

  it('writes nothing when the condition stopped holding since the check', async () => {
    const id = await ticket('closed successful');
    const result = await activities.EscalateToNextLevelActivity(command(id, { level: 1 }));
    expect(result).toMatchObject({ outcome: 'condition-cleared', fromLevel: 0, toLevel: 0 });
    expect(await escalatedHistory(id)).toEqual([]);
    expect(await levelRows(id)).toEqual([]);
  });
});

describe('NotifyEscalationActivity', () => {
  const notice = (ticketId: string, recipients?: string[]) => ({
    ticketId, workflowId: `escalation-${ticketId}-manual-1`, level: 2, reason: 'customer called twice', ...(recipients ? { recipients } : {}),
  });

  it("tells the rule's recipients once per workflow and level", async () => {
    const id = await ticket();
    const ids = await activities.NotifyEscalationActivity(notice(id, ['team-lead']));
    expect(ids).toEqual([`notification-escalation-${id}-manual-1/level/2`]);
    expect(notices.at(-1)).toEqual({
      key: `escalation-${id}-manual-1/level/2`, event: 'escalation', ticketId: id, recipients: ['team-lead'],
      facts: { level: 2, reason: 'customer called twice' },
    });
  });

  it("tells the managers of the ticket's SLA plan when the rule names nobody", async () => {
    const id = await ticket();
    await pool.query(
      `INSERT INTO ticket_sla (ticket_id, policy, policy_version, reason, plan, started_at) VALUES ($1, 'premium', 1, 'test', $2, now())`,
      // A whole plan: other suites (the API fuzz) read this ticket's SLA from the same database.
      [id, JSON.stringify(plan(Date.now(), { managers: ['head-of-support'], escalation: [] }))],
    );
    await activities.NotifyEscalationActivity(notice(id));
    expect(notices.at(-1)!.recipients).toEqual(['head-of-support']);
  });

  it("tells the default policy's managers when the ticket has no SLA plan", async () => {
    const id = await ticket();
    await activities.NotifyEscalationActivity(notice(id));
    expect(notices.at(-1)!.recipients).toEqual(config.sla.policies[config.sla.defaultPolicy]!.managers);
  });
});

describe('RecordEscalationStartActivity and RecordEscalationEndActivity', () => {
  it('record a ladder run once, with the levels it fired and why it stopped', async () => {
    const id = await ticket('open');
    const workflowId = `escalation-${id}-manual-1`;
    const start = { workflowId, runId: 'run-1', ticketId: id, trigger: 'manual:1', reason: 'by hand', rules: [{ level: 1, waitMs: 0, condition: 'unresolved' as const }], at: at(10) };
    await activities.RecordEscalationStartActivity(start);
    await activities.RecordEscalationStartActivity(start);
    await activities.EscalateToNextLevelActivity(command(id, { level: 1 }, workflowId));
    expect(await findEscalationRuns(pool, id, { running: true })).toEqual([
      expect.objectContaining({ workflowId, trigger: 'manual:1', endedAt: null, firedLevels: [1], rules: start.rules }),
    ]);
    await activities.RecordEscalationEndActivity({ workflowId, runId: 'run-1', outcome: 'ladder-complete', detail: 'done', at: at(20) });
    expect(await findEscalationRuns(pool, id, { running: true })).toEqual([]);
    expect(await findEscalationRuns(pool, id)).toEqual([expect.objectContaining({ outcome: 'ladder-complete', endedAt: at(20) })]);
    expect(await countManualEscalations(pool, id)).toBe(1);
  });
});

describe('when PostgreSQL refuses an escalation\'s data', () => {
  const refused = { type: 'InvalidDataError', nonRetryable: true, message: expect.stringContaining('22021') };

  it('fails RecordEscalationStartActivity and EscalateToNextLevelActivity for good, writing nothing', async () => {
    const id = await ticket('open');
    const workflowId = `escalation-${id}-manual-1`;
    await expect(activities.RecordEscalationStartActivity({
      workflowId, runId: 'run-1', ticketId: id, trigger: 'manual:1', reason: 'a\u0000b', rules: [{ level: 1, waitMs: 0, condition: 'unresolved' }], at: at(),
    })).rejects.toMatchObject(refused);
    await expect(activities.EscalateToNextLevelActivity({ ...command(id, { level: 1 }, workflowId), reason: 'a\u0000b' })).rejects.toMatchObject(refused);
    expect(await levelRows(id)).toEqual([]);
    expect(await row(id)).toMatchObject({ escalation_level: 0 });
  });

  it('fails CheckEscalationConditionActivity for good on a condition that cannot be stored', async () => {
    const id = await ticket();
    await expect(activities.CheckEscalationConditionActivity(id, { Level: 1, Condition: 'open\u0000' })).rejects.toMatchObject({ type: 'DecodeError', nonRetryable: true });
  });
});
