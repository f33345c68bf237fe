/**
 * One ticket created, three ways the benchmark compares: a bare workflow start (the server's
 * ceiling), the gateway's work done directly with @temporalio/client (start the lifecycle with the
 * `ticket-persisted` Update in one Update-with-Start call, then start the SLA, as the API does), and a
 * `POST /api/v1/tickets` through the gateway. Then the drain: every row and every SLA armed.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  DEFAULT_PRIORITY, TICKET_DEFAULTS, WorkflowTypes, slaWorkflowId, ticketPersistedUpdate, ticketStartSearchAttributes, ticketWorkflowId, type Actor, type NewTicket,
} from '@gotrs/contracts';
import { DEV_ADMIN, waitFor } from '@gotrs/devstack';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { buildPlan, slaStartSearchAttributes } from '@gotrs/sla';
import type { BenchStack } from './bench-stack';

/** Who the client-made tickets name as their creator: the admin the gateway's token names. */
const BENCH_ACTOR: Actor = {
  label: DEV_ADMIN.email, method: 'gotrs-token', userId: String(DEV_ADMIN.userId), email: DEV_ADMIN.email, keyId: null, keyName: null, onBehalfOf: null,
};

/** A workflow type no worker knows, on a task queue nobody polls: the start alone. */
export async function bareStart(bench: BenchStack, taskQueue: string): Promise<void> {
  await bench.client.workflow.start('BenchBareWorkflow', { workflowId: `bench-bare-${randomUUID()}`, taskQueue, args: [{ id: randomUUID() }] });
}

/** The gateway's create with @temporalio/client: the same inputs, memo, search attributes and calls. Returns the ticket's ID. */
export async function clientCreate(bench: BenchStack, body: { title: string; customerUserId?: string }): Promise<string> {
  const { client, config } = bench;
  const id = randomUUID();
  const createdAt = new Date().toISOString();
  const priority = DEFAULT_PRIORITY;
  const queue: string = TICKET_DEFAULTS.queue;
  const ticket: NewTicket = {
    id, title: body.title, description: null, priority, queue, customerUserId: body.customerUserId ?? null,
    createdBy: BENCH_ACTOR.label, createdByIdentity: BENCH_ACTOR, createdAt,
  };
  const requestHash = createHash('sha256').update(JSON.stringify({ ...ticket, actor: BENCH_ACTOR })).digest('hex');
  const taskQueue = config.temporal.taskQueue;
  const workflowSettings = config.workflows;
  const startWorkflowOperation = new WithStartWorkflowOperation(WorkflowTypes.ticketLifecycle, {
    workflowId: ticketWorkflowId(id), taskQueue, args: [{ ticket }], workflowIdConflictPolicy: 'FAIL', workflowIdReusePolicy: 'REJECT_DUPLICATE',
    memo: { requestHash, ticket, workflowSettings },
    typedSearchAttributes: ticketStartSearchAttributes(ticket),
  });
  await client.workflow.executeUpdateWithStart(ticketPersistedUpdate, { startWorkflowOperation });
  const plan = buildPlan(config.sla, { priority, queue, createdAt });
  const memo = { policy: plan.policy.name, policyVersion: plan.policy.version, queue, priority, workflowSettings };
  await client.workflow.start(WorkflowTypes.slaEnforcement, {
    workflowId: slaWorkflowId(id), taskQueue, args: [id, { plan }], workflowIdReusePolicy: 'REJECT_DUPLICATE', memo,
    typedSearchAttributes: slaStartSearchAttributes(plan, memo),
  });
  return id;
}

/** An answer of the gateway: its status, how long it took (from `startedAt`), the created ticket's ID. */
export interface GatewayAnswer {
  status: number | 'error';
  ms: number;
  id?: string;
}

/** One request to the API with the benchmark's token; JSON in and out. */
export async function gatewayRequest(bench: BenchStack, method: 'GET' | 'POST', path: string, body?: unknown, startedAt = performance.now()): Promise<GatewayAnswer> {
  try {
    const response = await fetch(`${bench.stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${bench.token}`, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    let id: string | undefined;
    if (method === 'POST' && path === '/api/v1/tickets' && response.status < 300) id = (JSON.parse(text) as { id?: string }).id;
    return { status: response.status, ms: performance.now() - startedAt, id };
  } catch {
    return { status: 'error', ms: performance.now() - startedAt };
  }
}

/** How many of `ids` have their row in `tickets` and their SLA plan in `ticket_sla`. */
export async function armedTickets(bench: BenchStack, ids: readonly string[]): Promise<{ rows: number; slas: number }> {
  const { rows } = await bench.pool.query<{ rows: number; slas: number }>(
    `SELECT (SELECT count(*)::int FROM tickets WHERE id = ANY($1)) AS rows,
            (SELECT count(*)::int FROM ticket_sla WHERE ticket_id = ANY($1)) AS slas`,
    [ids],
  );
  return rows[0]!;
}

/** Resolves (with the time it did, performance.now()) once every ticket of `ids` has its row and its SLA armed. */
export async function drainTickets(bench: BenchStack, ids: readonly string[], timeoutMs = 600_000): Promise<number> {
  await waitFor(async () => {
    const { rows, slas } = await armedTickets(bench, ids);
    return rows >= ids.length && slas >= ids.length;
  }, { timeoutMs, intervalMs: 100, description: `${ids.length} tickets with their row and their SLA` });
  return performance.now();
}

/** Resolves once no NotificationWorkflow runs (the emails and inbox entries of a phase are out). */
export async function drainNotifications(bench: BenchStack, timeoutMs = 600_000): Promise<void> {
  let quietSince: number | undefined;
  await waitFor(async () => {
    const { count } = await bench.client.workflow.count(`WorkflowType = '${WorkflowTypes.notification}' AND ExecutionStatus = 'Running'`);
    if (count > 0) quietSince = undefined;
    else quietSince ??= Date.now();
    // visibility trails the executions a little: quiet twice, a second apart
    return quietSince !== undefined && Date.now() - quietSince >= 1_000;
  }, { timeoutMs, intervalMs: 500, description: 'no running NotificationWorkflow' });
}
