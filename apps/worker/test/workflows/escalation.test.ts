import { randomUUID } from 'node:crypto';
import { WorkflowTypes, advanceEscalationSignal, escalationWorkflowId, ticketQuery, ticketWorkflowId } from '@gotrs/contracts';
import { WorkflowFailedError } from '@temporalio/client';
import type { EscalationWorkflow } from '../../src/workflows/escalation';
import { FakeEscalationStore, HOUR, ladder, startEscalation, type EscalationOutcome } from '../escalation-support';
import { FakeTicketStore, createHarness, eventually, type Harness } from '../support';

jest.setTimeout(60_000);

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('escalation');
});
afterAll(() => harness.close());

const start = (id: string, rules: unknown[], goRules = false) => startEscalation(harness.client, harness.taskQueue, id, rules, goRules);
const firedLevels = (outcome: EscalationOutcome) => outcome.fired.map((f) => f.level);

describe('EscalationWorkflow', () => {
  it('fires each level in order, waiting the rule\'s wait before the next', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const rules = [
      { level: 1, waitMs: 200, condition: 'unresolved', notify: ['team-lead'] },
      { level: 2, waitMs: 200, condition: 'unresolved', assignQueue: 'Tier 2', raisePriorityTo: 4 },
      { level: 3, waitMs: 0, condition: 'unresolved' },
    ];
    const outcome = await harness.withWorker(store.activities(), async () => (await start(id, rules)).result());
    expect(outcome).toMatchObject({ ticketId: id, stopped: 'ladder-complete', skipped: [] });
    expect(firedLevels(outcome)).toEqual([1, 2, 3]);
    expect(outcome.fired.map((f) => f.by)).toEqual(['ladder', 'ladder', 'ladder']);
    const [first, second, third] = store.fired.map((f) => f.ranAt) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(200);
    expect(third - second).toBeGreaterThanOrEqual(200);
    expect(store.ticket(id)).toMatchObject({ level: 3, queue: 'Tier 2', priority: 4 });
    expect(store.notices.map((n) => [n.level, n.recipients])).toEqual([[1, ['team-lead']], [2, undefined], [3, undefined]]);
    expect(store.notices[0]).toMatchObject({ workflowId: outcome.workflowId, reason: 'SLA FirstResponse breached' });
    expect(store.fired[0]!.command).toMatchObject({ actor: 'escalation', trigger: outcome.trigger, workflowId: outcome.workflowId });
    expect(store.starts).toHaveLength(1);
    expect(store.ends).toEqual([expect.objectContaining({ workflowId: outcome.workflowId, outcome: 'ladder-complete' })]);
  });

  it('stops as soon as the ticket is answered, before the next level', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const outcome = await harness.withWorker(store.activities(), async () => {
      const handle = await start(id, ladder(3, 300, 'unanswered'));
      await eventually(() => (store.fired.length === 1 ? true : undefined));
      store.ticket(id).answered = true;
      return handle.result();
    });
    expect(firedLevels(outcome)).toEqual([1]);
    expect(outcome).toMatchObject({ stopped: 'condition-cleared', detail: 'condition "unanswered" no longer holds at level 2' });
    expect(store.ticket(id).level).toBe(1);
    expect(store.ends[0]).toMatchObject({ outcome: 'condition-cleared' });
  });

  it('fires nothing for a ticket that is already closed', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket(undefined, { statusType: 'closed' });
    const outcome = await harness.withWorker(store.activities(), async () => (await start(id, ladder(2, 100))).result());
    expect(outcome).toMatchObject({ fired: [], stopped: 'condition-cleared' });
    expect(store.fired).toEqual([]);
    expect(store.notices).toEqual([]);
  });

  it('never fires a level twice, whatever duplicate rules and advances arrive', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const rules = [...ladder(2, HOUR), { level: 1, waitMs: 0, condition: 'unresolved' }, { level: 3, waitMs: HOUR, condition: 'unresolved' }];
    const outcome = await harness.withWorker(store.activities(), async () => {
      const handle = await start(id, rules);
      await eventually(() => (store.fired.length === 1 ? true : undefined));
      for (const level of [1, 1, undefined, 2, undefined, undefined, undefined]) {
        await handle.signal(advanceEscalationSignal, { reason: 'again', ...(level ? { level } : {}) });
      }
      return handle.result();
    });
    expect(firedLevels(outcome)).toEqual([1, 2, 3]);
    // Each level written once, though a local activity may be asked again when its task is retried.
    expect(store.levels(outcome.workflowId)).toEqual([1, 2, 3]);
    expect(store.notices.map((n) => n.level)).toEqual([1, 2, 3]);
  });

  it('ends the wait at once on advance, with the advance\'s actor and reason', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const started = Date.now();
    const outcome = await harness.withWorker(store.activities(), async () => {
      const handle = await start(id, ladder(3, HOUR));
      await eventually(() => (store.fired.length === 1 ? true : undefined));
      await handle.signal(advanceEscalationSignal, { reason: 'customer called twice', actor: 'lead-1' });
      await eventually(() => (store.fired.length === 2 ? true : undefined));
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await handle.signal(advanceEscalationSignal, { reason: 'still nothing' });
      return handle.result();
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(outcome.fired.map((f) => `${f.level}:${f.by}`)).toEqual(['1:ladder', '2:advance', '3:advance']);
    expect(store.fired[1]!.command).toMatchObject({ actor: 'lead-1', reason: 'customer called twice' });
    expect(store.notices[1]).toMatchObject({ level: 2, reason: 'customer called twice' });
  });

  it('jumps to the level an advance names, skipping the lower ones, and ignores a level already reached', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const outcome = await harness.withWorker(store.activities(), async () => {
      const handle = await start(id, ladder(4, HOUR));
      await eventually(() => (store.fired.length === 1 ? true : undefined));
      await handle.signal(advanceEscalationSignal, { reason: 'VIP', level: 3 });
      await eventually(() => (store.fired.length === 2 ? true : undefined));
      await handle.signal(advanceEscalationSignal, { reason: 'again', level: 2 });
      await handle.signal(advanceEscalationSignal, { reason: 'beyond the ladder', level: 9 });
      await handle.signal(advanceEscalationSignal, { reason: 'next' });
      return handle.result();
    });
    expect(firedLevels(outcome)).toEqual([1, 3, 4]);
    expect(outcome.skipped).toEqual([2]);
    expect(store.ticket(id).level).toBe(4);
  });

  it('starts at the level of an advance sent with the start (signal-with-start)', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const trigger = `test:${randomUUID().slice(0, 8)}`;
    const outcome = await harness.withWorker(store.activities(), async () => {
      const handle = await harness.client.workflow.signalWithStart<typeof EscalationWorkflow, [unknown]>(WorkflowTypes.escalation, {
        workflowId: escalationWorkflowId(id, trigger),
        taskQueue: harness.taskQueue,
        args: [id, { rules: ladder(3, 0), reason: 'by hand', trigger }],
        signal: advanceEscalationSignal,
        signalArgs: [{ reason: 'straight to 2', level: 2, actor: 'agent-3' }],
      });
      return handle.result();
    });
    expect(firedLevels(outcome)).toEqual([2, 3]);
    expect(outcome.skipped).toEqual([1]);
    expect(store.fired[0]!.command).toMatchObject({ actor: 'agent-3', reason: 'straight to 2' });
  });

  it('accepts the rules array a Go caller sends (PascalCase, nanosecond waits)', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const goRules = [
      { Level: 1, WaitDuration: 200_000_000, Condition: 'unresolved' },
      { Level: 2, WaitDuration: 0, Condition: 'open' },
    ];
    const outcome = await harness.withWorker(store.activities(), async () => (await start(id, goRules, true)).result());
    expect(outcome).toMatchObject({ trigger: 'go', stopped: 'ladder-complete' });
    expect(firedLevels(outcome)).toEqual([1, 2]);
    expect(store.fired[1]!.ranAt - store.fired[0]!.ranAt).toBeGreaterThanOrEqual(200);
    expect(store.fired[1]!.command.rule).toEqual({ level: 2, waitMs: 0, condition: 'open' });
  });

  it('hands the ticket to the rule\'s agent through its lifecycle workflow', async () => {
    const store = new FakeEscalationStore();
    const tickets = new FakeTicketStore();
    const id = store.addTicket();
    const activities = { ...tickets.activities(), ...store.activities() };
    await harness.withWorker(activities, async () => {
      const lifecycle = await harness.client.workflow.start(WorkflowTypes.ticketLifecycle, {
        workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [id],
      });
      const outcome = await (await start(id, [{ level: 1, waitMs: 0, condition: 'unresolved', assignAgent: 'agent-9' }])).result();
      expect(firedLevels(outcome)).toEqual([1]);
      await eventually(async () => ((await lifecycle.query(ticketQuery))?.assignee === 'agent-9' ? true : undefined));
      await lifecycle.terminate('test done');
    });
    expect(tickets.history.find((h) => h.action === 'assigned')).toMatchObject({ to: 'agent-9', source: 'signal', reason: 'SLA FirstResponse breached' });
  });

  it('carries on when the ticket has no lifecycle workflow to assign through', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const rules = [{ level: 1, waitMs: 0, condition: 'unresolved', assignAgent: 'agent-9' }, { level: 2, waitMs: 0, condition: 'unresolved' }];
    const outcome = await harness.withWorker(store.activities(), async () => (await start(id, rules)).result());
    expect(firedLevels(outcome)).toEqual([1, 2]);
  });

  it('stops with ticket-not-found for a ticket that has no row', async () => {
    const store = new FakeEscalationStore();
    const outcome = await harness.withWorker(store.activities(), async () => (await start('no-such-ticket', ladder(2, 0))).result());
    expect(outcome).toMatchObject({ fired: [], stopped: 'ticket-not-found' });
  });

  it('fails with invalid_input when the rules cannot be read', async () => {
    const store = new FakeEscalationStore();
    const error = await harness.withWorker(store.activities(), async () =>
      (await start(store.addTicket(), [{ Level: 0, Condition: 'sometimes' }], true)).result().catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause).toMatchObject({ type: 'invalid_input' });
  });
});
