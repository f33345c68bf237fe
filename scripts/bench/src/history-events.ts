/**
 * What one created ticket makes Temporal keep: the history events of its lifecycle and its SLA
 * workflow once the create is done (the row written, the SLA armed, the notices out), and how many
 * other workflows (notifications) it started.
 */
import { WorkflowTypes, slaWorkflowId, ticketWorkflowId } from '@gotrs/contracts';
import { temporal } from '@temporalio/proto';
import type { BenchStack } from './bench-stack';
import { drainNotifications, drainTickets, gatewayRequest } from './ticket-work';

const EventType = temporal.api.enums.v1.EventType;

export interface TicketHistory {
  lifecycle: number;
  sla: number;
  /** Lifecycle events by type (EVENT_TYPE_ prefix dropped), most frequent first. */
  lifecycleTypes: [string, number][];
  slaTypes: [string, number][];
}

export interface HistoryFigures {
  withoutCustomer: TicketHistory;
  withCustomer: TicketHistory;
  /** NotificationWorkflows started per ticket created with a customer. */
  notificationsPerCustomerTicket: number;
}

async function events(bench: BenchStack, workflowId: string): Promise<string[]> {
  const history = await bench.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).map((event) => (EventType[event.eventType ?? 0] ?? String(event.eventType)).replace(/^EVENT_TYPE_/, ''));
}

function byType(types: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

async function historyOf(bench: BenchStack, id: string): Promise<TicketHistory> {
  const [lifecycle, sla] = await Promise.all([events(bench, ticketWorkflowId(id)), events(bench, slaWorkflowId(id))]);
  return { lifecycle: lifecycle.length, sla: sla.length, lifecycleTypes: byType(lifecycle), slaTypes: byType(sla) };
}

async function notificationCount(bench: BenchStack): Promise<number> {
  const { count } = await bench.client.workflow.count(`WorkflowType = '${WorkflowTypes.notification}'`);
  return count;
}

async function createOne(bench: BenchStack, customerUserId?: string): Promise<string> {
  const answer = await gatewayRequest(bench, 'POST', '/api/v1/tickets', { title: 'bench history', ...(customerUserId ? { customerUserId } : {}) });
  if (!answer.id) throw new Error(`POST /api/v1/tickets answered ${answer.status}`);
  await drainTickets(bench, [answer.id]);
  await drainNotifications(bench);
  return answer.id;
}

/**
 * Creates one ticket without and `samples` with a customer, one at a time on a drained stack, and
 * reads their histories. Visibility trails a little: the notification count is read after a drain.
 */
export async function historyFigures(bench: BenchStack, customer: string, samples = 3): Promise<HistoryFigures> {
  const plain = await createOne(bench);
  const before = await notificationCount(bench);
  let last = plain;
  for (let i = 0; i < samples; i += 1) last = await createOne(bench, customer);
  const after = await notificationCount(bench);
  return {
    withoutCustomer: await historyOf(bench, plain),
    withCustomer: await historyOf(bench, last),
    notificationsPerCustomerTicket: (after - before) / samples,
  };
}
