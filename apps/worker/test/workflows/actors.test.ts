import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  WorkflowTypes,
  advanceEscalationSignal,
  assignUpdate,
  changeStatusUpdate,
  escalationWorkflowId,
  notificationWorkflowId,
  recordResponseUpdate,
  slaWorkflowId,
  systemActor,
  temporalActor,
  ticketWorkflowId,
  type Actor,
  type NotificationRequest,
} from '@gotrs/contracts';
import type { SlaProgress } from '@gotrs/db';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { FakeEscalationStore, HOUR, ladder } from '../escalation-support';
import { FakeSlaStore, plan } from '../sla-support';
import { FAST_SETTINGS, FakeTicketStore, createHarness, eventually, workflowBundle, type Harness, type TestActivities } from '../support';

jest.setTimeout(60_000);

/**
 * The structured actor through the workflows: the caller the API verified (`actorIdentity`) lands
 * in every command, SLA event, escalation and notification; Go callers' plain names are recorded as
 * `temporal` actors, the workflows' own as `system` ones. The runs are also the fixtures of this
 * payload shape (`*-actors.json`, written with RECORD_REPLAY_FIXTURES=1, replayed by replay.test.ts).
 */
const FIXTURES = join(__dirname, '..', 'fixtures');

type History = temporal.api.history.v1.IHistory;

const GRACE: Actor = { label: 'grace@example.com', method: 'gotrs-token', userId: '42', email: 'grace@example.com', keyId: null, keyName: null, onBehalfOf: null };
const FOR_AGENT_7: Actor = { label: 'agent-7', method: 'api-key', userId: null, email: null, keyId: 'k-1', keyName: 'gotrs', onBehalfOf: 'agent-7' };
const by = (actor: Actor) => ({ actor: actor.label, actorIdentity: actor });

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('actors');
});
afterAll(() => harness.close());

/** The activities, each call's argument kept by activity name. */
function recording(activities: TestActivities): { activities: TestActivities; calls: Array<{ name: string; arg: any }> } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const calls: Array<{ name: string; arg: unknown }> = [];
  const wrapped = Object.fromEntries(Object.entries(activities).map(([name, fn]) => [name, async (...args: never[]) => {
    calls.push({ name, arg: args[0] });
    return (fn)(...args);
  }]));
  return { activities: wrapped, calls: calls };  
}

async function ticketRun() {
  const store = new FakeTicketStore();
  const slas = new FakeSlaStore();
  const { activities, calls } = recording({ ...store.activities(), ...slas.activities() });
  const id = randomUUID();
  const histories = await harness.withWorker(activities, async () => {
    const ticket = harness.client.workflow.getHandle(ticketWorkflowId(id));
    await harness.client.workflow.start(WorkflowTypes.ticketLifecycle, {
      workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [{ ticket: { id, createdBy: GRACE.label, createdByIdentity: GRACE } }],
    });
    await harness.client.workflow.start(WorkflowTypes.slaEnforcement, {
      workflowId: slaWorkflowId(id), taskQueue: harness.taskQueue, args: [id, { plan: plan(Date.now(), {
        milestones: [{ name: 'FirstResponse', targetMs: HOUR, pauseOn: [] }, { name: 'Resolution', targetMs: 8 * HOUR, pauseOn: ['pending'] }],
      }) }],
    });
    await ticket.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-7', ...by(GRACE) }] });
    await ticket.signal('assign-ticket', { AgentID: 'agent-8' });
    await ticket.signal('assign-ticket', { AgentID: 'agent-9', Actor: 'bob' });
    await ticket.executeUpdate(recordResponseUpdate, { args: [{ agentId: 'agent-7', ...by(FOR_AGENT_7) }] });
    await ticket.executeUpdate(changeStatusUpdate, { args: [{ status: 'pending reminder', pendingUntil: new Date(Date.now() + HOUR).toISOString(), ...by(GRACE) }] });
    await ticket.executeUpdate(changeStatusUpdate, { args: [{ status: 'closed', ...by(GRACE) }] });
    await ticket.result();
    await harness.client.workflow.getHandle(slaWorkflowId(id)).result();
    return { ticket: await ticket.fetchHistory(), sla: await harness.client.workflow.getHandle(slaWorkflowId(id)).fetchHistory() };
  });
  return { id, calls, slas, store, histories };
}

async function escalationRun() {
  const store = new FakeEscalationStore();
  const { activities, calls } = recording(store.activities());
  const id = store.addTicket();
  const history = await harness.withWorker(activities, async () => {
    const handle = await harness.client.workflow.start(WorkflowTypes.escalation, {
      workflowId: escalationWorkflowId(id, `manual:${randomUUID().slice(0, 8)}`), taskQueue: harness.taskQueue,
      args: [id, { rules: ladder(3, HOUR), reason: 'VIP', trigger: 'manual:1', ...by(GRACE) }],
    });
    await eventually(() => (store.fired.length === 1 ? true : undefined));
    await handle.signal(advanceEscalationSignal, { reason: 'still nothing', ...by(FOR_AGENT_7) });
    await eventually(() => (store.fired.length === 2 ? true : undefined));
    await handle.signal('advance', { Reason: 'from Go', Actor: 'go-bot' });
    await handle.result();
    return handle.fetchHistory();
  });
  return { calls, store, history };
}

async function notificationRun() {
  const logged: NotificationRequest[] = [];
  const n: NotificationRequest = {
    id: randomUUID(), ticketId: null, recipient: 'agent-7', channel: 'in-app', subject: 'S', body: 'B', event: 'ad-hoc', requestedBy: GRACE,
  };
  const activities: TestActivities = {
    GetWorkflowSettingsActivity: async () => FAST_SETTINGS,
    SendInAppNotificationActivity: async () => ({ inAppAt: new Date().toISOString() }),
    LogNotificationActivity: async (entry: { notification: NotificationRequest }) => {
      logged.push(entry.notification);
    },
  };
  const history = await harness.withWorker(activities, async () => {
    const handle = await harness.client.workflow.start(WorkflowTypes.notification, { workflowId: notificationWorkflowId(n.id), taskQueue: harness.taskQueue, args: [n] });
    await handle.result();
    return handle.fetchHistory();
  });
  return { logged, history };
}

const fixtures: Record<string, History> = {};
function keep(file: string, history: History): void {
  fixtures[file] = history;
  if (process.env.RECORD_REPLAY_FIXTURES === '1') writeFileSync(join(FIXTURES, file), historyToJSON(history));
}

let ticketRunOnce: ReturnType<typeof ticketRun> | undefined;

describe('the actor through the workflows', () => {
  it("records every ticket change by the caller the API verified, and Go's signals by their names, unverified", async () => {
    const { calls, histories } = await (ticketRunOnce ??= ticketRun());
    keep('ticket-lifecycle-v4-actors.json', histories.ticket);
    keep('sla-enforcement-v3-actors.json', histories.sla);
    const writes = calls.filter((c) => /^(Create|Assign|UpdateTicketStatus|RecordResponse)/.test(c.name));
    expect(writes.map((c) => [c.name, c.arg.actorIdentity ?? c.arg.ticket.createdByIdentity])).toEqual([
      ['CreateTicketActivity', GRACE],
      ['AssignTicketActivity', GRACE],
      ['AssignTicketActivity', temporalActor('temporal-signal')],
      ['AssignTicketActivity', temporalActor('bob')],
      ['RecordResponseActivity', FOR_AGENT_7],
      ['UpdateTicketStatusActivity', GRACE],
      ['UpdateTicketStatusActivity', GRACE],
    ]);
    expect(writes.slice(1).map((c) => c.arg.actor)).toEqual(['grace@example.com', 'temporal-signal', 'bob', 'agent-7', 'grace@example.com', 'grace@example.com']);
    const assigned = calls.find((c) => c.name === 'NotifyTicketEventActivity' && c.arg.event === 'ticket.assigned');
    expect(assigned!.arg.facts).toMatchObject({ to: 'agent-7', actor: 'grace@example.com' });
  });

  it("records the SLA's own events as `sla`, and those a change caused by whoever made it", async () => {
    const { calls } = await (ticketRunOnce ??= ticketRun());
    const events = calls
      .filter((c) => c.name === 'RecordSlaEventsActivity' || c.name === 'SLABreachActivity')
      .flatMap((c) => (c.arg as SlaProgress).events)
      .map((e) => `${e.type} ${e.milestone} by ${e.actor?.label}/${e.actor?.method}`);
    expect(events).toEqual([
      'start FirstResponse by sla/system',
      'start Resolution by sla/system',
      'meet FirstResponse by agent-7/api-key',
      'pause Resolution by grace@example.com/gotrs-token',
      'meet Resolution by grace@example.com/gotrs-token',
    ]);
  });

  it('records the levels of a ladder by who started it, then by who advanced it (a Go name unverified)', async () => {
    const { calls, store, history } = await escalationRun();
    keep('escalation-v3-actors.json', history);
    expect(store.starts[0]!.actor).toEqual(GRACE);
    expect(store.fired.map((f) => [f.command.actor, f.command.actorIdentity])).toEqual([
      ['grace@example.com', GRACE],
      ['agent-7', FOR_AGENT_7],
      ['go-bot', temporalActor('go-bot')],
    ]);
    expect(calls.filter((c) => c.name === 'EscalateToNextLevelActivity')).toHaveLength(3);
  });

  it("passes who asked for a notification to its log, and a ladder nobody asked for is the ladder's", async () => {
    const { logged, history } = await notificationRun();
    keep('notification-v3-actors.json', history);
    expect(logged[0]!.requestedBy).toEqual(GRACE);
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    await harness.withWorker(store.activities(), async () => {
      const handle = await harness.client.workflow.start(WorkflowTypes.escalation, {
        workflowId: escalationWorkflowId(id, `sla:${randomUUID().slice(0, 8)}`), taskQueue: harness.taskQueue,
        args: [id, { rules: ladder(1, 0), reason: 'SLA FirstResponse breached', trigger: 'sla:FirstResponse:1' }],
      });
      await handle.result();
    });
    expect(store.fired[0]!.command).toMatchObject({ actor: 'escalation', actorIdentity: systemActor('escalation') });
  });

  it('replays the runs, and the recorded ones, without nondeterminism', async () => {
    const bundle = { workflowBundle: await workflowBundle() };
    for (const [file, history] of Object.entries(fixtures)) {
      await expect(Worker.runReplayHistory(bundle, history, `fresh ${file}`)).resolves.toBeUndefined();
      const recorded = historyFromJSON(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
      await expect(Worker.runReplayHistory(bundle, recorded, file)).resolves.toBeUndefined();
    }
    expect(Object.keys(fixtures).sort()).toEqual([
      'escalation-v3-actors.json', 'notification-v3-actors.json', 'sla-enforcement-v3-actors.json', 'ticket-lifecycle-v4-actors.json',
    ]);
  });
});
