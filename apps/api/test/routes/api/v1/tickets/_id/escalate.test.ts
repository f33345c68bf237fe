import { WorkflowTypes, escalationWorkflowId, type EscalationRule } from '@gotrs/contracts';
import { applyStatus, recordEscalationEnd, recordEscalationStart } from '@gotrs/db';
import { buildPlan } from '@gotrs/sla';
import { DEFAULT_LADDER } from '../../../../../../src/escalations/default-ladder';
import {
  GOTRS_KEY_SCOPES, actorOfRole, closedPort, expectProblem, fieldsOf, insertTicket, onBehalfOf, startApi, type TestApi,
} from '../../../../../support';

// No worker polls this test's task queue: started ladders stay running and fire nothing.
let api: TestApi;
const started: string[] = [];
beforeAll(async () => {
  api = await startApi({ label: 'api-escalate', callTimeoutMs: 2000 });
});
afterAll(async () => {
  await Promise.allSettled(started.map((id) => api.client.workflow.getHandle(id).terminate('test done')));
  await api.close();
});

/** As an Admin; a payload naming an `actor` as GOTRS's key (only an actor:impersonate key may name another). */
const escalate = async (id: string, payload: { actor?: string; [field: string]: unknown }) => {
  const token = payload.actor === undefined ? undefined : await api.apiKey(GOTRS_KEY_SCOPES);
  const response = await api.request({ method: 'POST', url: `/api/v1/tickets/${id}/escalate`, payload, token });
  if (response.statusCode === 202) started.push(response.json().workflowId);
  return response;
};

/** The arguments the ladder's workflow was started with. */
async function startArgs(workflowId: string): Promise<[string, { rules: EscalationRule[]; reason: string; trigger: string; actor?: string; actorIdentity?: unknown }]> {
  const history = await api.client.workflow.getHandle(workflowId).fetchHistory();
  const payloads = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  return payloads.map((p) => JSON.parse(Buffer.from(p.data!).toString('utf8'))) as never;
}

/** The `advance` signals the workflow received. */
async function advances(workflowId: string): Promise<unknown[]> {
  const history = await api.client.workflow.getHandle(workflowId).fetchHistory();
  return history.events!
    .filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'advance')
    .map((e) => JSON.parse(Buffer.from(e.workflowExecutionSignaledEventAttributes!.input!.payloads![0]!.data!).toString('utf8')));
}

/** A ladder that an SLA breach started, recorded as the worker would and running in Temporal. */
async function runningSlaLadder(ticketId: string, rules: EscalationRule[]): Promise<string> {
  const trigger = 'sla:FirstResponse:1';
  const workflowId = escalationWorkflowId(ticketId, trigger);
  const handle = await api.client.workflow.start(WorkflowTypes.escalation, {
    workflowId, taskQueue: api.config.temporal.taskQueue, args: [ticketId, { rules, reason: 'SLA FirstResponse breached', trigger }],
  });
  started.push(workflowId);
  await recordEscalationStart(api.pool, {
    workflowId, runId: handle.firstExecutionRunId, ticketId, trigger, reason: 'SLA FirstResponse breached', rules, at: new Date().toISOString(),
  });
  return workflowId;
}

const rung = (level: number): EscalationRule => ({ level, waitMs: 60_000, condition: 'unresolved' });

describe('POST /api/v1/tickets/{id}/escalate', () => {
  it('returns 400 naming each offending field', async () => {
    expect(fieldsOf(await escalate('any', {}))).toEqual(['body.reason']);
    expect(fieldsOf(await escalate('any', { reason: '  ' }))).toEqual(['body.reason']);
    expect(fieldsOf(await escalate('any', { reason: 'x', level: 0 }))).toEqual(['body.level']);
    expect(fieldsOf(await escalate('any', { reason: 'x', level: 'two' }))).toEqual(['body.level']);
  });

  it('returns 404 for an unknown ticket', async () => {
    expectProblem(await escalate('no-such-ticket', { reason: 'VIP' }), 404, 'ticket_not_found');
  });

  it('returns 409 for a closed, merged or removed ticket', async () => {
    for (const status of ['closed successful', 'merged', 'removed'] as const) {
      const row = await insertTicket(api.pool);
      await applyStatus(api.pool, { ticketId: row.id, changeId: `${row.id}/1`, actor: 'a', reason: null, source: 'api', at: new Date().toISOString(), status, pendingUntil: null, action: 'status-changed' });
      expectProblem(await escalate(row.id, { reason: 'VIP' }), 409, 'ticket_closed');
    }
  });

  it('starts manual:1 with the default ladder, then advances it when asked again', async () => {
    const row = await insertTicket(api.pool);
    const first = await escalate(row.id, { reason: 'customer is a VIP', actor: 'agent-3' });
    expect(first.statusCode).toBe(202);
    const workflowId = escalationWorkflowId(row.id, 'manual:1');
    expect(first.json()).toEqual({ ticketId: row.id, workflowId, trigger: 'manual:1', action: 'started', level: 1, reason: 'customer is a VIP' });
    const described = await api.client.workflow.getHandle(workflowId).describe();
    expect({ type: described.type, status: described.status.name }).toEqual({ type: WorkflowTypes.escalation, status: 'RUNNING' });
    expect(await startArgs(workflowId)).toEqual([
      row.id, { rules: DEFAULT_LADDER, reason: 'customer is a VIP', trigger: 'manual:1', actor: 'agent-3', actorIdentity: onBehalfOf('agent-3') },
    ]);

    // Its worker has not recorded it yet: the start finds it running and advances it instead.
    const second = await escalate(row.id, { reason: 'still no answer', level: 3 });
    expect(second.json()).toEqual({ ticketId: row.id, workflowId, trigger: 'manual:1', action: 'advanced', level: 3, reason: 'still no answer' });
    expect(await advances(workflowId)).toEqual([{ reason: 'still no answer', level: 3, actor: 'admin@example.com', actorIdentity: actorOfRole('Admin') }]);
  });

  it('numbers a new manual ladder after the ones the ticket had', async () => {
    const row = await insertTicket(api.pool);
    const workflowId = escalationWorkflowId(row.id, 'manual:1');
    const at = new Date().toISOString();
    await recordEscalationStart(api.pool, { workflowId, runId: 'r1', ticketId: row.id, trigger: 'manual:1', reason: 'earlier', rules: [rung(1)], at });
    await recordEscalationEnd(api.pool, { workflowId, runId: 'r1', outcome: 'ladder-complete', detail: 'done', at });
    const response = await escalate(row.id, { reason: 'again' });
    expect(response.json()).toMatchObject({ trigger: 'manual:2', workflowId: escalationWorkflowId(row.id, 'manual:2'), action: 'started' });
  });

  it('skips a manual number whose ladder ended before it recorded itself', async () => {
    const row = await insertTicket(api.pool);
    const taken = escalationWorkflowId(row.id, 'manual:1');
    const handle = await api.client.workflow.start(WorkflowTypes.escalation, {
      workflowId: taken, taskQueue: api.config.temporal.taskQueue, args: [row.id, { rules: [rung(1)], reason: 'x', trigger: 'manual:1' }],
    });
    await handle.terminate('ended early');
    const response = await escalate(row.id, { reason: 'again' });
    expect(response.json()).toMatchObject({ trigger: 'manual:2', action: 'started' });
  });

  it('advances the running ladder an SLA breach started, checking the level against its rules', async () => {
    const row = await insertTicket(api.pool);
    const workflowId = await runningSlaLadder(row.id, [rung(1), rung(2)]);
    expectProblem(await escalate(row.id, { reason: 'x', level: 3 }), 400, 'validation_failed');
    const response = await escalate(row.id, { reason: 'manager asked', level: 2, actor: 'lead' });
    expect(response.json()).toEqual({ ticketId: row.id, workflowId, trigger: 'sla:FirstResponse:1', action: 'advanced', level: 2, reason: 'manager asked' });
    expect(await advances(workflowId)).toEqual([{ reason: 'manager asked', level: 2, actor: 'lead', actorIdentity: onBehalfOf('lead') }]);
  });

  it('starts a new ladder when the recorded one is no longer running', async () => {
    const row = await insertTicket(api.pool);
    const stale = await runningSlaLadder(row.id, [rung(1)]);
    await api.client.workflow.getHandle(stale).terminate('gone');
    const response = await escalate(row.id, { reason: 'VIP' });
    expect(response.json()).toMatchObject({ trigger: 'manual:1', action: 'started' });
  });

  it("uses the ladder of the ticket's SLA plan, from the first level above the ticket's", async () => {
    const row = await insertTicket(api.pool);
    // A whole plan: other suites (the API fuzz) read this ticket's SLA from the same database.
    const plan = {
      ...buildPlan(api.config.sla, { priority: 3, queue: 'Raw', createdAt: new Date().toISOString() }),
      managers: ['m'], escalation: [rung(1), { ...rung(2), raisePriorityTo: 5 }, rung(3)],
    };
    await api.pool.query(
      "INSERT INTO ticket_sla (ticket_id, policy, policy_version, reason, plan, started_at) VALUES ($1, 'premium', 1, 'test', $2, now())",
      [row.id, JSON.stringify(plan)],
    );
    await api.pool.query('UPDATE tickets SET escalation_level = 1 WHERE id = $1', [row.id]);
    const response = await escalate(row.id, { reason: 'VIP' });
    expect(response.json()).toMatchObject({ action: 'started', level: 2 });
    expect((await startArgs(response.json().workflowId))[1].rules).toEqual(plan.escalation.slice(1));
    expectProblem(await escalate((await insertTicket(api.pool)).id, { reason: 'x', level: 4 }), 400, 'validation_failed');
  });
});

describe('POST /api/v1/tickets/{id}/escalate without its dependencies', () => {
  it('returns 503 temporal_unavailable within the call timeout when Temporal is unreachable', async () => {
    const down = await startApi({ label: 'api-escalate-no-temporal', temporalAddress: `127.0.0.1:${await closedPort()}`, callTimeoutMs: 1500 });
    try {
      const row = await insertTicket(down.pool);
      const began = Date.now();
      const response = await down.request({ method: 'POST', url: `/api/v1/tickets/${row.id}/escalate`, payload: { reason: 'VIP' } });
      expectProblem(response, 503, 'temporal_unavailable');
      expect(response.headers['retry-after']).toBe(String(down.config.api.retryAfterSeconds));
      expect(Date.now() - began).toBeLessThan(1500 + 1000);
    } finally {
      await down.close();
    }
  });

  it('returns 503 database_unavailable when PostgreSQL is unreachable', async () => {
    const down = await startApi({ label: 'api-escalate-no-db', databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/gotrs` });
    try {
      const response = await down.request({ method: 'POST', url: '/api/v1/tickets/some-ticket/escalate', payload: { reason: 'VIP' } });
      expectProblem(response, 503, 'database_unavailable');
    } finally {
      await down.close();
    }
  });
});
