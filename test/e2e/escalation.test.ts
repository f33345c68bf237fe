import { randomUUID } from 'node:crypto';
import { WorkflowTypes, ticketPersistedUpdate, ticketWorkflowId } from '@gotrs/contracts';
import { buildPlan } from '@gotrs/sla';
import { GOTRS_KEY_SCOPES, eventually, expectProblem, startStack, type Stack } from './support';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-escalation' });
  await stack.startWorker();
}, 60_000);
afterAll(() => stack?.close());

const post = (url: string, payload?: unknown) => stack.api.request({ method: 'POST', url, payload });
const get = (url: string) => stack.api.request({ url });
/** As GOTRS's own key, which may name the person a change is for (`actor`). */
const postAsGotrs = async (url: string, payload: unknown) =>
  stack.api.request({ method: 'POST', url, payload, token: await stack.api.apiKey(GOTRS_KEY_SCOPES) });

async function ticketWhere(url: string, test: (ticket: Record<string, unknown>) => boolean) {
  return eventually(async () => {
    const ticket = (await get(url)).json();
    return test(ticket) ? ticket : undefined;
  });
}

async function escalatedHistory(url: string) {
  const { items } = (await get(`${url}/history?limit=100`)).json();
  return (items as Array<{ action: string; field: string; from: string; to: string; actor: string }>)
    .filter((e) => e.action === 'escalated')
    .map((e) => `${e.field}:${e.from}->${e.to} by ${e.actor}`);
}

describe('escalating a ticket by hand, with the real worker', () => {
  let url: string;
  let workflowId: string;

  it('starts a ladder whose first level raises the ticket to level 1', async () => {
    const created = await post('/api/v1/tickets', { title: 'Printer on fire', priority: 3 });
    url = created.headers.location!;
    const response = await postAsGotrs(`${url}/escalate`, { reason: 'customer is a VIP', actor: 'agent-3' });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ action: 'started', trigger: 'manual:1', level: 1 });
    ({ workflowId } = response.json());
    await ticketWhere(url, (t) => t.escalationLevel === 1);
    expect(await escalatedHistory(url)).toEqual(['escalationLevel:0->1 by agent-3']);
  });

  it('advances the running ladder at once instead of after its wait', async () => {
    const response = await postAsGotrs(`${url}/escalate`, { reason: 'still no answer', level: 2, actor: 'lead' });
    expect(response.json()).toMatchObject({ action: 'advanced', workflowId, level: 2 });
    const ticket = await ticketWhere(url, (t) => t.escalationLevel === 2);
    expect(ticket).toMatchObject({ priority: 4 });
    expect(await escalatedHistory(url)).toEqual([
      'escalationLevel:0->1 by agent-3', 'escalationLevel:1->2 by lead', 'priority:3->4 by lead',
    ]);
    const { rows } = await stack.api.pool.query('SELECT level FROM escalations WHERE workflow_id = $1 ORDER BY level', [workflowId]);
    expect(rows.map((r) => r.level)).toEqual([1, 2]);
  });

  it('refuses a closed ticket with 409, and the ladder stops without firing again', async () => {
    expect((await post(`${url}/status`, { status: 'closed' })).statusCode).toBe(200);
    expectProblem(await post(`${url}/escalate`, { reason: 'too late' }), 409, 'ticket_closed');
    const handle = stack.api.client.workflow.getHandle(workflowId);
    if ((await handle.describe()).status.name === 'RUNNING') await handle.signal('advance', { reason: 'closed meanwhile' });
    const outcome = await handle.result();
    expect(outcome.fired.map((f: { level: number }) => f.level)).toEqual([1, 2]);
    expect(['condition-cleared', 'ladder-complete']).toContain(outcome.stopped);
    const { rows } = await stack.api.pool.query('SELECT outcome, ended_at FROM escalation_runs WHERE workflow_id = $1', [workflowId]);
    expect(rows[0]).toMatchObject({ outcome: outcome.stopped, ended_at: expect.any(Date) });
  });

  it("moves the ticket to the plan's queue and hands it to its agent through the ticket's workflow", async () => {
    // A ticket a Go caller created (no SLA workflow), with an SLA plan whose ladder reassigns.
    const id = randomUUID();
    const lifecycle = await stack.api.client.workflow.start(WorkflowTypes.ticketLifecycle, {
      workflowId: ticketWorkflowId(id), taskQueue: stack.api.config.temporal.taskQueue, args: [id],
    });
    await lifecycle.executeUpdate(ticketPersistedUpdate);
    // A whole plan: other suites (the API fuzz) read this ticket's SLA from the same database.
    const plan = {
      ...buildPlan(stack.api.config.sla, { priority: 3, queue: 'Raw', createdAt: new Date().toISOString() }),
      managers: ['support-manager'], escalation: [{ level: 1, waitMs: 3_600_000, condition: 'unanswered' as const, assignQueue: 'Tier 2', assignAgent: 'agent-9' }],
    };
    await stack.api.pool.query(
      "INSERT INTO ticket_sla (ticket_id, policy, policy_version, reason, plan, started_at) VALUES ($1, 'premium', 1, 'test', $2, now())",
      [id, JSON.stringify(plan)],
    );
    const response = await post(`/api/v1/tickets/${id}/escalate`, { reason: 'VIP' });
    expect(response.json()).toMatchObject({ action: 'started', level: 1 });
    const ticket = await ticketWhere(`/api/v1/tickets/${id}`, (t) => t.assignee === 'agent-9');
    expect(ticket).toMatchObject({ escalationLevel: 1, queue: 'Tier 2' });
    const outcome = await stack.api.client.workflow.getHandle(response.json().workflowId).result();
    expect(outcome).toMatchObject({ stopped: 'ladder-complete' });
  });
});
