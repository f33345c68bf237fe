import { randomBytes } from 'node:crypto';
import { slaWorkflowId, ticketWorkflowId } from '@gotrs/contracts';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { localActivities, patchMarkers } from '../../apps/worker/test/history-shape';
import { eventually, startStack, type Stack } from './support';

// The search attributes an operator filters on in the Temporal UI, on the real stack over HTTP.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-search-attributes' });
  await stack.startWorker();
}, 60_000);
afterAll(() => stack?.close());

const { EventType } = temporal.api.enums.v1;

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

  it("starts both runs of a created ticket with their attributes and workflow settings set, so neither upserts them or asks the worker", async () => {
    const created = await post('/api/v1/tickets', { title: 'Printer jam', queue, priority: 2 });
    expect(created.statusCode).toBe(201);
    const newId: string = created.json().id;
    for (const workflowId of [ticketWorkflowId(newId), slaWorkflowId(newId)]) {
      // The SLA is started after the 201's row: its first task has run once its first timer is set.
      const events = await eventually(async () => {
        const { events: all } = await stack.api.client.workflow.getHandle(workflowId).fetchHistory();
        const settled = all?.some((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED || e.eventType === EventType.EVENT_TYPE_TIMER_STARTED);
        return settled ? all! : undefined;
      });
      // The settings came in the memo: one patch marker (the compact shape's successor), no local activity to fetch them.
      expect({ workflowId, patches: patchMarkers({ events }), settingsFetched: localActivities({ events }).includes('GetWorkflowSettingsActivity') })
        .toEqual({ workflowId, patches: ['settings-in-memo'], settingsFetched: false });
      const atStart = Object.keys(events[0]!.workflowExecutionStartedEventAttributes?.searchAttributes?.indexedFields ?? {});
      const upserted = events.flatMap((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}));
      expect({ workflowId, atStart: atStart.sort(), upserted }).toEqual({
        workflowId,
        atStart: workflowId === ticketWorkflowId(newId) ? ['TicketPriority', 'TicketQueue', 'TicketStatus'] : ['SlaNextDueAt', 'SlaState', 'TicketPriority', 'TicketQueue'],
        // The SDK's own record of the run's patch, and nothing else.
        upserted: ['TemporalChangeVersion'],
      });
    }
    const found = await listed(`TicketQueue = '${queue}' AND TicketPriority = '2'`, 2);
    expect(found.map((w) => w.workflowId).sort()).toEqual([slaWorkflowId(newId), ticketWorkflowId(newId)].sort());
    const sla = found.find((w) => w.workflowId === slaWorkflowId(newId))!;
    expect(sla.searchAttributes).toMatchObject({ SlaState: ['running'] });
  });
});
