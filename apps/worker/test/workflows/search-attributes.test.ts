import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MAX_KEYWORD_LENGTH, WorkflowTypes, assignUpdate, changeStatusUpdate, slaWorkflowId, ticketSearchAttributes, ticketWorkflowId, type Ticket,
} from '@gotrs/contracts';
import { slaSummary, type MilestoneClock } from '@gotrs/sla';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { REQUEST_ID_WORKFLOW_INTERCEPTORS } from '../../src/tracing/worker-interceptors';
import { WORKFLOWS_PATH } from '../../src/create-worker';
import { FakeSlaStore, plan } from '../sla-support';
import { FakeTicketStore, createHarness, eventually, workflowBundle, type Harness } from '../support';

jest.setTimeout(60_000);

const FIXTURES = join(__dirname, '..', 'fixtures');
const { EventType } = temporal.api.enums.v1;

const values = (pairs: ReturnType<typeof ticketSearchAttributes>) => Object.fromEntries(pairs.map(({ key, value }) => [key.name, value]));

function clock(overrides: Partial<MilestoneClock>): MilestoneClock {
  return {
    name: 'Resolution', targetMs: 1000, pauseOn: [], cycle: 1, elapsedMs: 0, runningSince: 0, pausedSince: null, pausedMs: 0,
    dueAt: 5000, warnAt: null, warnedAt: null, metAt: null, breachedAt: null, finished: false, ...overrides,
  };
}

describe('ticketSearchAttributes', () => {
  const ticket = { status: 'open', queue: 'Network', priority: 4, assignee: 'agent-7' } as Pick<Ticket, 'status' | 'queue' | 'priority' | 'assignee'>;

  it('answers status, queue, priority as text and the assignee', () => {
    expect(values(ticketSearchAttributes(ticket))).toEqual({ TicketStatus: 'open', TicketQueue: 'Network', TicketPriority: '4', TicketAssignee: 'agent-7' });
  });

  it('removes the assignee of an unassigned ticket, and leaves out a value too long for a Keyword', () => {
    const long = 'a'.repeat(MAX_KEYWORD_LENGTH + 1);
    expect(values(ticketSearchAttributes({ ...ticket, assignee: null, queue: long }))).toMatchObject({ TicketAssignee: null, TicketQueue: null });
    expect(values(ticketSearchAttributes({ ...ticket, queue: 'b'.repeat(MAX_KEYWORD_LENGTH) })).TicketQueue).toHaveLength(MAX_KEYWORD_LENGTH);
  });
});

describe('slaSummary', () => {
  const summary = (...clocks: MilestoneClock[]) => slaSummary({ milestones: () => clocks });

  it('answers the most urgent state of the milestones: breached, warned, running, paused, met', () => {
    expect(summary(clock({ metAt: 1, finished: true }), clock({ breachedAt: 2, finished: true, dueAt: null })).state).toBe('breached');
    expect(summary(clock({ pausedSince: 3, runningSince: null, dueAt: null }), clock({ warnedAt: 2 })).state).toBe('warned');
    expect(summary(clock({ metAt: 1, finished: true }), clock({ pausedSince: 3, runningSince: null, dueAt: null })).state).toBe('paused');
    expect(summary(clock({ metAt: 1, finished: true })).state).toBe('met');
    expect(summary().state).toBeNull();
  });

  it('answers the earliest due instant of a running milestone, none when all are paused or done', () => {
    expect(summary(clock({ dueAt: 9000 }), clock({ dueAt: 7000 }), clock({ dueAt: 1000, finished: true })).nextDueAt).toEqual(new Date(7000));
    expect(summary(clock({ pausedSince: 3, runningSince: null, dueAt: null }), clock({ metAt: 1, finished: true })).nextDueAt).toBeNull();
  });
});

describe('search attributes in the workflows', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness('search-attributes');
  });
  afterAll(() => harness.close());

  const upserts = (history: temporal.api.history.v1.IHistory) =>
    (history.events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES).length;

  it('record a history of the new shape that replays: upserts as a ticket changes and its SLA breaches', async () => {
    const tickets = new FakeTicketStore();
    const slas = new FakeSlaStore();
    const id = randomUUID();
    const histories = await harness.withWorker({ ...tickets.activities(), ...slas.activities() }, async () => {
      const ticket = await harness.client.workflow.start(WorkflowTypes.ticketLifecycle, {
        workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [{ ticket: { id, title: 'Switch down', queue: 'Network', priority: 5 } }],
      });
      const sla = await harness.client.workflow.start(WorkflowTypes.slaEnforcement, {
        workflowId: slaWorkflowId(id), taskQueue: harness.taskQueue, memo: { queue: 'Network', priority: 5 },
        args: [id, { plan: plan(Date.now(), { milestones: [{ name: 'FirstResponse', targetMs: 500, pauseOn: [] }], escalation: [] }) }],
      });
      await ticket.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-7' }] });
      await eventually(() => (slas.breaches.length > 0 ? true : undefined));
      await eventually(async () => ((await sla.describe()).searchAttributes.SlaState?.[0] === 'breached' ? true : undefined));
      await ticket.executeUpdate(changeStatusUpdate, { args: [{ status: 'closed' }] });
      await ticket.result();
      await sla.result();
      const described = await ticket.describe();
      expect(described.searchAttributes).toMatchObject({ TicketStatus: ['closed successful'], TicketQueue: ['Network'], TicketPriority: ['5'], TicketAssignee: ['agent-7'] });
      expect((await sla.describe()).searchAttributes).toMatchObject({ SlaState: ['breached'], TicketQueue: ['Network'], TicketPriority: ['5'] });
      return { ticket: await ticket.fetchHistory(), sla: await sla.fetchHistory() };
    });
    expect(upserts(histories.ticket)).toBeGreaterThanOrEqual(3);
    expect(upserts(histories.sla)).toBeGreaterThanOrEqual(2);
    if (process.env.RECORD_REPLAY_FIXTURES === '1') {
      writeFileSync(join(FIXTURES, 'ticket-lifecycle-v4-search-attributes.json'), historyToJSON(histories.ticket));
      writeFileSync(join(FIXTURES, 'sla-enforcement-v3-search-attributes.json'), historyToJSON(histories.sla));
    }
    const bundle = { workflowBundle: await workflowBundle() };
    await expect(Worker.runReplayHistory(bundle, histories.ticket, 'ticket')).resolves.toBeUndefined();
    await expect(Worker.runReplayHistory(bundle, histories.sla, 'sla')).resolves.toBeUndefined();
  });

  it('keep a ticket running whose assignee is too long for a Keyword: the row has it, the attribute does not', async () => {
    const tickets = new FakeTicketStore();
    const id = randomUUID();
    const agent = `agent-${'x'.repeat(MAX_KEYWORD_LENGTH)}`;
    await harness.withWorker(tickets.activities(), async () => {
      const ticket = await harness.client.workflow.start(WorkflowTypes.ticketLifecycle, { workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [id] });
      await ticket.signal('assign-ticket', { AgentID: agent });
      await eventually(() => (tickets.tickets.get(id)?.assignee === agent ? true : undefined));
      await ticket.executeUpdate(changeStatusUpdate, { args: [{ status: 'open' }] });
      const attributes = (await ticket.describe()).searchAttributes;
      expect(attributes).toMatchObject({ TicketStatus: ['open'] });
      expect(attributes).not.toHaveProperty('TicketAssignee');
      expect(await ticket.query('status')).toBe('open');
      await ticket.executeUpdate(changeStatusUpdate, { args: [{ status: 'closed' }] });
      await ticket.result();
    });
  });
});

describe('the recorded histories', () => {
  it('replay with the interceptors of a traced worker (OpenTelemetry and request IDs) too', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      workflowInterceptorModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'), REQUEST_ID_WORKFLOW_INTERCEPTORS],
      logger: silent,
    });
    const histories = files.map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'))) }));
    const results = [];
    const sinks = { exporter: { export: { fn: () => undefined } } };
    for await (const result of Worker.runReplayHistories({ workflowBundle, sinks }, histories)) results.push(result);
    expect(results.map((r) => ({ id: r.workflowId, error: r.error?.message }))).toEqual(files.map((file) => ({ id: file, error: undefined })));
  });
});
