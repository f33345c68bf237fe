import { emailNotBefore, type NotificationSettings } from '@gotrs/config';
import {
  WorkflowTypes,
  defaultTitle,
  notificationWorkflowId,
  systemActor,
  type Actor,
  type NotificationRequest,
  type TicketNotice,
  type TicketNoticeEvent,
  type WorkflowSettings,
} from '@gotrs/contracts';
import { findTicket } from '@gotrs/db';
import { workflowClientInterceptors } from '@gotrs/tracing';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { activityRequestId } from '../tracing/activity-context';
import { EVENT_RULES, deliveriesFor, notificationIdFor } from './notification-audience';
import { renderTicketNotice } from './notification-templates';

/**
 * The seam between activities that have something to tell and the notification machinery
 * (NotificationWorkflow per recipient and channel). Ticket, SLA and escalation activities call
 * `notify`; the implementation resolves recipients, renders the templates and starts the workflows.
 */
export interface Notifier {
  /** Starts the notifications of `notice`; answers their IDs (already started ones included). */
  notify(notice: TicketNotice): Promise<string[]>;
}

/** What `createNotifier` needs: where tickets are read and how notification workflows are started. */
export interface NotifierDeps {
  pool: Pool;
  client: Client;
  taskQueue: string;
  settings: NotificationSettings;
  /** Recorded in each notification's memo, so its run need not ask the worker for them. */
  workflowSettings?: WorkflowSettings;
  logger: Logger;
  /** Epoch milliseconds now (tests move it); `Date.now` by default. */
  clock?: () => number;
}

async function ticketFacts(pool: Pool, ticketId: string) {
  const ticket = await findTicket(pool, ticketId);
  // A ticket whose row is not written yet (a Go caller's SLA, say) is still worth telling about.
  if (!ticket) return { id: ticketId, number: null, title: defaultTitle(ticketId), status: null, priority: null, assignee: null, customerUserId: null };
  const { id, number, title, status, priority, assignee, customerUserId } = ticket;
  return { id, number, title, status, priority, assignee, customerUserId };
}

/** Who asks for the worker's own notices: the SLA for its warnings and breaches, the ladder for its levels. */
const REQUESTER: Record<TicketNoticeEvent, Actor> = {
  'ticket.created': systemActor('system'),
  'ticket.assigned': systemActor('system'),
  'ticket.status-changed': systemActor('system'),
  'sla.warning': systemActor('sla'),
  'sla.breach': systemActor('sla'),
  escalation: systemActor('escalation'),
};
/** `client` with our interceptors: the notifying activity's request ID (and trace) go on to the notifications. */
function intercepted(client: Client): Client {
  const { namespace, dataConverter } = client.options;
  return new Client({ connection: client.connection, namespace, dataConverter, interceptors: { workflow: workflowClientInterceptors(activityRequestId) } });
}

/** Starts `notification-{id}`; one that was already started (running or done) is left alone. */
async function start(client: Client, deps: NotifierDeps, request: NotificationRequest): Promise<void> {
  try {
    await client.workflow.start(WorkflowTypes.notification, {
      workflowId: notificationWorkflowId(request.id),
      taskQueue: deps.taskQueue,
      args: [request],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { notification: request, ...(deps.workflowSettings ? { workflowSettings: deps.workflowSettings } : {}) },
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return;
    throw error;
  }
}

/**
 * The notifier of the worker: resolves a notice's recipients (named, or the event's default
 * audience) through the directory, renders the text and HTML templates with the ticket's number,
 * title and link, and starts one NotificationWorkflow per recipient and channel with an ID derived
 * from the notice's key, so the same occurrence never notifies anyone twice.
 */
export function createNotifier(deps: NotifierDeps): Notifier {
  const now = deps.clock ?? Date.now;
  const client = intercepted(deps.client);
  return {
    async notify(notice) {
      const ticket = await ticketFacts(deps.pool, notice.ticketId);
      const link = `${deps.settings.publicBaseUrl}/tickets/${encodeURIComponent(ticket.id)}`;
      const urgent = EVENT_RULES[notice.event].urgent;
      const requests = deliveriesFor(notice, ticket, deps.settings).map(({ recipient, channel }): NotificationRequest => {
        const message = renderTicketNotice({ event: notice.event, ticket, link, recipientName: recipient.name, facts: notice.facts ?? {} });
        const notBefore = channel === 'email' && !urgent ? emailNotBefore(recipient.person, now()) : null;
        return {
          id: notificationIdFor(notice.key, recipient.key, channel),
          ticketId: ticket.id,
          recipient: recipient.key,
          channel,
          subject: message.subject,
          body: message.text,
          html: message.html,
          event: notice.event,
          deliverAfter: notBefore === null ? null : new Date(notBefore).toISOString(),
          requestedBy: REQUESTER[notice.event],
        };
      });
      await Promise.all(requests.map((request) => start(client, deps, request)));
      deps.logger.info({ ticketId: notice.ticketId, event: notice.event, key: notice.key, notifications: requests.map((r) => r.id) }, 'notifications started');
      return requests.map((r) => r.id);
    },
  };
}
