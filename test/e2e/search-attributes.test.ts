import { randomBytes } from 'node:crypto';
import { slaWorkflowId, ticketWorkflowId } from '@gotrs/contracts';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { eventually, startStack, type Stack } from './support';

// The search attributes an operator filters on in the Temporal UI, on the real stack over HTTP.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-search-attributes' });
  await stack.startWorker();
}, 60_000);
afterAll(() => stack?.close());

const post = (url: string, payload?: unknown) => stack.api.request({ method: 'POST', url, payload });

/** The workflows a visibility query finds (visibility lags a little behind: asked until it answers `count`). */
function listed(query: string, count: number): Promise<WorkflowExecutionInfo[]> {
  return eventually(async () => {
    const found: WorkflowExecutionInfo[] = [];
    for await (const workflow of stack.api.client.workflow.list({ query })) found.push(workflow);
    return found.length === count ? found : undefined;
  });
}

describe('search attributes of ticket and SLA workflows', () => {
  const queue = `Network-${randomBytes(4).toString('hex')}`;
  let id: string;

  beforeAll(async () => {
    const created = await post('/api/v1/tickets', { title: 'Switch down', queue, priority: 5, sla: { firstResponseTime: 'PT1S', resolutionTime: 'P1D' } });
    expect(created.statusCode).toBe(201);
    id = created.json().id;
    expect((await post(`/api/v1/tickets/${id}/assign`, { agentId: 'agent-7' })).statusCode).toBe(200);
  });

  it("finds the assigned ticket's workflow by TicketAssignee, with its status, queue and priority", async () => {
    const [ticket] = await listed(`TicketAssignee = 'agent-7' AND TicketQueue = '${queue}'`, 1);
    expect(ticket!.workflowId).toBe(ticketWorkflowId(id));
    expect(ticket!.searchAttributes).toMatchObject({ TicketStatus: ['new'], TicketQueue: [queue], TicketPriority: ['5'], TicketAssignee: ['agent-7'] });
  });

  it('finds the breached SLA by SlaState and TicketQueue, with the next due instant of the milestone still running', async () => {
    const [sla] = await listed(`SlaState = 'breached' AND TicketQueue = '${queue}'`, 1);
    expect(sla!.workflowId).toBe(slaWorkflowId(id));
    expect(sla!.typedSearchAttributes.getAll().map(({ key, value }) => [key.name, value instanceof Date ? 'a date' : value])).toEqual(
      expect.arrayContaining([['SlaState', 'breached'], ['TicketQueue', queue], ['TicketPriority', '5'], ['SlaNextDueAt', 'a date']]),
    );
    const due = sla!.searchAttributes.SlaNextDueAt as Date[];
    // Resolution (P1D) is the only clock left running.
    expect(due[0]!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });

  it('keeps the attributes current: a closed ticket is found as closed, and its SLA no longer due', async () => {
    expect((await post(`/api/v1/tickets/${id}/status`, { status: 'closed' })).statusCode).toBe(200);
    const [ticket] = await listed(`TicketStatus = 'closed successful' AND TicketQueue = '${queue}'`, 1);
    expect(ticket!.workflowId).toBe(ticketWorkflowId(id));
    const [sla] = await listed(`WorkflowId = '${slaWorkflowId(id)}' AND SlaNextDueAt IS NULL`, 1);
    expect(sla!.searchAttributes.SlaState).toEqual(['breached']);
  });
});
