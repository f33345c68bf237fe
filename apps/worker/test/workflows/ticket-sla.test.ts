import { randomUUID } from 'node:crypto';
import { WorkflowTypes, changeStatusUpdate, recordResponseUpdate, slaWorkflowId, ticketWorkflowId, assignUpdate } from '@gotrs/contracts';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { FakeSlaStore, HOUR, plan } from '../sla-support';
import { FakeTicketStore, createHarness, eventually, type Harness } from '../support';

jest.setTimeout(60_000);

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('ticket-sla');
});
afterAll(() => harness.close());

/** A ticket and its SLA, as the API starts them, with fake activities for both. */
async function startBoth(id: string) {
  const ticket = await harness.client.workflow.start(WorkflowTypes.ticketLifecycle, {
    workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [{ ticket: { id, title: 'Mail down' } }],
  });
  const sla = await harness.client.workflow.start(WorkflowTypes.slaEnforcement, {
    workflowId: slaWorkflowId(id), taskQueue: harness.taskQueue, args: [id, { plan: plan(Date.now(), {
      milestones: [
        { name: 'FirstResponse', targetMs: HOUR, pauseOn: [] },
        { name: 'Resolution', targetMs: 8 * HOUR, pauseOn: ['pending'] },
        { name: 'Update', targetMs: 2 * HOUR, pauseOn: ['pending'] },
      ],
    }) }],
  });
  return { ticket, sla };
}

describe('TicketLifecycleWorkflow with its SLA', () => {
  it('tells sla-{id} about responses, pauses, resumes and the close, and notifies each change once', async () => {
    const tickets = new FakeTicketStore();
    const slas = new FakeSlaStore();
    const id = randomUUID();
    await harness.withWorker({ ...tickets.activities(), ...slas.activities() }, async () => {
      const { ticket, sla } = await startBoth(id);
      const responded = await ticket.executeUpdate(recordResponseUpdate, { args: [{ agentId: 'agent-7' }] });
      expect(responded.id).toBe(id);
      await eventually(() => (slas.types().includes('start:Update:2') ? true : undefined));
      await ticket.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-7' }] });
      await ticket.executeUpdate(changeStatusUpdate, { args: [{ status: 'pending reminder', pendingUntil: new Date(Date.now() + HOUR).toISOString() }] });
      await eventually(() => (slas.types().includes('pause:Resolution:1') ? true : undefined));
      await ticket.executeUpdate(changeStatusUpdate, { args: [{ status: 'open' }] });
      await eventually(() => (slas.types().includes('resume:Resolution:1') ? true : undefined));
      await ticket.executeUpdate(changeStatusUpdate, { args: [{ status: 'closed' }] });
      await ticket.result();
      await sla.result();
    });
    expect(slas.types()).toEqual([
      'start:FirstResponse:1', 'start:Resolution:1', 'start:Update:1',
      'meet:FirstResponse:1', 'meet:Update:1', 'start:Update:2',
      'pause:Resolution:1', 'pause:Update:2', 'resume:Resolution:1', 'resume:Update:2',
      'meet:Resolution:1', 'meet:Update:2',
    ]);
    expect(tickets.actions(id)).toContain('responded:agent-7');
    expect(tickets.notices.map((n) => n.event)).toEqual([
      'ticket.created', 'ticket.assigned', 'ticket.status-changed', 'ticket.status-changed', 'ticket.status-changed',
    ]);
    expect(new Set(tickets.notices.map((n) => n.key)).size).toBe(tickets.notices.length);
  });

  it('refuses a response on a closed ticket and runs on without an SLA workflow', async () => {
    const tickets = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(tickets.activities(), async () => {
      const handle = await harness.client.workflow.start(WorkflowTypes.ticketLifecycle, {
        workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [id],
      });
      await handle.executeUpdate(recordResponseUpdate, { args: [{ agentId: 'agent-1' }] });
      await handle.signal('update-status', 'closed');
      await expect(handle.result()).resolves.toMatchObject({ status: 'closed successful' });
    });
    expect(tickets.actions(id)).toEqual(['created:new', 'responded:agent-1', 'status-changed:closed successful']);
  });
});

/** Reopens the closed ticket as the API does: update-with-start on `ticket-{id}`. */
function reopen(id: string) {
  return harness.client.workflow.executeUpdateWithStart(changeStatusUpdate, {
    args: [{ status: 'open', reopen: true, reason: 'customer replied' }],
    startWorkflowOperation: new WithStartWorkflowOperation(WorkflowTypes.ticketLifecycle, {
      workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [{ ticket: { id } }], workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
}

const statusSignals = async (id: string) => ((await harness.client.workflow.getHandle(slaWorkflowId(id)).fetchHistory()).events ?? [])
  .filter((e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).length;

describe('a reopened ticket and its SLA', () => {
  it('starts sla-{id} again when it has ended, as a child the reopened run abandons, with new cycles', async () => {
    const tickets = new FakeTicketStore();
    const slas = new FakeSlaStore();
    const id = randomUUID();
    await harness.withWorker({ ...tickets.activities(), ...slas.activities() }, async () => {
      const { ticket, sla } = await startBoth(id);
      await ticket.executeUpdate(changeStatusUpdate, { args: [{ status: 'closed' }] });
      await ticket.result();
      await sla.result();
      const reopened = await reopen(id);
      expect(reopened.status).toBe('open');
      await eventually(() => (slas.types().includes('start:Update:2') ? true : undefined));
      const resumed = await harness.client.workflow.getHandle(slaWorkflowId(id)).describe();
      expect(resumed.runId).not.toBe(sla.firstExecutionRunId);
      expect(resumed.status.name).toBe('RUNNING');
      expect(resumed.parentExecution?.workflowId).toBe(ticketWorkflowId(id));
      const current = await harness.client.workflow.getHandle(ticketWorkflowId(id)).describe();
      expect(current.status.name).toBe('RUNNING');
      await harness.client.workflow.getHandle(slaWorkflowId(id)).terminate('test over');
      await harness.client.workflow.getHandle(ticketWorkflowId(id)).terminate('test over');
    });
    expect(slas.reasons().filter((r) => r.startsWith('start:'))).toEqual([
      'start:FirstResponse:1:ticket created', 'start:Resolution:1:ticket created', 'start:Update:1:ticket created',
      'start:Resolution:2:ticket reopened', 'start:Update:2:ticket reopened',
    ]);
  });

  it('tells sla-{id} instead when it is still running (a race with the close), and it opens the new cycles itself', async () => {
    const tickets = new FakeTicketStore();
    const slas = new FakeSlaStore();
    const id = randomUUID();
    let release!: () => void;
    const closing = new Promise<void>((resolve) => (release = resolve));
    slas.gate = async (progress) => {
      if (progress.events.some((e) => e.type === 'meet' && e.milestone === 'Resolution')) await closing;
    };
    await harness.withWorker({ ...tickets.activities(), ...slas.activities() }, async () => {
      const { ticket, sla } = await startBoth(id);
      await ticket.executeUpdate(changeStatusUpdate, { args: [{ status: 'closed' }] });
      await ticket.result();
      // sla-{id} is still recording the close: the reopen finds it running.
      expect(await reopen(id)).toMatchObject({ status: 'open' });
      await eventually(async () => ((await statusSignals(id)) >= 2 ? true : undefined));
      release();
      await eventually(() => (slas.types().includes('start:Resolution:2') ? true : undefined));
      const described = await sla.describe();
      expect(described.runId).toBe(sla.firstExecutionRunId);
      expect(described.status.name).toBe('RUNNING');
      await sla.terminate('test over');
      await harness.client.workflow.getHandle(ticketWorkflowId(id)).terminate('test over');
    });
    expect(slas.types('Resolution')).toEqual(['start:Resolution:1', 'meet:Resolution:1', 'start:Resolution:2']);
  });
});
