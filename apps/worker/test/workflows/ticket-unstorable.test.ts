import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { WorkflowTypes, isStorableText, assignUpdate, changeStatusUpdate, ticketPersistedUpdate, ticketQuery, ticketWorkflowId } from '@gotrs/contracts';
import { describeRequested } from '../../src/workflows/describe-requested';
import { FakeTicketStore, createHarness, eventually, type Harness } from '../support';

jest.setTimeout(60_000);

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('lifecycle-unstorable');
});
afterAll(() => harness.close());

const NUL = 'a\u0000b';

function start(id: string, arg: unknown = id): Promise<WorkflowHandle> {
  return harness.client.workflow.start(WorkflowTypes.ticketLifecycle, { workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [arg] });
}

async function updateFailure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
}

/** PostgreSQL refusing the assignment to `agent` (a constraint the decoders do not know of). */
const refusesAssigning = (agent: string) => (change: object) => {
  const { action, to } = change as { action?: unknown; to?: unknown };
  return action === 'assigned' && to === agent;
};
const assignee = (handle: WorkflowHandle, agent: string) => eventually(async () => ((await handle.query(ticketQuery))?.assignee === agent ? true : undefined));
const rejected = (store: FakeTicketStore, id: string) => store.history.filter((h) => h.ticketId === id && !h.accepted);
const storable = (store: FakeTicketStore) => store.history.every((h) => Object.values(h).every((v) => typeof v !== 'string' || isStorableText(v)));

describe('TicketLifecycleWorkflow and text PostgreSQL cannot store', () => {
  it('records signals carrying NUL as rejected (the text escaped) and takes the next change', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      await handle.signal('assign-ticket', { AgentID: 'agent-7', Reason: NUL });
      await handle.signal('update-status', `op${NUL}en`);
      await handle.signal('assign-ticket', 'agent-9');
      await assignee(handle, 'agent-9');
    });
    expect(store.actions(id)).toEqual(['created:new', 'rejected:{"AgentID":"agent-7","Reason":"a\\u0000b"}', 'rejected:opa\\u0000ben', 'assigned:agent-9']);
    expect(rejected(store, id).map((h) => h.reason)).toEqual([
      'change_not_storable: reason must not contain the NUL character (U+0000)', 'change_not_storable: status must not contain the NUL character (U+0000)',
    ]);
    expect(storable(store)).toBe(true);
  });

  it('refuses an update carrying NUL with change_not_storable before it enters history', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      await handle.executeUpdate(ticketPersistedUpdate);
      const failure = await updateFailure(handle.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-7', reason: NUL }] }));
      expect(failure).toMatchObject({ type: 'change_not_storable', message: 'reason must not contain the NUL character (U+0000)' });
      const status = await updateFailure(handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'open', actor: 'agent-\uD800' }] }));
      expect(status.type).toBe('change_not_storable');
      const history = await handle.fetchHistory();
      expect(history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(1); // ticket-persisted
    });
    expect(store.actions(id)).toEqual(['created:new']);
  });

  it('records a change whose write fails for good as rejected, answers its update with change_not_storable, and applies the next', async () => {
    const store = new FakeTicketStore();
    store.refuses = refusesAssigning('poison');
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      const failure = await updateFailure(handle.executeUpdate(assignUpdate, { args: [{ agentId: 'poison' }] }));
      expect(failure).toMatchObject({ type: 'change_not_storable', message: expect.stringContaining('SQLSTATE 22021') });
      expect((await handle.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-2' }] })).assignee).toBe('agent-2');
    });
    expect(store.actions(id)).toEqual(['created:new', 'rejected:poison', 'assigned:agent-2']);
    expect(rejected(store, id)[0]).toMatchObject({ source: 'api', reason: expect.stringMatching(/^change_not_storable: the change cannot be stored: PostgreSQL refused/) });
  });

  it('records a signal whose write fails for good as rejected and takes the next change', async () => {
    const store = new FakeTicketStore();
    store.refuses = refusesAssigning('poison');
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      await handle.signal('assign-ticket', { AgentID: 'poison' });
      expect((await handle.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-3' }] })).assignee).toBe('agent-3');
    });
    expect(store.actions(id)).toEqual(['created:new', 'rejected:poison', 'assigned:agent-3']);
  });

  it('goes on when even the record of the refusal cannot be written', async () => {
    const store = new FakeTicketStore();
    store.refuses = (change) => refusesAssigning('poison')(change) || (change as { action?: unknown }).action === 'rejected';
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id);
      await handle.signal('assign-ticket', 'poison');
      expect((await handle.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-4' }] })).assignee).toBe('agent-4');
      expect((await handle.describe()).status.name).toBe('RUNNING');
    });
    expect(store.actions(id)).toEqual(['created:new', 'assigned:agent-4']);
  });

  it('ends the run with a clear non-retryable failure when the ticket cannot be created', async () => {
    const store = new FakeTicketStore();
    store.refuses = (change) => (change as { action?: unknown }).action === 'created';
    const id = randomUUID();
    const error = await harness.withWorker(store.activities(), async () => (await start(id, { ticket: { id, title: 'fine' } })).result().catch((e: unknown) => e));
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause).toMatchObject({ type: 'InvalidDataError', nonRetryable: true, message: expect.stringContaining(`ticket ${id} cannot be created`) });
    expect(store.calls).toBe(0);
  });

  it('fails a start whose ticket carries NUL with invalid_input, writing nothing', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    const error = await harness.withWorker(store.activities(), async () => (await start(id, { ticket: { id, title: NUL } })).result().catch((e: unknown) => e));
    expect((error as WorkflowFailedError).cause).toMatchObject({ type: 'invalid_input', message: expect.stringContaining('title must not contain') });
    expect(store.history).toEqual([]);
  });
});

describe("TicketLifecycleWorkflow and Go's zero values", () => {
  it('creates a ticket whose struct has every optional field zero-valued with the defaults, and reads zero-valued signals', async () => {
    const store = new FakeTicketStore();
    const id = randomUUID();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id, { ticket: { ID: id, Title: '', Description: '', Priority: 0, Queue: '', CustomerUserID: '', CreatedBy: '', CreatedAt: '0001-01-01T00:00:00Z' } });
      expect(await handle.executeUpdate(ticketPersistedUpdate)).toMatchObject({ id, title: `Ticket ${id}`, priority: 3, queue: 'Raw', description: null, customerUserId: null });
      await handle.signal('assign-ticket', { AgentID: 'agent-1', Reason: '', Actor: '' });
      await handle.signal('assign-ticket', { AgentID: '' });
      await handle.signal('update-status', { Status: 'open', PendingUntil: '0001-01-01T00:00:00Z', Reason: '' });
      await eventually(async () => ((await handle.query(ticketQuery))?.status === 'open' ? true : undefined));
    });
    expect(store.actions(id)).toEqual(['created:new', 'assigned:agent-1', 'rejected:{"AgentID":""}', 'status-changed:open']);
    const [assigned, refused] = store.history.slice(1);
    expect(assigned).toMatchObject({ reason: null, source: 'signal' });
    expect(refused?.reason).toBe('invalid_assignment: agentId is required (a non-empty string)');
  });
});

describe('describeRequested', () => {
  it('records text as it is, other payloads as JSON cut short, and names one nested too deep to print', () => {
    expect(describeRequested('agent-7')).toBe('agent-7');
    expect(describeRequested({ AgentID: 42 })).toBe('{"AgentID":42}');
    expect(describeRequested('x'.repeat(5000))).toHaveLength(1001);
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(describeRequested(deep)).toBe('[payload that cannot be printed]');
  });
});
