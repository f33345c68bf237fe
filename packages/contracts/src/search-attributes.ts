import { SearchAttributeType, defineSearchAttributeKey, type SearchAttributePair, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { MilestoneState } from './sla';
import { withTicketDefaults, type NewTicket, type Ticket } from './ticket';

/**
 * The custom search attributes of ticket and SLA workflows, so that operators can filter in the
 * Temporal UI and `temporal workflow list --query` (`SlaState = 'breached' AND TicketQueue = 'Network'`).
 * The server must have them registered in the namespace (the worker checks at start).
 */
export const SearchAttributeKeys = {
  /** `ticket-{id}`: the ticket's status name (`open`, `pending reminder`, ...). */
  ticketStatus: defineSearchAttributeKey('TicketStatus', SearchAttributeType.KEYWORD),
  /** `ticket-{id}` and `sla-{id}`: the ticket's queue. */
  ticketQueue: defineSearchAttributeKey('TicketQueue', SearchAttributeType.KEYWORD),
  /** `ticket-{id}` and `sla-{id}`: the priority, `1` (very low) to `5` (very high). */
  ticketPriority: defineSearchAttributeKey('TicketPriority', SearchAttributeType.KEYWORD),
  /** `ticket-{id}`: the assigned agent; absent while unassigned. */
  ticketAssignee: defineSearchAttributeKey('TicketAssignee', SearchAttributeType.KEYWORD),
  /** `sla-{id}`: `breached`, `warned`, `running`, `paused` or `met`, the most urgent of its milestones. */
  slaState: defineSearchAttributeKey('SlaState', SearchAttributeType.KEYWORD),
  /** `sla-{id}`: the earliest due instant of a running milestone; absent when none runs. */
  slaNextDueAt: defineSearchAttributeKey('SlaNextDueAt', SearchAttributeType.DATETIME),
} as const;

/** Every custom search attribute with its type, for registering them on a server or checking it. */
export const SEARCH_ATTRIBUTES: ReadonlyArray<{ name: string; type: SearchAttributeType }> = Object.values(SearchAttributeKeys).map(
  ({ name, type }) => ({ name, type }),
);

const CLI_TYPE_NAMES: Record<SearchAttributeType, string> = {
  TEXT: 'Text', KEYWORD: 'Keyword', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList',
};

/** The type names of the `temporal` CLI (`--search-attribute Name=Keyword`, `--type Datetime`). */
export function cliTypeName(type: SearchAttributeType): string {
  return CLI_TYPE_NAMES[type];
}

/**
 * The longest Keyword value written: SQL visibility stores them in 255-character columns. A longer
 * one (a Go caller's, say) is left out rather than failing every workflow task of the run.
 */
export const MAX_KEYWORD_LENGTH = 255;

function keyword(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_KEYWORD_LENGTH ? value : null;
}

/** A ticket's search attributes: status, queue, priority (`1`..`5`) and assignee (absent when none). */
export function ticketSearchAttributes(ticket: Pick<Ticket, 'status' | 'queue' | 'priority' | 'assignee'>): SearchAttributeUpdatePair[] {
  return [
    { key: SearchAttributeKeys.ticketStatus, value: keyword(ticket.status) },
    { key: SearchAttributeKeys.ticketQueue, value: keyword(ticket.queue) },
    { key: SearchAttributeKeys.ticketPriority, value: keyword(String(ticket.priority)) },
    { key: SearchAttributeKeys.ticketAssignee, value: keyword(ticket.assignee) },
  ];
}

/**
 * An SLA's search attributes: its state and next due instant, and the ticket's queue and priority as
 * its starter put them in the memo (anything else there, a Go caller's say, leaves them absent).
 */
export function slaSearchAttributes(summary: { state: MilestoneState | null; nextDueAt: Date | null }, memo: object): SearchAttributeUpdatePair[] {
  const ticket = memo as { queue?: unknown; priority?: unknown };
  const priority = typeof ticket.priority === 'number' && Number.isInteger(ticket.priority) ? String(ticket.priority) : null;
  return [
    { key: SearchAttributeKeys.slaState, value: summary.state },
    { key: SearchAttributeKeys.slaNextDueAt, value: summary.nextDueAt },
    { key: SearchAttributeKeys.ticketQueue, value: typeof ticket.queue === 'string' ? keyword(ticket.queue) : null },
    { key: SearchAttributeKeys.ticketPriority, value: priority },
  ];
}

/**
 * The pairs that have a value, for a workflow start: a run started with the attributes its first
 * task would upsert finds them already set and upserts nothing (one history event fewer).
 */
export function startSearchAttributes(pairs: SearchAttributeUpdatePair[]): SearchAttributePair[] {
  return pairs.filter((pair): pair is SearchAttributePair => pair.value !== null);
}

/** What `ticket-{id}` starts with: the attributes of the row it will create (the same defaults, nobody assigned). */
export function ticketStartSearchAttributes(ticket: NewTicket): SearchAttributePair[] {
  return startSearchAttributes(ticketSearchAttributes({ ...withTicketDefaults(ticket), assignee: null }));
}
