import { advanceEscalationSignal, ticketWorkflowId } from '@gotrs/contracts';
import { WorkflowFailedError } from '@temporalio/client';
import { FakeEscalationStore, HOUR, ladder, startEscalation } from '../escalation-support';
import { createHarness, eventually, type Harness } from '../support';

jest.setTimeout(60_000);

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('escalation-go-input');
});
afterAll(() => harness.close());

const start = (id: string, rules: unknown[], goRules = false) => startEscalation(harness.client, harness.taskQueue, id, rules, goRules);

describe("EscalationWorkflow and Go's zero values", () => {
  it('runs a Go rule with every optional field zero-valued on the default condition', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const rules = [{ Level: 1, WaitDuration: 0, Condition: '', AssignQueue: '', AssignAgent: '', RaisePriorityTo: 0, Notify: null }];
    const outcome = await harness.withWorker(store.activities(), async () => (await start(id, rules, true)).result());
    expect(outcome).toMatchObject({ stopped: 'ladder-complete', fired: [expect.objectContaining({ level: 1 })] });
    expect(store.fired[0]!.command.rule).toEqual({ level: 1, waitMs: 0, condition: 'unresolved' });
  });

  it('takes an advance with Level 0 (Go\'s "not set") as "the next level now"', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id, ladder(3, HOUR));
      await eventually(() => (store.fired.length === 1 ? true : undefined));
      await handle.signal(advanceEscalationSignal, { Reason: 'customer called', Level: 0, Actor: '' } as never);
      await eventually(() => (store.fired.length === 2 ? true : undefined));
      await handle.terminate('test done');
    });
    expect(store.fired[1]!.command).toMatchObject({ rule: { level: 2 }, reason: 'customer called', actor: 'escalation' });
  });
});

describe('EscalationWorkflow and text PostgreSQL cannot store', () => {
  it('ignores an advance carrying NUL and acts on the next one', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    await harness.withWorker(store.activities(), async () => {
      const handle = await start(id, ladder(3, HOUR));
      await eventually(() => (store.fired.length === 1 ? true : undefined));
      await handle.signal(advanceEscalationSignal, { reason: 'a\u0000b' });
      await handle.signal(advanceEscalationSignal, { reason: 'clean' });
      await eventually(() => (store.fired.length === 2 ? true : undefined));
      await handle.terminate('test done');
    });
    expect(store.fired.map((f) => f.command.reason)).toEqual(['SLA FirstResponse breached', 'clean']);
  });

  it.each([
    ['a reason', (id: string) => [id, { rules: ladder(1, 0), reason: 'a\u0000b', trigger: 'manual:1' }]],
    ['a rule', (id: string) => [id, [{ Level: 1, AssignQueue: 'Tier\u00002' }]]],
    ['the ticket ID', (id: string) => [`${id}\u0000`, ladder(1, 0)]],
  ])('fails a start carrying NUL in %s with invalid_input, firing nothing', async (_what, args) => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const error = await harness.withWorker(store.activities(), async () =>
      harness.client.workflow.execute('EscalationWorkflow', { workflowId: `${ticketWorkflowId(id)}-escalation-nul`, taskQueue: harness.taskQueue, args: args(id) }).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause).toMatchObject({ type: 'invalid_input', message: expect.stringContaining('must not contain the NUL character') });
    expect(store.fired).toEqual([]);
  });
});
