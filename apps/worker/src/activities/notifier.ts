/**
 * The seam between activities that have something to tell and the notification machinery
 * (NotificationWorkflow per recipient and channel). Ticket, SLA and escalation activities call
 * `notify`; the implementation resolves recipients, renders the templates and starts the workflows.
 */
export type TicketNoticeEvent =
  | 'ticket.created'
  | 'ticket.assigned'
  | 'ticket.status-changed'
  | 'sla.warning'
  | 'sla.breach'
  | 'escalation';

export interface TicketNotice {
  /**
   * Once-only key of the occurrence, e.g. `{ticketId}/assigned/{changeId}` or
   * `{ticketId}/sla/FirstResponse/1/breach`: the same key for the same recipient and channel is
   * delivered once, however often it is asked for.
   */
  key: string;
  event: TicketNoticeEvent;
  ticketId: string;
  /**
   * Agent, manager or customer user IDs, or addresses. When absent the event's default audience is
   * used: created/status-changed → the customer, assigned → the assignee.
   */
  recipients?: string[];
  /** Template variables beyond the ticket's own fields (milestone, dueAt, level, from, to...). */
  facts?: Record<string, string | number | null>;
}

export interface Notifier {
  /** Starts the notifications of `notice`; answers their IDs (already started ones included). */
  notify(notice: TicketNotice): Promise<string[]>;
}
