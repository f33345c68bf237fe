import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  WorkflowTypes,
  changeStatusUpdate,
  assignUpdate,
  ticketPersistedUpdate,
  ticketQuery,
  ticketWorkflowId,
} from '@gotrs/contracts';
import { FAST_SETTINGS, FakeTicketStore, createHarness, eventually, type Harness } from '../support';

jest.setTimeout(60_000);

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('lifecycle');
});
afterAll(() => harness.close());

function start(id: string, arg: unknown = id): Promise<WorkflowHandleWithFirstExecutionRunId> {
  return harness.client.workflow.start(WorkflowTypes.ticketLifecycle, {
    workflowId: ticketWorkflowId(id),
    taskQueue: harness.taskQueue,
    args: [arg],
  });
}

async function updateFailure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('TicketLifecycleWorkflow', () => {
  it('creates the ticket from a bare Go ticket ID and answers the status query as a plain string', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      const ticket = await handle.executeUpdate(ticketPersistedUpdate);
      expect(ticket).toMatchObject({ id, title: `Ticket ${id}`, status: 'new', queue: 'Raw', priority: 3 });
      expect(await handle.query<string>('status')).toBe('new');
    });
    expect(store.actions(id)).toEqual(['created:new']);
  });

  it('applies assign-ticket sent as Go AssignmentData, camelCase and a bare string, in order', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id, { ticket: { id, title: 'Printer on fire', priority: 5 } });
      await handle.signal('assign-ticket', { AgentID: 'agent-7' });
      await handle.signal('assign-ticket', { agentId: 'agent-8' });
      await handle.signal('assign-ticket', 'agent-9');
      await eventually(async () => ((await handle.query(ticketQuery))?.assignee === 'agent-9' ? true : undefined));
    });
    expect(store.actions(id)).toEqual(['created:new', 'assigned:agent-7', 'assigned:agent-8', 'assigned:agent-9']);
    expect(store.tickets.get(id)).toMatchObject({ title: 'Printer on fire', priority: 5 });
  });

  it('records a refused signal in history and keeps running', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      await handle.signal('update-status', 'pending'); // pending needs a pendingUntil time
      await handle.signal('update-status', 'no such status');
      await handle.signal('assign-ticket', 42);
      await handle.signal('update-status', 'open');
      await eventually(async () => ((await handle.query<string>('status')) === 'open' ? true : undefined));
      const refused = store.history.filter((h) => !h.accepted);
      expect(refused.map((h) => h.reason?.split(':')[0])).toEqual(['pending_until_required', 'invalid_status', 'invalid_assignment']);
      expect(refused.every((h) => h.source === 'signal')).toBe(true);
      const described = await handle.describe();
      expect(described.status.name).toBe('RUNNING');
    });
  });

  it('applies signals that arrived before the first workflow task in the order they were sent', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    const handle = await start(id); // no worker yet: everything lands in the first activation
    await handle.signal('update-status', 'open');
    await handle.signal('assign-ticket', { AgentID: 'agent-1' });
    await handle.signal('update-status', 'pending');
    await handle.signal('assign-ticket', 'agent-2');
    await harness.withWorker(store.activities(), async () => {
      await eventually(async () => ((await handle.query(ticketQuery))?.assignee === 'agent-2' ? true : undefined));
    });
    expect(store.actions(id)).toEqual(['created:new', 'status-changed:open', 'assigned:agent-1', 'rejected:pending', 'assigned:agent-2']);
  });

  it('rejects an illegal update before it enters history and leaves the ticket unchanged', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      await handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'open' }] });
      const failure = await updateFailure(handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'new' }] }));
      expect(failure.type).toBe('illegal_transition');
      const pending = await updateFailure(handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'pending auto close+' }] }));
      expect(pending.type).toBe('pending_until_required');
      expect((await handle.query(ticketQuery))?.status).toBe('open');
      const history = await handle.fetchHistory();
      const accepted = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
      expect(accepted).toHaveLength(1);
    });
    expect(store.actions(id)).toEqual(['created:new', 'status-changed:open']);
  });

  it('answers an assign update with the updated ticket and treats the same assignee again as a no-op', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      const first = await handle.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-1', actor: 'lead', reason: 'on call' }] });
      const again = await handle.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-1' }] });
      expect(first.assignee).toBe('agent-1');
      expect(again).toEqual(first);
    });
    expect(store.history.filter((h) => h.action === 'assigned')).toHaveLength(1);
  });

  it('applies concurrent updates one at a time, each on the state the previous one left', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      await handle.executeUpdate(ticketPersistedUpdate);
      const agents = ['a1', 'a2', 'a3', 'a4', 'a5'];
      const results = await Promise.all(agents.map((agentId) => handle.executeUpdate(assignUpdate, { args: [{ agentId }] })));
      expect(new Set(results.map((t) => t.assignee))).toEqual(new Set(agents));
    });
    const assigned = store.history.filter((h) => h.action === 'assigned');
    expect(assigned).toHaveLength(5);
  });

  it('ends the run when the ticket is closed with the seed\'s plain "closed"', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      await handle.signal('update-status', 'closed');
      await expect(handle.result()).resolves.toMatchObject({ ticketId: id, status: 'closed successful' });
      expect(await handle.query<string>('status')).toBe('closed successful');
    });
  });

  it('reopens a closed ticket in a new run under the same workflow ID', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const first = await start(id);
      await first.executeUpdate(changeStatusUpdate, { args: [{ status: 'closed unsuccessful' }] });
      await first.result();
      const reopened = await harness.client.workflow.executeUpdateWithStart(changeStatusUpdate, {
        args: [{ status: 'open', reopen: true, reason: 'customer replied' }],
        startWorkflowOperation: new WithStartWorkflowOperation(WorkflowTypes.ticketLifecycle, {
          workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [{ ticket: { id } }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
      expect(reopened.status).toBe('open');
      const current = await harness.client.workflow.getHandle(ticketWorkflowId(id)).describe();
      expect(current.runId).not.toBe(first.firstExecutionRunId);
      expect(current.status.name).toBe('RUNNING');
      const latest = harness.client.workflow.getHandle(ticketWorkflowId(id));
      const again = await updateFailure(latest.executeUpdate(changeStatusUpdate, { args: [{ status: 'open', reopen: true }] }));
      expect(again.type).toBe('ticket_not_closed');
    });
    expect(store.actions(id)).toEqual(['created:new', 'status-changed:closed unsuccessful', 'reopened:open']);
  });

  it('closes a "pending auto close+" ticket when its pending time is reached', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      const pendingUntil = new Date(Date.now() + 1500).toISOString();
      await handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'pending auto close+', pendingUntil }] });
      await expect(handle.result()).resolves.toMatchObject({ status: 'closed successful' });
    });
    const closing = store.history.find((h) => h.to === 'closed successful');
    expect(closing).toMatchObject({ source: 'system' });
    expect(closing?.reason).toContain('pending time');
  });

  it('keeps retrying a write while the database is down and applies it once it is back', async () => {
    const store = new FakeTicketStore();
    store.failNextWrites = 4;
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      const ticket = await handle.executeUpdate(ticketPersistedUpdate);
      expect(ticket.id).toBe(id);
    });
    expect(store.calls).toBe(5);
    expect(store.actions(id)).toEqual(['created:new']);
  });

  it('continues as new before its history grows large, keeping the ticket', async () => {
    const store = new FakeTicketStore({ ...FAST_SETTINGS, continueAsNewAfterEvents: 40 });
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      const firstRun = (await handle.describe()).runId;
      for (let i = 0; i < 12; i += 1) {
        await handle.executeUpdate(assignUpdate, { args: [{ agentId: `agent-${i}` }] });
      }
      const latest = harness.client.workflow.getHandle(ticketWorkflowId(id));
      await eventually(async () => ((await latest.describe()).runId !== firstRun ? true : undefined));
      const carried = await eventually(async () => (await latest.query(ticketQuery)) ?? undefined); // null until loaded
      expect(carried).toMatchObject({ id, assignee: 'agent-11' });
      await latest.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-after' }] });
    });
    expect(store.tickets.get(id)?.assignee).toBe('agent-after');
    expect(store.history.filter((h) => h.action === 'created')).toHaveLength(1);
  });

  it('fails a start whose input is not a ticket', async () => {
    const store = new FakeTicketStore();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(randomUUID(), { ticket: { title: 'no id' } });
      await expect(handle.result()).rejects.toMatchObject({ cause: { type: 'invalid_input' } });
    });
  });
});
