import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowTypes, changeStatusUpdate, assignUpdate, recordResponseUpdate, slaWorkflowId, ticketStatusChangedSignal, ticketWorkflowId } from '@gotrs/contracts';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { failedLocalActivities, localActivities, patchMarkers, scheduledActivities, type History } from '../history-shape';
import { FakeSlaStore, HOUR, plan } from '../sla-support';
import { FAST_SETTINGS, FakeTicketStore, createHarness, eventually, workflowBundle, type Harness } from '../support';

jest.setTimeout(60_000);

/**
 * Histories recorded from earlier versions of the workflows. Every change to workflow code must
 * still replay them (or guard the change with `patched()`). Record a new one with
 * RECORD_REPLAY_FIXTURES=1 when a version ships.
 */
const FIXTURES = join(__dirname, '..', 'fixtures');

/** What the API and the worker's own starters put in a run's memo: the settings the run follows. */
const SETTINGS_MEMO = { workflowSettings: FAST_SETTINGS };

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('replay');
});
afterAll(() => harness.close());

/**
 * A ticket and its SLA through every path: Go signals, a refused signal, updates, a refused update,
 * a response, a pause and the close.
 */
async function recordRun(): Promise<{ ticket: History; sla: History }> {
  const store = new FakeTicketStore();
  const slas = new FakeSlaStore();
  const id = randomUUID();
  return harness.withWorker({ ...store.activities(), ...slas.activities() }, async () => {
    const handle = await harness.client.workflow.start(WorkflowTypes.ticketLifecycle, {
      workflowId: ticketWorkflowId(id),
      taskQueue: harness.taskQueue,
      args: [id],
      memo: SETTINGS_MEMO,
    });
    const sla = await harness.client.workflow.start(WorkflowTypes.slaEnforcement, {
      workflowId: slaWorkflowId(id), taskQueue: harness.taskQueue, memo: SETTINGS_MEMO, args: [id, { plan: plan(Date.now(), {
        milestones: [{ name: 'FirstResponse', targetMs: HOUR, pauseOn: [] }, { name: 'Resolution', targetMs: 8 * HOUR, pauseOn: ['pending'] }],
      }) }],
    });
    await handle.executeUpdate(recordResponseUpdate, { args: [{ agentId: 'agent-7' }] });
    await handle.signal('assign-ticket', { AgentID: 'agent-7' });
    await handle.signal('update-status', 'merged-ish');
    await handle.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-8', reason: 'shift change' }] });
    await handle.executeUpdate(changeStatusUpdate, {
      args: [{ status: 'pending reminder', pendingUntil: new Date(Date.now() + 3_600_000).toISOString() }],
    }).then(() => handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'new' }] })).catch(() => undefined);
    await handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'open' }] });
    await handle.signal('update-status', 'closed');
    await handle.result();
    await sla.result();
    return { ticket: await handle.fetchHistory(), sla: await sla.fetchHistory() };
  });
}

/** Closes the ticket's current run and waits for it and its SLA's current run to end. */
async function closeAndEnd(id: string): Promise<void> {
  const ticket = harness.client.workflow.getHandle(ticketWorkflowId(id));
  await ticket.executeUpdate(changeStatusUpdate, { args: [{ status: 'closed' }] });
  await ticket.result();
  await harness.client.workflow.getHandle(slaWorkflowId(id)).result();
}

function reopen(id: string) {
  return harness.client.workflow.executeUpdateWithStart(changeStatusUpdate, {
    args: [{ status: 'open', reopen: true, reason: 'customer replied' }],
    startWorkflowOperation: new WithStartWorkflowOperation(WorkflowTypes.ticketLifecycle, {
      workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [{ ticket: { id } }], workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
}

/**
 * Two reopens, closed again after their new cycles started: one after `sla-{id}` ended (the
 * lifecycle starts it again with `{ resume }`), one while it still recorded the close (the lifecycle's
 * start fails and it signals; the SLA opens the cycles itself).
 */
async function recordReopens(): Promise<Record<string, History>> {
  const store = new FakeTicketStore();
  const slas = new FakeSlaStore();
  const [ended, racing] = [randomUUID(), randomUUID()];
  let release!: () => void;
  const closing = new Promise<void>((resolve) => (release = resolve));
  slas.gate = async (progress) => {
    if (progress.ticketId === racing && progress.events.some((e) => e.type === 'meet' && e.milestone === 'Resolution' && e.cycle === 1)) await closing;
  };
  const milestones = [
    { name: 'FirstResponse' as const, targetMs: HOUR, pauseOn: [] },
    { name: 'Resolution' as const, targetMs: 8 * HOUR, pauseOn: ['pending'] },
    { name: 'Update' as const, targetMs: 2 * HOUR, pauseOn: ['pending'] },
  ];
  const history = (workflowId: string) => harness.client.workflow.getHandle(workflowId).fetchHistory();
  return harness.withWorker({ ...store.activities(), ...slas.activities() }, async () => {
    for (const id of [ended, racing]) {
      await harness.client.workflow.start(WorkflowTypes.ticketLifecycle, { workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [{ ticket: { id } }] });
      await harness.client.workflow.start(WorkflowTypes.slaEnforcement, {
        workflowId: slaWorkflowId(id), taskQueue: harness.taskQueue, args: [id, { plan: plan(Date.now(), { milestones }) }],
      });
    }
    await closeAndEnd(ended);
    await reopen(ended);
    await eventually(() => (slas.clocks.get(`${ended}/Resolution`)?.cycle === 2 ? true : undefined));
    await closeAndEnd(ended);

    const racingTicket = harness.client.workflow.getHandle(ticketWorkflowId(racing));
    await racingTicket.executeUpdate(changeStatusUpdate, { args: [{ status: 'closed' }] });
    await racingTicket.result();
    await reopen(racing);
    const signalled = async () => ((await history(slaWorkflowId(racing))).events ?? [])
      .filter((e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).length;
    await eventually(async () => ((await signalled()) >= 2 ? true : undefined));
    release();
    await eventually(() => (slas.clocks.get(`${racing}/Resolution`)?.cycle === 2 ? true : undefined));
    await closeAndEnd(racing);
    return {
      'ticket-lifecycle-v3-reopen.json': await history(ticketWorkflowId(ended)),
      'sla-enforcement-v2-resume.json': await history(slaWorkflowId(ended)),
      'ticket-lifecycle-v3-reopen-race.json': await history(ticketWorkflowId(racing)),
      'sla-enforcement-v2-reopen-race.json': await history(slaWorkflowId(racing)),
    };
  });
}

/**
 * An SLA whose FirstResponse warns and breaches within a second (no escalation), then the close. The
 * warning's quick local try at telling the managers fails, so an activity task tells them instead.
 */
async function recordNotices(): Promise<{ history: History; notices: string[] }> {
  const slas = new FakeSlaStore();
  let refused = false;
  slas.noticeGate = async (notice) => {
    if (notice.kind === 'warning' && !refused) {
      refused = true;
      throw new Error('the directory is not answering');
    }
  };
  const id = randomUUID();
  return harness.withWorker(slas.activities(), async () => {
    const sla = await harness.client.workflow.start(WorkflowTypes.slaEnforcement, {
      workflowId: slaWorkflowId(id), taskQueue: harness.taskQueue, memo: SETTINGS_MEMO, args: [id, { plan: plan(Date.now(), {
        milestones: [{ name: 'FirstResponse', targetMs: 1000, pauseOn: [] }, { name: 'Resolution', targetMs: 8 * HOUR, pauseOn: [] }],
        escalation: [],
      }) }],
    });
    await eventually(() => (slas.types('FirstResponse').includes('breach:FirstResponse:1') && slas.notices.length === 2 ? true : undefined));
    await sla.signal(ticketStatusChangedSignal, { status: 'closed successful' });
    await sla.result();
    return { history: await sla.fetchHistory(), notices: slas.notices.map((n) => n.kind) };
  });
}

describe('workflow replay', () => {
  it('replays a fresh ticket run and its SLA: signals, updates, refusals, a response, a pause and the close', async () => {
    const { ticket, sla } = await recordRun();
    // Older fixtures (ticket-lifecycle-v2, sla-enforcement-v1) were recorded here from earlier code.
    if (process.env.RECORD_REPLAY_FIXTURES === '1') {
      writeFileSync(join(FIXTURES, 'ticket-lifecycle-v6-settings-memo.json'), historyToJSON(ticket));
      writeFileSync(join(FIXTURES, 'sla-enforcement-v6-settings-memo.json'), historyToJSON(sla));
    }
    const bundle = { workflowBundle: await workflowBundle() };
    await expect(Worker.runReplayHistory(bundle, ticket, 'fresh-ticket')).resolves.toBeUndefined();
    await expect(Worker.runReplayHistory(bundle, sla, 'fresh-sla')).resolves.toBeUndefined();
    // The compact shape: writes and notices are local activities (markers, no activity tasks), and
    // each run records one patch marker, however many older patches it follows: settings-in-memo,
    // which also takes the settings from the memo instead of a local activity.
    expect(scheduledActivities(ticket)).toEqual([]);
    expect(scheduledActivities(sla)).toEqual([]);
    expect(patchMarkers(ticket)).toEqual(['settings-in-memo']);
    expect(patchMarkers(sla)).toEqual(['settings-in-memo']);
    expect(localActivities(ticket)).toEqual(expect.arrayContaining(['CreateTicketActivity', 'AssignTicketActivity', 'NotifyTicketEventActivity']));
    expect(localActivities(sla)).toEqual(expect.arrayContaining(['RecordSlaEventsActivity']));
    expect([...localActivities(ticket), ...localActivities(sla)]).not.toContain('GetWorkflowSettingsActivity');
  });

  it('replays an SLA run whose managers are told by a quick local try, or by an activity task when it fails', async () => {
    const { history, notices } = await recordNotices();
    if (process.env.RECORD_REPLAY_FIXTURES === '1') writeFileSync(join(FIXTURES, 'sla-enforcement-v6-settings-memo-notices.json'), historyToJSON(history));
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, 'fresh-notices')).resolves.toBeUndefined();
    expect([...notices].sort()).toEqual(['breach', 'warning']);
    // Each notice was tried locally first; each local try that failed (the warning's, and any that a
    // loaded machine took past the 2 s bound) was followed by exactly one activity task.
    expect(localActivities(history).filter((type) => type === 'NotifyManagersActivity')).toHaveLength(2);
    const failed = failedLocalActivities(history).filter((type) => type === 'NotifyManagersActivity');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(scheduledActivities(history)).toEqual(failed);
    expect(patchMarkers(history)).toEqual(['settings-in-memo']);
  });

  it('replays reopens: the SLA started again with { resume }, and told of the reopen while still running', async () => {
    const histories = await recordReopens();
    if (process.env.RECORD_REPLAY_FIXTURES === '1') {
      for (const [file, history] of Object.entries(histories)) writeFileSync(join(FIXTURES, file), historyToJSON(history));
    }
    const bundle = { workflowBundle: await workflowBundle() };
    for (const [file, history] of Object.entries(histories)) {
      await expect(Worker.runReplayHistory(bundle, history, file)).resolves.toBeUndefined();
    }
    const types = (history: History) => (history.events ?? []).map((e) => e.eventType);
    const { EventType } = temporal.api.enums.v1;
    expect(types(histories['ticket-lifecycle-v3-reopen.json']!)).toContain(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED);
    expect(types(histories['ticket-lifecycle-v3-reopen-race.json']!)).toContain(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED);
  });

  it.each(['ticket-lifecycle-v5-compact-settings-memo.json', 'sla-enforcement-v5-compact-settings-memo.json'])(
    'replays %s: a compact run whose memo holds settings (an API newer than the worker that ran it) keeps asking the worker',
    async (file) => {
      // Recorded by the code before settings-in-memo, started as the API starts runs now.
      const history = historyFromJSON(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
      const memo = history.events?.[0]?.workflowExecutionStartedEventAttributes?.memo?.fields ?? {};
      expect(Object.keys(memo)).toContain('workflowSettings');
      expect(patchMarkers(history)).toEqual(['compact-history']);
      expect(localActivities(history)[0]).toBe('GetWorkflowSettingsActivity');
      await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, file)).resolves.toBeUndefined();
    },
  );

  it('replays every recorded history without nondeterminism', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((file) => ({
      workflowId: file,
      history: historyFromJSON(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'))),
    }));
    const results = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      results.push(result);
    }
    expect(results.map((r) => ({ id: r.workflowId, error: r.error?.message }))).toEqual(
      files.map((file) => ({ id: file, error: undefined })),
    );
  });
});
