/** The ticket events the worker tells people about. */
export type TicketNoticeEvent = 'ticket.created' | 'ticket.assigned' | 'ticket.status-changed' | 'sla.warning' | 'sla.breach' | 'escalation';

/**
 * Input of `NotifyTicketEventActivity` (and of the worker's notifier): something happened to a ticket
 * that its people hear about, once per occurrence.
 */
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
