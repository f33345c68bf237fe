import { join } from 'node:path';
import { ticketWorkflowId } from '@gotrs/contracts';
import { applyAssignment, applyResponse, applyStatus, createOrLoadTicket, recordEvent } from '@gotrs/db';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '../../apps/worker/src/activities';
import { createSmtpMailer } from '../../apps/worker/src/activities/mailer';
import { createNotifier } from '../../apps/worker/src/activities/notifier';
import { WORKFLOWS_PATH } from '../../apps/worker/src/create-worker';
import { INPUT_PATCH } from '../../apps/worker/src/workflows/input-patch';
import { eventually, expectProblem, startStack, type Stack } from './support';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-wedged', callTimeoutMs: 2000 });
}, 60_000);
afterAll(() => stack?.close());

const post = (url: string, payload: unknown) => stack.api.request({ method: 'POST', url, payload });

/**
 * A worker as it was before this change: the workflows without the storable-input patch, and ticket
 * activities that hand PostgreSQL's error straight to Temporal, which retries it without end.
 */
async function startOldWorker(): Promise<{ stop(): Promise<void> }> {
  const { config, pool, client } = stack.api;
  const logger = pino({ level: 'silent' });
  const shim = join(__dirname, 'fixtures', 'workflow-api-before-input-patch.ts');
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
    webpackConfigHook: (webpack) => ({ ...webpack, resolve: { ...webpack.resolve, alias: { ...webpack.resolve?.alias, '@temporalio/workflow$': shim } } }),
  });
  const notifier = createNotifier({ pool, client, taskQueue: config.temporal.taskQueue, settings: config.notifications, logger });
  const mailer = createSmtpMailer(config.notifications.smtp);
  const current = createActivities({ pool, logger, settings: config.workflows, sla: config.sla, notifications: config.notifications, mailer, notifier,
    webhooks: config.webhooks });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await Worker.create({
    connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, workflowBundle,
    activities: {
      ...current,
      CreateTicketActivity: (command: Parameters<typeof createOrLoadTicket>[1]) => createOrLoadTicket(pool, command),
      AssignTicketActivity: (command: Parameters<typeof applyAssignment>[1]) => applyAssignment(pool, command),
      UpdateTicketStatusActivity: (command: Parameters<typeof applyStatus>[1]) => applyStatus(pool, command),
      RecordTicketEventActivity: (command: Parameters<typeof recordEvent>[1]) => recordEvent(pool, command),
      RecordResponseActivity: (command: Parameters<typeof applyResponse>[1]) => applyResponse(pool, command),
    },
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      mailer.close();
    },
  };
}

describe('a ticket wedged before the upgrade by a change PostgreSQL refuses', () => {
  it('takes its next change once the new worker runs, with the wedged change recorded as rejected', async () => {
    expect(INPUT_PATCH).toBe('storable-input'); // the patch the old worker's bundle leaves out
    const old = await startOldWorker();
    let url: string;
    try {
      const created = await post('/api/v1/tickets', { title: 'Wedged by a NUL' });
      expect(created.statusCode).toBe(201);
      url = created.headers.location!;
      const handle = stack.api.client.workflow.getHandle(ticketWorkflowId(created.json().id));
      // Sent with the Temporal client, as a Go caller would: the API never sees it.
      await handle.signal('assign-ticket', { AgentID: 'agent-7', Reason: 'a\u0000b' });

      const retrying = await eventually(async () => {
        const pending = (await handle.describe()).raw.pendingActivities ?? [];
        const assign = pending.find((a) => a.activityType?.name === 'AssignTicketActivity');
        return assign && (assign.attempt ?? 0) >= 4 ? assign : undefined;
      }, 30_000);
      expect(retrying.lastFailure?.message).toContain('invalid byte sequence for encoding "UTF8": 0x00');
      expect(retrying.lastFailure?.applicationFailureInfo?.nonRetryable).toBeFalsy();
      expectProblem(await post(`${url}/assign`, { agentId: 'agent-2' }), 503, 'workflow_unavailable');
    } finally {
      await old.stop();
    }

    await stack.startWorker();
    const assigned = await eventually(async () => {
      const response = await post(`${url}/assign`, { agentId: 'agent-3' });
      return response.statusCode === 200 ? response : undefined;
    }, 60_000);
    expect(assigned.json()).toMatchObject({ assignee: 'agent-3' });
    const history = (await stack.api.request({ url: `${url}/history` })).json().items as Array<Record<string, unknown>>;
    expect(history).toContainEqual(expect.objectContaining({
      action: 'rejected', field: 'assignee', to: 'agent-7', accepted: false, source: 'signal',
      reason: expect.stringMatching(/^change_not_storable: the change cannot be stored: PostgreSQL refused the data \(SQLSTATE 22021\)/),
    }));
    // The assign answered 503 while wedged may or may not have been taken; agent-7 never was.
    const assignedTo = history.filter((e) => e.action === 'assigned' && e.accepted).map((e) => e.to);
    expect(assignedTo).not.toContain('agent-7');
    expect(assignedTo.at(-1)).toBe('agent-3');
  }, 120_000);
});
